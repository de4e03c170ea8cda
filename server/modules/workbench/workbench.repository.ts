import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import type { Actor } from '../../../core/policy.js';
import type { MeetingStatus } from '../../../core/meetings.js';

type Q = Kysely<Database> | Tx;

/** Topics submitted in these divisions, except the actor's own (R2.2: one's own topic goes to the head). */
export function topicsToApprove(db: Q, actor: Actor, divisionIds: readonly string[]) {
  if (divisionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('topics as t')
    .innerJoin('divisions as d', 'd.id', 't.division_id')
    .innerJoin('users as u', 'u.id', 't.proposer_id')
    .select(['t.id', 't.title', 'd.name', 'u.display_name', 't.submitted_at'])
    .where('t.unit_id', '=', actor.unitId)
    .where('t.division_id', 'in', divisionIds)
    .where('t.status', '=', 'submitted')
    .where('t.proposer_id', '!=', actor.userId)
    .orderBy('t.submitted_at')
    .execute();
}
export type TopicToApprove = Awaited<ReturnType<typeof topicsToApprove>>[number];

/** Pending leave requests for meetings not yet held, with the division head and the chair who may decide them. */
export function pendingLeave(db: Q, unitId: string) {
  return db
    .selectFrom('leave_requests as l')
    .innerJoin('meetings as m', 'm.id', 'l.meeting_id')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .innerJoin('memberships as h', (j) => j.onRef('h.division_id', '=', 'm.division_id').on('h.position', '=', 'head'))
    .select([
      'l.id',
      'l.meeting_id',
      'm.title',
      'u.display_name',
      'l.reason',
      'l.user_id',
      'h.user_id as head_id',
      'm.chair_id',
    ])
    .where('l.unit_id', '=', unitId)
    .where('l.status', '=', 'pending')
    .where('m.status', 'in', ['planned', 'notified'])
    .execute();
}
export type PendingLeave = Awaited<ReturnType<typeof pendingLeave>>[number];

/** Notified or running meetings the user takes part in that start after `since`. */
export async function meetingsToAttend(db: Q, userId: string, since: string) {
  const rows = await db
    .selectFrom('participants as p')
    .innerJoin('meetings as m', 'm.id', 'p.meeting_id')
    .select(['m.id', 'm.title', 'm.starts_at', 'm.place', 'm.status', 'p.role', 'p.notice_read_at', 'm.notified_at'])
    .where('p.user_id', '=', userId)
    .where('m.status', 'in', ['notified', 'in_session'])
    .where('m.starts_at', '>=', since)
    .orderBy('m.starts_at')
    .execute();
  return rows.map((r) => ({ ...r, status: r.status as MeetingStatus }));
}
export type MeetingToAttend = Awaited<ReturnType<typeof meetingsToAttend>>[number];

/**
 * Minutes not yet distributed of closed meetings that the user records, or of
 * divisions the user heads, by deadline, with the step they wait at: none drafted
 * yet, a draft, or in review (待签发). A meeting still in session is the
 * recorder's 待记录 (`meetingsToRecord`), not yet minutes due.
 */
export async function minutesDue(db: Q, actor: Actor, headOf: readonly string[]) {
  const rows = await db
    .selectFrom('distributions as x')
    .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
    .leftJoin('minutes as n', (j) =>
      j.onRef('n.meeting_id', '=', 'x.meeting_id').on('n.status', 'in', ['draft', 'in_review']),
    )
    .select(['x.meeting_id', 'm.title', 'x.due_date', 'x.provisional', 'x.status', 'n.status as minutes_status'])
    .where('x.unit_id', '=', actor.unitId)
    .where('x.status', 'in', ['pending', 'overdue'])
    .where('m.status', '=', 'closed')
    .where((eb) =>
      eb.or([
        eb('m.recorder_id', '=', actor.userId),
        ...(headOf.length > 0 ? [eb('x.division_id', 'in', headOf)] : []),
      ]),
    )
    .orderBy('x.due_date')
    .execute();
  return rows.map((r) => ({
    ...r,
    status: r.status as 'pending' | 'overdue',
    step: (r.minutes_status ?? 'none') as 'none' | 'draft' | 'in_review',
  }));
}
export type MinutesDue = Awaited<ReturnType<typeof minutesDue>>[number];

/** Meetings in session whose record the user keeps (R5.2, R5.3): the recorder's 待记录. */
export function meetingsToRecord(db: Q, actor: Actor) {
  return db
    .selectFrom('meetings')
    .select(['id', 'title', 'started_at', 'place'])
    .where('unit_id', '=', actor.unitId)
    .where('recorder_id', '=', actor.userId)
    .where('status', '=', 'in_session')
    .orderBy('started_at')
    .execute();
}
export type MeetingToRecord = Awaited<ReturnType<typeof meetingsToRecord>>[number];
