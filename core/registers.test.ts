import { describe, expect, it } from 'vitest';
import {
  amountWithin,
  candidatesFor,
  checkRegisterLines,
  mapHeader,
  overlapScore,
  parseRegisterAmount,
  parseRegisterDay,
  type CandidateTopic,
} from './registers.js';

const topic = (over: Partial<CandidateTopic>): CandidateTopic => ({
  topicId: 't',
  title: '参展补助资金',
  divisionId: 'd1',
  amountFen: 100_000_00,
  meetingDay: '2026-03-10',
  meetingId: 'm',
  tokens: ['参展', '补助', '资金'],
  ...over,
});

describe('R4.1: the register rules (pure)', () => {
  it('R4.1: days, Excel day numbers and amounts are read strictly', () => {
    expect(parseRegisterDay('2026-04-02')).toBe('2026-04-02');
    expect(parseRegisterDay('2026/4/2')).toBe('2026-04-02');
    expect(parseRegisterDay('2026-02-30')).toBeNull();
    expect(parseRegisterDay('46114')).toBe('2026-04-02');
    expect(parseRegisterDay('明天')).toBeNull();
    expect(parseRegisterAmount('1,150,000.5元')).toBe(115_000_050);
    expect(parseRegisterAmount('-3')).toBeNull();
    expect(parseRegisterAmount('1.234')).toBeNull();
  });

  it('R4.1: the header in any order; the amount column is required only for funds', () => {
    const m = mapHeader(['事项', '日期', '处室'], 'project');
    expect(m.ok && m.index).toEqual({ division: 2, day: 1, amount: null, subject: 0 });
    expect(mapHeader(['事项', '日期', '处室'], 'funds').ok).toBe(false);
    const index = { division: 0, day: 1, amount: 2, subject: 3 };
    const r = checkRegisterLines(
      [
        ['对外贸易处', '2026-04-02', '', '项目审批'],
        ['', '', '', ''],
        ['x处', 'bad', '1', ''],
      ],
      index,
      'project',
      [{ id: 'd1', name: '对外贸易处' }],
    );
    expect(r.rows).toHaveLength(1);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [4, '处室'],
      [4, '日期'],
      [4, '事项'],
    ]);
  });

  it('R4.1: a candidate is decided strictly before the line’s day, by its division, within the funds tolerance', () => {
    const row = { divisionId: 'd1', day: '2026-04-02', amountFen: 110_000_00, tokens: ['参展', '资金', '拨付'] };
    expect(overlapScore(row.tokens, topic({}).tokens)).toBe(50);
    expect(candidatesFor(row, 'funds', [topic({})], 10).map((c) => c.score)).toEqual([50]);
    expect(candidatesFor(row, 'funds', [topic({ meetingDay: '2026-04-02' })], 10)).toEqual([]);
    expect(candidatesFor(row, 'funds', [topic({ divisionId: 'd2' })], 10)).toEqual([]);
    expect(candidatesFor({ ...row, amountFen: 110_000_01 }, 'funds', [topic({})], 10)).toEqual([]);
    expect(candidatesFor(row, 'funds', [topic({ amountFen: null })], 10)).toEqual([]);
    expect(candidatesFor(row, 'project', [topic({ amountFen: null })], 10)).toHaveLength(1);
    expect(candidatesFor({ ...row, tokens: ['无关'] }, 'project', [topic({})], 10)).toEqual([]);
    expect(amountWithin(90_000_00, 100_000_00, 10)).toBe(true);
  });
});
