import { describe, expect, it } from 'vitest';
import {
  boundKindOf,
  chineseNumber,
  dateCn,
  entryProblems,
  MEETING_DECIDES,
  type Attendee,
  type Opinion,
  type RecordEntry,
} from './record.js';
import type { MatterFlag } from './settings.js';

const attendee = (userId: string, name: string, over: Partial<Attendee> = {}): Attendee => ({
  userId,
  name,
  role: 'participant',
  present: true,
  ...over,
});
const said = (speakerId: string, stance: Opinion['stance'] = 'for'): Opinion => ({
  speakerId,
  speakerName: speakerId,
  stance,
  text: stance === 'no_opinion' ? '' : '意见',
});
type Facts = Pick<RecordEntry, 'status' | 'discussion' | 'opinions' | 'decisions' | 'matterFlags'>;
const facts = (over: Partial<Facts> = {}): Facts => ({
  status: 'recorded',
  discussion: '会议听取了汇报。',
  opinions: [],
  decisions: [],
  matterFlags: [],
  ...over,
});
const DECISION = { text: '同意', outcome: 'adopted' as const, responsible: '', deadline: null };
const NONE = { noDiscussion: false, silent: [], decisionRequired: false };

describe('entryProblems', () => {
  it('the matters only a meeting decides are projects, funds, major penalties and delegated powers', () => {
    expect(MEETING_DECIDES).toEqual(['project', 'funds', 'major_penalty', 'delegated_power']);
  });

  it.each<[string, Partial<Facts>]>([
    ['not discussed', { status: 'not_discussed' }],
    ['deferred', { status: 'deferred' }],
  ])('a topic %s has no problems, whatever it lacks', (_name, over) => {
    const bare = facts({ ...over, discussion: '', matterFlags: ['funds'] });
    expect(entryProblems(bare, [attendee('u1', '张敏')], MEETING_DECIDES)).toEqual(NONE);
  });

  it.each<[string, string, boolean]>([
    ['R5.3: an empty discussion', '', true],
    ['R5.3: a blank discussion', ' \n\t ', true],
    ['R5.3: a written discussion', '会议听取了汇报。', false],
  ])('%s', (_name, discussion, noDiscussion) => {
    expect(entryProblems(facts({ discussion }), [], MEETING_DECIDES).noDiscussion).toBe(noDiscussion);
  });

  const people = [
    attendee('u-li', '李伟'),
    attendee('u-zhang', '张敏'),
    attendee('u-wang', '王芳', { present: false }),
    attendee('u-wu', '吴列席', { role: 'observer' }),
    attendee('u-huang', '黄磊'),
  ];
  it.each<[string, Opinion[], string[]]>([
    ['R6.1: every present participant silent', [], ['李伟', '张敏', '黄磊']],
    ['R6.1: one present participant silent', [said('u-li'), said('u-huang', 'against')], ['张敏']],
    [
      'R6.1: 未发表意见 is a stance: nobody silent',
      [said('u-li'), said('u-zhang', 'no_opinion'), said('u-huang', 'abstain')],
      [],
    ],
    ['an absent participant is never silent', [said('u-li'), said('u-zhang'), said('u-huang')], []],
    ['an observer is never required to speak', [said('u-li'), said('u-zhang'), said('u-huang')], []],
    ['an opinion by someone not attending covers nobody', [said('u-other'), said('u-li'), said('u-huang')], ['张敏']],
  ])('%s', (_name, opinions, silent) => {
    expect(entryProblems(facts({ opinions }), people, MEETING_DECIDES).silent).toEqual(silent);
  });

  it('an observer who spoke and an absent participant who did not change nothing', () => {
    const p = entryProblems(facts({ opinions: [said('u-wu')] }), people, MEETING_DECIDES);
    expect(p.silent).toEqual(['李伟', '张敏', '黄磊']);
  });

  it.each<[string, MatterFlag[], boolean, boolean]>([
    ['R4.1: a project without a decision', ['project'], false, true],
    ['R4.1: funds without a decision', ['funds'], false, true],
    ['R4.1: a major penalty without a decision', ['major_penalty'], false, true],
    ['R4.1: a delegated power without a decision', ['delegated_power'], false, true],
    ['R4.1: licensing and funds without a decision', ['licensing', 'funds'], false, true],
    ['R4.1: funds with a decision', ['funds'], true, false],
    ['licensing alone does not need a decision', ['licensing'], false, false],
    ['no matter flags', [], false, false],
  ])('%s', (_name, matterFlags, decided, required) => {
    const e = facts({ matterFlags, decisions: decided ? [DECISION] : [] });
    expect(entryProblems(e, [], MEETING_DECIDES).decisionRequired).toBe(required);
  });

  it.each<[string, readonly MatterFlag[], MatterFlag[], boolean]>([
    ['a unit that requires none', [], ['funds'], false],
    ['a unit that also requires licensing', ['licensing'], ['licensing'], true],
  ])('the matters that need a decision are the caller’s: %s', (_name, decides, matterFlags, required) => {
    expect(entryProblems(facts({ matterFlags }), [], decides).decisionRequired).toBe(required);
  });

  it('reports every problem at once', () => {
    const e = facts({ discussion: '', matterFlags: ['project'], opinions: [said('u-li')] });
    expect(entryProblems(e, people, MEETING_DECIDES)).toEqual({
      noDiscussion: true,
      silent: ['张敏', '黄磊'],
      decisionRequired: true,
    });
  });
});

describe('boundKindOf', () => {
  it.each<[Opinion['stance'], boolean, string | null]>([
    ['for', false, null],
    ['for', true, 'reservation'],
    ['against', false, 'dissent'],
    ['against', true, 'dissent'],
    ['abstain', false, 'abstention'],
    ['abstain', true, 'abstention'],
    ['opinion', false, null],
    ['opinion', true, 'reservation'],
    ['no_opinion', false, null],
    ['no_opinion', true, 'reservation'],
  ])('R5.4: stance %s, reservation %s → %s', (stance, reservation, kind) => {
    expect(boundKindOf({ stance, reservation })).toBe(kind);
  });
});

describe('numbers and dates in the minutes', () => {
  it.each<[number, string]>([
    [1, '一'],
    [2, '二'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [15, '十五'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [30, '三十'],
    [99, '九十九'],
  ])('chineseNumber(%i) = %s', (n, cn) => {
    expect(chineseNumber(n)).toBe(cn);
  });

  it.each<[string, string]>([
    ['2026-12-31', '2026年12月31日'],
    ['2027-01-05', '2027年1月5日'],
    ['2026-10-01', '2026年10月1日'],
  ])('dateCn(%s) = %s', (day, cn) => {
    expect(dateCn(day)).toBe(cn);
  });
});
