import { entryAbilities } from '../../../core/policies/distribution.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { can, type Actor } from '../../../core/policy.js';
import { AppError } from '../../../core/errors.js';
import { deliveryStatus, type DistributionPurpose, type DistributionStatus } from '../../../core/distribution.js';
import type { DistributionEntryDto, MeetingDistributionDto } from '../../../core/contracts/distribution.js';
import { deadlineOf, distributionRow } from './distribution.js';
import { meetingRow } from '../meetings/meetings.repository.js';
import { rankFactsOf } from '../org/org.repository.js';
import { compareRank } from '../../../core/org.js';
import { RECIPIENT_ROLES } from '../../../core/settings.js';

type Q = Kysely<Database> | Tx;

export function entriesQuery(db: Q, unitId: string) {
  return db
    .selectFrom('distribution_entries as e')
    .innerJoin('minutes as n', 'n.id', 'e.minutes_id')
    .innerJoin('meetings as m', 'm.id', 'e.meeting_id')
    .innerJoin('divisions as d', 'd.id', 'n.division_id')
    .leftJoin('users as u', 'u.id', 'e.recipient_id')
    .leftJoin('divisions as o', 'o.id', 'e.recipient_division_id')
    .leftJoin('users as rb', 'rb.id', 'e.received_by')
    .leftJoin('distributions as x', 'x.meeting_id', 'e.meeting_id')
    .selectAll('e')
    .select([
      'n.number',
      'm.title',
      'd.name as division_name',
      'u.display_name as recipient_name',
      'o.name as office_name',
      'rb.display_name as received_by_name',
      'x.meeting_day',
    ])
    .where('e.unit_id', '=', unitId);
}
type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['execute']>>[number];

/** Whether this entry is addressed to the actor (in person, or to their office). */
export function isRecipient(actor: Actor, e: { recipient_id: string | null; recipient_division_id: string | null }) {
  if (e.recipient_id) return e.recipient_id === actor.userId;
  return actor.memberships.some((m) => m.divisionId === e.recipient_division_id);
}

export function entryDto(actor: Actor, e: EntryRow): DistributionEntryDto {
  const purpose = e.purpose as DistributionPurpose;
  const mine = isRecipient(actor, e);
  const done = purpose === 'file' ? e.received_at !== null : e.read_at !== null;
  return {
    id: e.id,
    minutesId: e.minutes_id,
    meetingId: e.meeting_id,
    minutesNumber: e.number,
    meetingTitle: e.title,
    divisionName: e.division_name,
    meetingDay: e.meeting_day ?? '',
    purpose,
    recipientRole: e.recipient_role,
    recipientName: e.recipient_name ?? e.office_name ?? '',
    dueDate: e.due_date,
    deadline: e.deadline,
    provisional: Number(e.provisional) === 1,
    sentAt: e.sent_at,
    delivery: deliveryStatus(e.deadline, e.sent_at),
    readAt: e.read_at,
    readComment: e.read_comment,
    receivedAt: e.received_at,
    receivedByName: e.received_by_name,
    done,
    abilities: entryAbilities(
      { isRecipient: mine, receivesFilings: can(actor, 'filing.receive') },
      { purpose, readAt: e.read_at, receivedAt: e.received_at },
    ),
  };
}

/** An entry by id, only for its recipient: anyone else gets 404 (nothing is revealed). */
export async function recipientEntry(db: Q, actor: Actor, id: string): Promise<EntryRow> {
  const e = await entriesQuery(db, actor.unitId).where('e.id', '=', id).executeTakeFirst();
  if (!e || !isRecipient(actor, e)) throw new AppError('NOT_FOUND', '分送记录不存在或不是发给您的');
  return e;
}

/**
 * A meeting's deadline and recipients: as stored once the meeting was held, or —
 * not held yet, or never closed — the deadline it will have. 404 for a cancelled
 * or unknown meeting.
 */
export async function meetingDistribution(
  db: Q,
  actor: Actor,
  meetingId: string,
  now: Date,
): Promise<MeetingDistributionDto> {
  const d = (await distributionRow(db, meetingId)) ?? (await plannedDistribution(db, actor, meetingId, now));
  if (d.unit_id !== actor.unitId) throw new AppError('NOT_FOUND', '会议不存在或无权查看');
  const rows = d.minutes_id
    ? await entriesQuery(db, actor.unitId)
        .where('e.minutes_id', '=', d.minutes_id)
        .orderBy('e.purpose')
        .orderBy('e.recipient_role')
        .orderBy('u.username')
        .execute()
    : [];
  // Report first (principal leaders, supervising leader, discipline secretary), then the division
  // (members, then observers), then filing; people within each in rank order.
  const rank = (e: DistributionEntryDto) =>
    ({ report: 0, circulate: 10, file: 20 })[e.purpose] +
    Math.max(0, (RECIPIENT_ROLES as readonly string[]).indexOf(e.recipientRole.split(',')[0] ?? '')) +
    (e.recipientRole === 'observer' ? 5 : 0);
  const rankOf = await rankFactsOf(
    db,
    actor.unitId,
    d.division_id,
    rows.flatMap((r) => (r.recipient_id ? [r.recipient_id] : [])),
  );
  const people = new Map(rows.map((r) => [r.id, r.recipient_id]));
  const entries = rows
    .map((r) => entryDto(actor, r))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        compareRank(rankOf(people.get(a.id) ?? '', a.recipientName), rankOf(people.get(b.id) ?? '', b.recipientName)),
    );
  return {
    meetingId,
    meetingDay: d.meeting_day,
    workingDays: Number(d.working_days),
    dueDate: d.due_date,
    deadline: d.deadline,
    provisional: Number(d.provisional) === 1,
    status: d.status as DistributionStatus,
    minutesId: d.minutes_id,
    issuedAt: d.issued_at,
    overdueAt: d.overdue_at,
    entries,
    counts: { total: entries.length, done: entries.filter((e) => e.done).length },
  };
}

async function plannedDistribution(db: Q, actor: Actor, meetingId: string, now: Date) {
  const m = await meetingRow(db, actor.unitId, meetingId);
  if (!m) throw new AppError('NOT_FOUND', '会议不存在或无权查看');
  if (m.status === 'cancelled') throw new AppError('NOT_FOUND', '会议已取消，无需分送纪要');
  const due = await deadlineOf(db, m);
  return {
    ...due,
    unit_id: m.unit_id,
    division_id: m.division_id,
    status: due.deadline < now.toISOString() ? 'overdue' : 'pending',
    minutes_id: null,
    issued_at: null,
    overdue_at: null,
  };
}
