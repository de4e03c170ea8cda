import { describe, expect, it } from 'vitest';
import {
  beforeRegime,
  COMPLIANCE_CHECKS,
  countsAsHeld,
  complianceScore,
  complianceScoreFormula,
  evaluateCheck,
  passShareTrend,
  sumScores,
  distributionState,
  evaluateCell,
  evaluateMeetingsCell,
  executionState,
  heldInMonth,
  monthlyVerdict,
  monthsBetween,
  numberingProblems,
  recorderSpans,
  type CountableMeeting,
  type Evidence,
  type MonthlyVerdict,
} from './compliance.js';

describe('R3.5: monthly compliance', () => {
  const cases: Array<[string, number, number, string, string, MonthlyVerdict]> = [
    // name, held, required, month, now, verdict
    ['enough held during the month', 1, 1, '2026-11', '2026-11-10T00:00:00Z', 'met'],
    ['more than enough', 3, 2, '2026-11', '2026-12-10T00:00:00Z', 'met'],
    ['one of two, month running', 1, 2, '2026-11', '2026-11-25T00:00:00Z', 'not_yet'],
    ['one of two, month over', 1, 2, '2026-11', '2026-12-01T00:00:00Z', 'missed'],
    ['none, month over years ago', 0, 1, '2025-01', '2026-11-10T00:00:00Z', 'missed'],
    ['none, a future month', 0, 1, '2026-12', '2026-11-10T00:00:00Z', 'not_yet'],
    ['nothing required', 0, 0, '2026-10', '2026-11-10T00:00:00Z', 'met'],
    // 2026-11-30T16:30Z is already 1 December in Shanghai: November is over.
    ['the month ends at Shanghai midnight', 0, 1, '2026-11', '2026-11-30T16:30:00Z', 'missed'],
    ['the last Shanghai minute of the month', 0, 1, '2026-11', '2026-11-30T15:59:00Z', 'not_yet'],
  ];
  it.each(cases)('R3.5: %s', (_name, held, required, month, now, verdict) => {
    expect(monthlyVerdict(held, required, month, new Date(now))).toBe(verdict);
  });

  const held: CountableMeeting = { status: 'closed', startedAt: '2026-11-30T15:30:00Z', discussedTopics: 1 };
  const countCases: Array<[string, CountableMeeting, string | null]> = [
    ['closed with a discussed topic, Shanghai month of its start', held, '2026-11'],
    ['in session counts', { ...held, status: 'in_session' }, '2026-11'],
    ['started 23:30 on 30 Nov Shanghai (UTC 15:30) counts for November', held, '2026-11'],
    [
      'started 00:30 on 1 Dec Shanghai (UTC 30 Nov) counts for December',
      { ...held, startedAt: '2026-11-30T16:30:00Z' },
      '2026-12',
    ],
    ['no topic discussed', { ...held, discussedTopics: 0 }, null],
    ['cancelled', { ...held, status: 'cancelled', startedAt: null }, null],
    ['planned', { ...held, status: 'planned', startedAt: null }, null],
    ['notified', { ...held, status: 'notified', startedAt: null }, null],
  ];
  it.each(countCases)('R3.5: %s', (_name, m, month) => {
    expect(heldInMonth(m)).toBe(month);
    expect(countsAsHeld(m)).toBe(month !== null);
  });
});

describe('R6.4: the compliance matrix rules', () => {
  it('R6.4 R5.2: recorder spans split at each change and show gaps', () => {
    const spans = recorderSpans(
      ['王芳'],
      [
        { at: '2026-08-10T01:00:00.000Z', names: [] },
        { at: '2026-08-20T01:00:00.000Z', names: ['王芳'] },
      ],
      '2026-07-31T16:00:00.000Z',
      '2026-08-31T16:00:00.000Z',
    );
    expect(spans).toEqual([
      { from: '2026-07-31T16:00:00.000Z', to: '2026-08-10T01:00:00.000Z', names: ['王芳'] },
      { from: '2026-08-10T01:00:00.000Z', to: '2026-08-20T01:00:00.000Z', names: [] },
      { from: '2026-08-20T01:00:00.000Z', to: '2026-08-31T16:00:00.000Z', names: ['王芳'] },
    ]);
    // A change after the span's end, and one that changes nothing, add no span.
    expect(recorderSpans(['甲'], [{ at: '2026-01-05T00:00:00Z', names: ['甲'] }], '2026-01-01', '2026-01-10')).toEqual([
      { from: '2026-01-01', to: '2026-01-10', names: ['甲'] },
    ]);
  });

  it('R6.4 R5.6: a gap falls in the month of the next number, a duplicate in its own, the counter’s tail in the tail month', () => {
    expect(
      numberingProblems(
        [
          { seq: 1, month: '2026-01', id: 'a' },
          { seq: 3, month: '2026-03', id: 'c' },
          { seq: 3, month: '2026-04', id: 'd' },
        ],
        5,
        '2026-11',
      ),
    ).toEqual([
      { month: '2026-03', kind: 'gap', seq: 2, id: null },
      { month: '2026-04', kind: 'duplicate', seq: 3, id: 'd' },
      { month: '2026-11', kind: 'gap', seq: 4, id: null },
      { month: '2026-11', kind: 'gap', seq: 5, id: null },
    ]);
  });

  it('R6.4 R6.2: an item against its deadline in force', () => {
    expect(
      executionState({ status: 'completed', deadline: '2026-07-15', closedDay: '2026-07-10' }, '2026-11-02').state,
    ).toBe('ok');
    expect(
      executionState({ status: 'verified', deadline: '2026-07-15', closedDay: '2026-07-16' }, '2026-11-02').state,
    ).toBe('problem');
    expect(executionState({ status: 'in_progress', deadline: '2026-07-15', closedDay: null }, '2026-07-15').state).toBe(
      'pending',
    );
    expect(executionState({ status: 'in_progress', deadline: '2026-07-15', closedDay: null }, '2026-07-16').state).toBe(
      'problem',
    );
    expect(
      executionState({ status: 'terminated', deadline: '2026-07-15', closedDay: '2026-07-01' }, '2026-11-02').state,
    ).toBe('skipped');
  });

  it('R6.4 R5.8: distribution on time, late, overdue, filing unsigned', () => {
    const d = { deadline: '2026-04-07T15:59:59.999Z', dueDate: '2026-04-07', filings: 1, filingsSigned: 1 };
    const after = new Date('2026-05-01T00:00:00Z');
    expect(distributionState({ ...d, issuedAt: '2026-04-03T02:00:00Z' }, after).state).toBe('ok');
    expect(distributionState({ ...d, issuedAt: '2026-04-20T02:00:00Z' }, after).detail).toBe(
      '逾期分送（时限 2026-04-07）',
    );
    expect(distributionState({ ...d, issuedAt: null }, after).state).toBe('problem');
    expect(distributionState({ ...d, issuedAt: null }, new Date('2026-04-05T00:00:00Z')).state).toBe('pending');
    expect(distributionState({ ...d, issuedAt: '2026-04-03T02:00:00Z', filingsSigned: 0 }, after).state).toBe(
      'problem',
    );
    expect(
      distributionState({ ...d, issuedAt: '2026-04-03T02:00:00Z', filings: 0, filingsSigned: 0 }, after).state,
    ).toBe('problem');
  });

  it('R6.4: cells — a problem fails, a fact that holds passes, nothing to check is 不适用; months between', () => {
    const now = new Date('2026-11-02T02:00:00Z');
    const e = (state: Evidence['state']): Evidence => ({
      kind: 'meeting',
      id: 'x',
      label: '',
      link: null,
      state,
      detail: '',
    });
    expect(evaluateCell('2026-10', now, [e('ok'), e('problem')]).result).toBe('fail');
    expect(evaluateCell('2026-10', now, [e('ok'), e('pending')]).result).toBe('pass');
    expect(evaluateCell('2026-10', now, [e('pending')]).result).toBe('na');
    expect(evaluateCell('2026-12', now, [e('problem')]).result).toBe('na');
    expect(evaluateMeetingsCell('2026-10', now, 1, [e('skipped')]).result).toBe('fail');
    expect(evaluateMeetingsCell('2026-11', now, 1, []).result).toBe('na');
    expect(evaluateMeetingsCell('2026-11', now, 1, [e('ok')]).result).toBe('pass');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('R6.4 go-live: before the regime’s start every check is 不适用 (its facts still counted); from it, the check’s rule', () => {
    const now = new Date('2026-11-02T02:00:00Z');
    const e = (state: Evidence['state']): Evidence => ({
      kind: 'meeting',
      id: 'x',
      label: '',
      link: null,
      state,
      detail: '',
    });
    expect(beforeRegime('2026-04', '2026-05')).toBe(true);
    expect(beforeRegime('2026-05', '2026-05')).toBe(false);
    for (const check of COMPLIANCE_CHECKS)
      expect(evaluateCheck(check, '2026-04', now, 1, '2026-05', [e('problem')]), check).toEqual({
        result: 'na',
        counts: { ok: 0, problem: 1, pending: 0, skipped: 0 },
        note: '本制度自 2026-05 起施行，此前的月份不适用',
      });
    expect(evaluateCheck('meetings', '2026-05', now, 1, '2026-05', []).result).toBe('fail');
    expect(evaluateCheck('integrity', '2026-05', now, 1, '2026-05', [e('problem')]).result).toBe('fail');
    expect(evaluateCheck('registers', '2026-05', now, 1, '2026-05', [e('pending')]).note).toBe(
      '待定：1 条匹配尚待复核',
    );
  });

  it('R6.4 得分: weighted passes over weighted applicable cells of the ended months; weight 0 and 不适用 count on neither side', () => {
    const w = {
      meetings: 3,
      recorder: 1,
      distribution: 2,
      fidelity: 0,
      integrity: 1,
      numbering: 1,
      execution: 1,
      registers: 1,
    };
    const month = (m: string, soFar: boolean, results: Record<string, 'pass' | 'fail' | 'na'>) => ({
      month: m,
      soFar,
      cells: COMPLIANCE_CHECKS.map((check) => ({ check, result: results[check] ?? 'na' })),
    });
    const months = [
      month('2026-04', false, { meetings: 'pass', recorder: 'pass', distribution: 'fail', fidelity: 'fail' }),
      month('2026-05', false, { meetings: 'fail', recorder: 'pass', distribution: 'pass' }),
      // Running: in the trend, not in the score.
      month('2026-06', true, { meetings: 'fail', recorder: 'fail' }),
    ];
    // April 4 of 6 (R5.4 weight 0), May 3 of 6 → 7 / 12.
    expect(complianceScore(months, w)).toEqual({
      score: 58.3,
      passedWeight: 7,
      applicableWeight: 12,
      passed: 4,
      failed: 2,
      notApplicable: 8,
      months: 2,
    });
    expect(complianceScore([month('2026-04', false, {})], w).score).toBeNull();
    expect(complianceScore([month('2026-04', false, { meetings: 'pass' })], w).score).toBe(100);
    const other = complianceScore([month('2026-04', false, { meetings: 'fail', recorder: 'pass' })], w);
    expect(sumScores([complianceScore(months, w), other])).toMatchObject({
      score: 50,
      passedWeight: 8,
      applicableWeight: 16,
    });
    expect(complianceScoreFormula(w).notes[0]).toMatch(/^权重：每月召开处务会（R3\.5）3，指定专人记录（R5\.2）1，/);

    // 趋势: unweighted share per month, rows added up; the running month marked.
    expect(passShareTrend([months])).toEqual([
      { month: '2026-04', soFar: false, passed: 2, applicable: 4, share: 0.5 },
      { month: '2026-05', soFar: false, passed: 2, applicable: 3, share: 0.667 },
      { month: '2026-06', soFar: true, passed: 0, applicable: 2, share: 0 },
    ]);
    expect(passShareTrend([months, [month('2026-04', false, { meetings: 'pass', numbering: 'pass' })]])[0]).toEqual({
      month: '2026-04',
      soFar: false,
      passed: 4,
      applicable: 6,
      share: 0.667,
    });
    expect(passShareTrend([[month('2026-04', false, {})]])[0]?.share).toBeNull();
  });
});
