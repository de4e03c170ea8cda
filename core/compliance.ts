import { type MeetingStatus } from './meetings.js';
import { shanghaiMonth } from './shanghai-time.js';

/**
 * R3.5 compliance, per division and calendar month (Asia/Shanghai). Pure: the
 * server loads the meetings and the unit's `meetingsPerMonth`, this decides.
 */
export const MONTHLY_VERDICTS = ['met', 'not_yet', 'missed'] as const;
export type MonthlyVerdict = (typeof MONTHLY_VERDICTS)[number];
export const MONTHLY_VERDICT_LABELS: Record<MonthlyVerdict, string> = {
  met: '已达标',
  not_yet: '尚未达标',
  missed: '未达标',
};

/** What the count needs to know of one meeting. */
export interface CountableMeeting {
  status: MeetingStatus;
  /** When the session actually started (for a 补录, the paper date); null if it never did. */
  startedAt: string | null;
  /** Agenda items whose outcome is 'discussed'. */
  discussedTopics: number;
}

/**
 * A meeting counts as held when it actually took place (in session or closed,
 * never cancelled) and at least one topic was recorded as discussed: a meeting
 * where nothing was studied is not a division meeting in the sense of R1.1.
 */
export function countsAsHeld(m: CountableMeeting): boolean {
  return (m.status === 'in_session' || m.status === 'closed') && m.startedAt !== null && m.discussedTopics > 0;
}

/** The month a held meeting counts for: the Shanghai month in which it actually started, or null. */
export function heldInMonth(m: CountableMeeting): string | null {
  return countsAsHeld(m) && m.startedAt ? shanghaiMonth(new Date(m.startedAt)) : null;
}

/**
 * `met` once `held` reaches `required`; otherwise `not_yet` while the month
 * (or a future one) runs, `missed` once it is over.
 */
export function monthlyVerdict(held: number, required: number, month: string, now: Date): MonthlyVerdict {
  if (held >= required) return 'met';
  return month < shanghaiMonth(now) ? 'missed' : 'not_yet';
}
