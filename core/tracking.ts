import { addDays, type WorkingDayCalendar } from './calendar/working-days.js';
import { MATTER_FLAG_LABELS, type MatterFlag } from './settings.js';

/**
 * Execution tracking (督办, R6.2): every decision the minutes carry becomes a
 * tracked item that is followed until it is done, never deleted or silently
 * closed. Days are `YYYY-MM-DD` in Asia/Shanghai; working days are the unit's
 * calendar (China's statutory holidays and adjusted working days).
 */
export const TRACKING_STATUSES = [
  'pending',
  'in_progress',
  'completion_requested',
  'completed',
  'verified',
  'terminated',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];
export const TRACKING_STATUS_LABELS: Record<TrackingStatus, string> = {
  pending: '待办理',
  in_progress: '办理中',
  completion_requested: '申请办结',
  completed: '已办结',
  verified: '已核验',
  terminated: '已终止',
};

/** The timeline's events in words (tracking's addEvent kinds and the reminder jobs'). */
export const TRACKING_EVENT_LABELS: Record<string, string> = {
  created: '生成督办事项',
  assigned: '明确责任人和完成时限',
  report: '报告进展',
  completion_request: '申请办结',
  confirm: '确认办结',
  return: '退回办结申请',
  verify: '核验办结',
  extension_request: '申请延期',
  extension_approve: '同意延期',
  extension_reject: '不同意延期',
  terminate: '终止督办',
  reminder: '临期提醒',
  overdue: '逾期通知',
  escalated: '逾期报监察室',
};

/** The states in which the item is still to be executed: its deadline and lights apply. */
export const OPEN_STATUSES: readonly TrackingStatus[] = ['pending', 'in_progress', 'completion_requested'];

export const TRACKING_COMMANDS = [
  'report',
  'request_completion',
  'confirm',
  'return',
  'verify',
  'request_extension',
  'terminate',
] as const;
export type TrackingCommand = (typeof TRACKING_COMMANDS)[number];

/** The state machine: from which states each command may run, and where it leads. */
const TRANSITIONS: Record<TrackingCommand, { from: readonly TrackingStatus[]; to: TrackingStatus | null }> = {
  report: { from: ['pending', 'in_progress'], to: 'in_progress' },
  request_completion: { from: ['pending', 'in_progress'], to: 'completion_requested' },
  confirm: { from: ['completion_requested'], to: 'completed' },
  return: { from: ['completion_requested'], to: 'in_progress' },
  verify: { from: ['completed'], to: 'verified' },
  // An extension changes the deadline, not the state.
  request_extension: { from: ['pending', 'in_progress'], to: null },
  terminate: { from: OPEN_STATUSES, to: 'terminated' },
};

export function canRun(status: TrackingStatus, command: TrackingCommand): boolean {
  return TRANSITIONS[command].from.includes(status);
}
/** The state a command leads to (the same state for an extension request). */
export function nextStatus(status: TrackingStatus, command: TrackingCommand): TrackingStatus {
  return TRANSITIONS[command].to ?? status;
}

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];
export const LIGHT_LABELS: Record<Light | 'stalled', string> = {
  green: '绿灯（正常）',
  yellow: '黄灯（临期）',
  red: '红灯（逾期）',
  stalled: '停滞',
};

/** The unit's settings the lights read (core/settings.ts regime). */
export interface LightSettings {
  /** Yellow within this many working days of the deadline. */
  dueSoonWorkingDays: number;
  /** Stalled after this many working days without a report. */
  stalledWorkingDays: number;
}

/** Working days in (from, to]; 0 when to ≤ from. */
export function workingDaysBetween(cal: WorkingDayCalendar, from: string, to: string): number {
  return cal.workingDaysBetween(from, to);
}

/**
 * The day `b` such that a day `x` has at least `n` working days in (x, today]
 * exactly when x < b: the n-th working day counted back from today (inclusive).
 */
export function nthWorkingDayBack(cal: WorkingDayCalendar, today: string, n: number): string {
  let d = today;
  let count = 0;
  for (let i = 0; i < 800; i++, d = addDays(d, -1)) if (cal.isWorkday(d) && ++count === n) return d;
  throw new RangeError(`no ${n} working days within 800 days before ${today}`);
}

export interface LightInput {
  status: TrackingStatus;
  deadline: string | null;
  /** The day of the last progress report, or of the item's creation. */
  lastActivityDay: string;
}
export interface LightState {
  /** null: closed, or no deadline yet (the head must complete the item). */
  light: Light | null;
  /** Working days past the deadline (0 unless red). */
  overdueWorkingDays: number;
  /** No report for the unit's number of working days while being executed. */
  stalled: boolean;
}

/**
 * R6.2 lights on working days: red when today is after the deadline; yellow
 * when at most N working days remain until it (the deadline day itself counts,
 * today does not); green otherwise. Stalled is apart: no report for M working
 * days while pending or in progress.
 */
export function lightOf(cal: WorkingDayCalendar, today: string, s: LightSettings, item: LightInput): LightState {
  if (!OPEN_STATUSES.includes(item.status) || !item.deadline)
    return { light: null, overdueWorkingDays: 0, stalled: false };
  const stalled =
    item.status !== 'completion_requested' &&
    s.stalledWorkingDays > 0 &&
    workingDaysBetween(cal, item.lastActivityDay, today) >= s.stalledWorkingDays;
  if (today > item.deadline)
    return { light: 'red', overdueWorkingDays: workingDaysBetween(cal, item.deadline, today), stalled };
  const left = workingDaysBetween(cal, today, item.deadline);
  return { light: left <= s.dueSoonWorkingDays ? 'yellow' : 'green', overdueWorkingDays: 0, stalled };
}

/**
 * The same lights as day bounds a query can compare deadlines with (a list is
 * filtered in the database, not item by item): an open item is red when
 * deadline < today, yellow when today ≤ deadline < yellowBefore, green from
 * yellowBefore on; stalled when its last activity < stalledBefore.
 */
export function lightBounds(
  cal: WorkingDayCalendar,
  today: string,
  s: LightSettings,
): { today: string; yellowBefore: string; stalledBefore: string | null } {
  return {
    today,
    yellowBefore: cal.addWorkingDays(today, s.dueSoonWorkingDays + 1).date,
    stalledBefore: s.stalledWorkingDays > 0 ? nthWorkingDayBack(cal, today, s.stalledWorkingDays) : null,
  };
}

/** A deadline overdue by at least n working days today is before this day. */
export function overdueBefore(cal: WorkingDayCalendar, today: string, n: number): string {
  return n <= 0 ? today : nthWorkingDayBack(cal, today, n);
}

/** The ISO week of a day (`2026-W41`) and its Monday: the weekly digest is keyed by it. */
export function isoWeek(day: string): { key: string; monday: string } {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(day, -weekday);
  // The ISO year and week are those of the week's Thursday.
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week =
    Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / (7 * 86400_000)) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, monday };
}

/** The first working day of the ISO week of `day` (its Monday unless that is a rest day), or null for a week of rest. */
export function firstWorkdayOfWeek(cal: WorkingDayCalendar, day: string): string | null {
  const { monday } = isoWeek(day);
  for (let i = 0; i < 7; i++) {
    const d = addDays(monday, i);
    if (cal.isWorkday(d)) return d;
  }
  return null;
}

/** The ledger's scopes as the pages and the export name them. */
export const TRACKING_SCOPE_LABELS: Record<'mine' | 'division' | 'supervised' | 'all', string> = {
  mine: '我的督办',
  division: '本处室台账',
  supervised: '分管处室',
  all: '全部',
};

/** The ledger's filters in words (names resolved by the caller): the export's and the print view's heading. */
export interface LedgerFilterWords {
  scope?: keyof typeof TRACKING_SCOPE_LABELS | undefined;
  status?: TrackingStatus | undefined;
  light?: Light | 'stalled' | undefined;
  divisionName?: string | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  overdueDays?: number | undefined;
  matterFlag?: MatterFlag | undefined;
  sourceNumber?: string | undefined;
  needsCompletion?: boolean | undefined;
}

/** `范围：本处室台账；状态：办理中；灯号：红灯（逾期）` — every filter set, in the ledger's order. */
export function describeLedgerFilters(f: LedgerFilterWords): string {
  const parts: string[] = [];
  if (f.scope) parts.push(`范围：${TRACKING_SCOPE_LABELS[f.scope]}`);
  if (f.status) parts.push(`状态：${TRACKING_STATUS_LABELS[f.status]}`);
  if (f.light) parts.push(`灯号：${LIGHT_LABELS[f.light]}`);
  if (f.divisionName) parts.push(`责任处室：${f.divisionName}`);
  if (f.deadlineFrom || f.deadlineTo) parts.push(`完成时限：${f.deadlineFrom ?? '不限'} 至 ${f.deadlineTo ?? '不限'}`);
  if (f.overdueDays) parts.push(`逾期 ${f.overdueDays} 个工作日以上`);
  if (f.matterFlag) parts.push(`事项标记：${MATTER_FLAG_LABELS[f.matterFlag]}`);
  if (f.sourceNumber) parts.push(`来源纪要：${f.sourceNumber}`);
  if (f.needsCompletion !== undefined) parts.push(f.needsCompletion ? '待补全' : '已明确责任人和时限');
  return parts.join('；');
}

/** An item's light in words (a colour is only ever a help): 红灯（逾期）、停滞; 待补全 without party or deadline; — when closed. */
export function lightWords(i: { light: Light | null; stalled: boolean; needsCompletion: boolean }): string {
  const parts = [i.light ? LIGHT_LABELS[i.light] : i.needsCompletion ? '待补全' : '—'];
  if (i.stalled) parts.push(LIGHT_LABELS.stalled);
  return parts.join('、');
}
