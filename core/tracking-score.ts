import type { WorkingDayCalendar } from './calendar/working-days.js';
import type { RegimeSettings } from './settings.js';
import { workingDaysBetween, type TrackingStatus } from './tracking.js';

/**
 * 考评 (R6.2): the execution score of a division over a period, pure.
 *
 * Which items: those whose deadline IN FORCE falls in [from, to] (Shanghai
 * days) — the extended deadline when an extension was granted, else the
 * original one. An item extended out of the period counts in the period its
 * new deadline falls in, and its extension counts there against the division.
 * Terminated items (终止 by a later meeting's decision) are counted apart and
 * excluded from every other figure.
 *
 * On time: completion confirmed (已办结, or later 已核验) on or before that
 * deadline in force — the Shanghai day of the confirmation, since a completion
 * the head has not confirmed is not yet done.
 *
 * Overdue working days (the unit's calendar): from the deadline to the day the
 * completion was confirmed, or to `today` for an item still open.
 */
export type ScoreSettings = Pick<
  RegimeSettings,
  | 'trackingScoreOnTimeWeight'
  | 'trackingScoreCompletionWeight'
  | 'trackingScoreOverduePenalty'
  | 'trackingScoreExtensionPenalty'
>;

export interface ScoreItem {
  divisionId: string;
  status: TrackingStatus;
  /** The deadline in force (extended or original). */
  deadline: string;
  /** The Shanghai day the item was closed (confirmed or terminated), null while open. */
  closedDay: string | null;
  /** Extensions granted. */
  extensions: number;
}

export interface DivisionScore {
  divisionId: string;
  /** Items due in the period, terminated ones excluded. */
  due: number;
  completed: number;
  completedOnTime: number;
  /** Fractions of `due` (0…1); null when nothing was due. */
  onTimeRate: number | null;
  completionRate: number | null;
  overdueWorkingDays: number;
  extensions: number;
  terminated: number;
  /** Rounded to two decimals, never below 0; null when nothing was due. */
  score: number | null;
}

const DONE: readonly TrackingStatus[] = ['completed', 'verified'];

/** Rounds to two decimals (scores and the weights shown in the formula). */
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The figures and the score of one division from its items of the period. */
export function divisionScore(
  cal: WorkingDayCalendar,
  today: string,
  s: ScoreSettings,
  divisionId: string,
  items: readonly ScoreItem[],
): DivisionScore {
  let due = 0;
  let completed = 0;
  let onTime = 0;
  let overdue = 0;
  let extensions = 0;
  let terminated = 0;
  for (const i of items) {
    if (i.status === 'terminated') {
      terminated++;
      continue;
    }
    due++;
    extensions += i.extensions;
    if (DONE.includes(i.status) && i.closedDay) {
      completed++;
      if (i.closedDay <= i.deadline) onTime++;
      overdue += workingDaysBetween(cal, i.deadline, i.closedDay);
    } else overdue += workingDaysBetween(cal, i.deadline, today);
  }
  const onTimeRate = due > 0 ? onTime / due : null;
  const completionRate = due > 0 ? completed / due : null;
  const score =
    onTimeRate === null || completionRate === null
      ? null
      : Math.max(
          0,
          round2(
            onTimeRate * s.trackingScoreOnTimeWeight +
              completionRate * s.trackingScoreCompletionWeight -
              overdue * s.trackingScoreOverduePenalty -
              extensions * s.trackingScoreExtensionPenalty,
          ),
        );
  return {
    divisionId,
    due,
    completed,
    completedOnTime: onTime,
    onTimeRate,
    completionRate,
    overdueWorkingDays: overdue,
    extensions,
    terminated,
    score,
  };
}

/** One row per division that has items in the period, in the order of `divisionIds`. */
export function executionScores(
  cal: WorkingDayCalendar,
  today: string,
  s: ScoreSettings,
  divisionIds: readonly string[],
  items: readonly ScoreItem[],
): DivisionScore[] {
  const by = new Map<string, ScoreItem[]>();
  for (const i of items) by.set(i.divisionId, [...(by.get(i.divisionId) ?? []), i]);
  return divisionIds.filter((d) => by.has(d)).map((d) => divisionScore(cal, today, s, d, by.get(d) ?? []));
}

/** The formula as the unit's settings make it, in Chinese, and what each term counts. */
export function scoreFormula(s: ScoreSettings): { formula: string; notes: string[] } {
  const n = (x: number) => String(round2(x));
  return {
    formula:
      `得分 = 按期办结率×${n(s.trackingScoreOnTimeWeight)} + 办结率×${n(s.trackingScoreCompletionWeight)}` +
      ` − 逾期工作日×${n(s.trackingScoreOverduePenalty)} − 延期次数×${n(s.trackingScoreExtensionPenalty)}` +
      `（最低为 0，满分 ${n(s.trackingScoreOnTimeWeight + s.trackingScoreCompletionWeight)}）`,
    notes: [
      '统计范围：现行完成时限（经批准延期的，以延期后的完成时限为准）在统计期间内的督办事项；已终止的事项单列，不计入其他各项。',
      '按期办结率 = 在现行完成时限当日或之前确认办结的事项数 ÷ 到期事项数；办结率 = 已确认办结（含逾期办结）的事项数 ÷ 到期事项数。',
      '逾期工作日按本单位工作日历计算：已办结的计至确认办结之日，尚未办结的计至今日。',
      '延期次数为到期事项经批准延期的次数之和。',
    ],
  };
}
