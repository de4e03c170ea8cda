import { describe, expect, it } from 'vitest';
import { compareRank, inRankOrder, leaderRoleOf, type RankFacts } from './org.js';

const p = (name: string, over: Partial<RankFacts> = {}): RankFacts => ({
  name,
  leaderRole: null,
  position: 'staff',
  sortOrder: 0,
  ...over,
});

describe('names in rank order (issue 15)', () => {
  it('R3.1: the head, then deputies, then staff by the admin’s sort number, whatever the input order', () => {
    const people = [
      p('周婷', { sortOrder: 20 }),
      p('张敏', { position: 'deputy' }),
      p('陈静', { sortOrder: 10 }),
      p('李伟', { position: 'head', sortOrder: 99 }),
      p('黄磊', { sortOrder: 10 }),
    ];
    // Equal sort numbers fall back to the name in pinyin order (陈 chen before 黄 huang).
    expect(inRankOrder(people, (x) => x).map((x) => x.name)).toEqual(['李伟', '张敏', '陈静', '黄磊', '周婷']);
    expect(inRankOrder([...people].reverse(), (x) => x).map((x) => x.name)).toEqual([
      '李伟',
      '张敏',
      '陈静',
      '黄磊',
      '周婷',
    ]);
  });

  it('R5.8: bureau leaders come first — principal, supervising, discipline secretary — then the division', () => {
    const people = [
      p('孙明', { leaderRole: 'discipline_secretary', position: null }),
      p('李伟', { position: 'head' }),
      p('陈立新', { leaderRole: 'supervising_leader', position: null }),
      p('王建国', { leaderRole: 'principal_leader', position: null }),
      p('外处人员', { position: null }),
    ];
    expect(inRankOrder(people, (x) => x).map((x) => x.name)).toEqual(['王建国', '陈立新', '孙明', '李伟', '外处人员']);
  });

  it('a sort number never lifts staff above a deputy', () => {
    expect(compareRank(p('甲', { sortOrder: 0 }), p('乙', { position: 'deputy', sortOrder: 500 }))).toBeGreaterThan(0);
  });

  it('leaderRoleOf picks the highest leader role and ignores the others', () => {
    expect(leaderRoleOf(['system_admin'])).toBeNull();
    expect(leaderRoleOf(['discipline_secretary', 'principal_leader'])).toBe('principal_leader');
  });
});
