import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import type { Actor } from '../../../core/policy.js';
import type { DistributionStatus } from '../../../core/distribution.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';
import { entriesQuery } from './distribution.repository.js';

type Q = Kysely<Database> | Tx;
export type InboxState = 'open' | 'done' | 'all';

function readingQuery(db: Q, unitId: string) {
  return entriesQuery(db, unitId).where('e.purpose', 'in', ['report', 'circulate']);
}

/**
 * The unit's open 待阅 entries (minutes reported or circulated): unread, of the
 * issued version — a superseded version's unread entry is not a to-do, its
 * correction came as an entry of its own.
 */
export function openReading(db: Q, unitId: string) {
  return readingQuery(db, unitId).where('e.read_at', 'is', null).where('n.status', '=', 'issued');
}

/** The actor's 待阅 entries: open ones, read ones or all. */
export function readingEntries(db: Q, actor: Actor, state: InboxState) {
  let q = (state === 'open' ? openReading(db, actor.unitId) : readingQuery(db, actor.unitId)).where(
    'e.recipient_id',
    '=',
    actor.userId,
  );
  if (state === 'done') q = q.where('e.read_at', 'is not', null);
  return q;
}

/** How many open 待阅 entries sent before `sentBefore` each recipient of the unit has. */
export function openReadingByRecipient(db: Q, unitId: string, sentBefore: string) {
  return openReading(db, unitId)
    .where('e.sent_at', '<', sentBefore)
    .clearSelect()
    .select(['e.recipient_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('e.recipient_id')
    .execute();
}

/** The filings (报备) sent to these supervision offices; open: not signed for, of the issued version. */
export function filingEntries(db: Q, unitId: string, offices: readonly string[], state: InboxState) {
  let q = entriesQuery(db, unitId)
    .where('e.purpose', '=', 'file')
    .where('e.recipient_division_id', 'in', offices.length ? offices : ['-']);
  if (state === 'open') q = q.where('e.received_at', 'is', null).where('n.status', '=', 'issued');
  if (state === 'done') q = q.where('e.received_at', 'is not', null);
  return q;
}

/** How many entries a query of entries holds. */
async function countOf(q: ReturnType<typeof readingEntries>): Promise<number> {
  const r = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return toNumber(r.n);
}

export const countOpenReading = (db: Q, actor: Actor) => countOf(readingEntries(db, actor, 'open'));
export const countOpenFilings = (db: Q, unitId: string, offices: readonly string[]) =>
  offices.length === 0 ? Promise.resolve(0) : countOf(filingEntries(db, unitId, offices, 'open'));

/** Who a meeting's minutes were sent to. */
export function meetingRecipients(db: Q, unitId: string, meetingId: string) {
  return db
    .selectFrom('distribution_entries')
    .select(['recipient_id', 'recipient_division_id'])
    .where('unit_id', '=', unitId)
    .where('meeting_id', '=', meetingId)
    .execute();
}

/** A page of the distribution deadlines of these divisions' meetings, newest meeting day first (then meeting). */
export async function deadlineRows(
  db: Q,
  unitId: string,
  divisionIds: readonly string[],
  f: { status?: DistributionStatus | undefined; year?: number | undefined } & PageRequest,
) {
  let q = db
    .selectFrom('distributions as x')
    .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
    .innerJoin('divisions as d', 'd.id', 'x.division_id')
    .leftJoin('minutes as n', 'n.id', 'x.minutes_id')
    .select([
      'x.meeting_id',
      'm.title',
      'd.name',
      'x.meeting_day',
      'x.due_date',
      'x.deadline',
      'x.provisional',
      'x.status',
      'x.minutes_id',
      'n.number',
      'x.issued_at',
    ])
    .where('x.unit_id', '=', unitId)
    .where('x.division_id', 'in', divisionIds.length ? divisionIds : ['-']);
  if (f.status) q = q.where('x.status', '=', f.status);
  if (f.year) q = q.where('x.meeting_day', '>=', `${f.year}-01-01`).where('x.meeting_day', '<=', `${f.year}-12-31`);
  const page = await keysetPage(
    q,
    {
      columns: ['x.meeting_day', 'x.meeting_id'],
      types: ['string', 'string'],
      direction: 'desc',
      key: (r) => [r.meeting_day, r.meeting_id],
    },
    f,
  );
  return {
    items: page.items.map((r) => ({ ...r, status: r.status as DistributionStatus })),
    nextCursor: page.nextCursor,
  };
}
export type DeadlineRow = Awaited<ReturnType<typeof deadlineRows>>['items'][number];

/** Confirms 已阅 once: the first time stays. */
export async function markEntryRead(trx: Tx, id: string, at: string, comment: string | null = null): Promise<void> {
  await trx
    .updateTable('distribution_entries')
    .set({ read_at: at, read_comment: comment })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
}

/** Signs for a filing once: the first signature stays. */
export async function markEntryReceived(trx: Tx, id: string, at: string, by: string): Promise<void> {
  await trx
    .updateTable('distribution_entries')
    .set({ received_at: at, received_by: by })
    .where('id', '=', id)
    .where('received_at', 'is', null)
    .execute();
}
