import { describe, expect, it } from 'vitest';
import { SHIPPED_SCHEDULES } from './calendar/holiday-data/index.js';
import { WorkingDayCalendar } from './calendar/working-days.js';
import { DEFAULT_REGIME, regimeSettingsSchema } from './settings.js';
import { divisionScore, executionScores, scoreFormula, type ScoreItem, type ScoreSettings } from './tracking-score.js';

const cal = new WorkingDayCalendar(SHIPPED_SCHEDULES);
const S: ScoreSettings = {
  trackingScoreOnTimeWeight: 60,
  trackingScoreCompletionWeight: 40,
  trackingScoreOverduePenalty: 0.5,
  trackingScoreExtensionPenalty: 2,
};
const it_ = (over: Partial<ScoreItem>): ScoreItem => ({
  divisionId: 'd1',
  status: 'completed',
  deadline: '2026-09-30',
  closedDay: '2026-09-29',
  extensions: 0,
  ...over,
});

describe('R6.2 考评: the execution score of a division', () => {
  // Today 2026-10-16; 国庆 10-01…10-07 off, Saturday 10-10 worked.
  const items = [
    it_({}), // on time
    it_({ closedDay: '2026-10-09' }), // late: 10-08, 10-09 — two working days, the holiday not counted
    it_({ deadline: '2026-10-16', closedDay: '2026-10-15', extensions: 1 }), // extended, on time by the new deadline
    it_({ status: 'terminated', deadline: '2026-10-09', closedDay: '2026-10-10', extensions: 3 }), // excluded
    it_({ status: 'in_progress', deadline: '2026-10-14', closedDay: null }), // open: 10-15, 10-16 overdue
  ];

  it('R6.2: counts items due, on time by the deadline in force, overdue working days and extensions; terminated apart', () => {
    expect(divisionScore(cal, '2026-10-16', S, 'd1', items)).toEqual({
      divisionId: 'd1',
      due: 4,
      completed: 3,
      completedOnTime: 2,
      onTimeRate: 0.5,
      completionRate: 0.75,
      overdueWorkingDays: 4,
      extensions: 1,
      terminated: 1,
      // 0.5×60 + 0.75×40 − 4×0.5 − 1×2
      score: 56,
    });
  });

  it('R6.2: the 调休 Saturday is an overdue working day; the score never goes below 0; nothing due is no score', () => {
    const open = it_({ status: 'pending', closedDay: null });
    // (09-30, 10-13]: 10-08, 10-09, 10-10, 10-12, 10-13.
    expect(divisionScore(cal, '2026-10-13', S, 'd1', [open])).toMatchObject({ overdueWorkingDays: 5, score: 0 });
    expect(divisionScore(cal, '2026-10-13', S, 'd1', [it_({ status: 'terminated' })])).toMatchObject({
      due: 0,
      terminated: 1,
      onTimeRate: null,
      completionRate: null,
      score: null,
    });
    // A completion confirmed on the deadline day is on time; verified counts as completed.
    expect(
      divisionScore(cal, '2026-10-13', S, 'd1', [it_({ status: 'verified', closedDay: '2026-09-30' })]),
    ).toMatchObject({ completedOnTime: 1, overdueWorkingDays: 0, score: 100 });
    // Two decimals.
    const third = [
      it_({}),
      it_({ status: 'pending', deadline: '2026-12-31', closedDay: null }),
      it_({ status: 'pending', deadline: '2026-12-31', closedDay: null }),
    ];
    expect(divisionScore(cal, '2026-10-13', S, 'd1', third).score).toBe(33.33);
  });

  it('R6.2: one row per division with items, in the order given', () => {
    const rows = executionScores(cal, '2026-10-16', S, ['d2', 'd1', 'd3'], [...items, it_({ divisionId: 'd2' })]);
    expect(rows.map((r) => [r.divisionId, r.score])).toEqual([
      ['d2', 100],
      ['d1', 56],
    ]);
  });

  it('R6.2: the formula is written from the unit’s weights and says which deadline counts', () => {
    const f = scoreFormula(S);
    expect(f.formula).toBe('得分 = 按期办结率×60 + 办结率×40 − 逾期工作日×0.5 − 延期次数×2（最低为 0，满分 100）');
    expect(f.notes.join('')).toContain('以延期后的完成时限为准');
    expect(scoreFormula({ ...S, trackingScoreOverduePenalty: 1.25 }).formula).toContain('逾期工作日×1.25');
  });

  it('R6.2: the weights are unit settings with sensible defaults and validated ranges', () => {
    expect(DEFAULT_REGIME).toMatchObject(S);
    const ok = (patch: object) => regimeSettingsSchema.safeParse({ ...DEFAULT_REGIME, ...patch }).success;
    expect(ok({ trackingScoreOverduePenalty: 0.25 })).toBe(true);
    expect(ok({ trackingScoreOverduePenalty: 0.125 })).toBe(false);
    expect(ok({ trackingScoreOverduePenalty: -1 })).toBe(false);
    expect(ok({ trackingScoreOverduePenalty: 11 })).toBe(false);
    expect(ok({ trackingScoreExtensionPenalty: 20 })).toBe(true);
    expect(ok({ trackingScoreExtensionPenalty: 21 })).toBe(false);
    expect(ok({ trackingScoreOnTimeWeight: 60.5 })).toBe(false);
    expect(ok({ trackingScoreCompletionWeight: 101 })).toBe(false);
  });
});
