import { sql, type Kysely, type Selectable } from 'kysely';
import type { ArchiveDecisionsTable, ArchiveItemsTable, ArchivesTable, Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';
import { shanghaiDayStart } from '../../../core/shanghai-time.js';
import { OPEN_STATUSES } from '../../../core/tracking.js';

type Q = Kysely<Database> | Tx;

/** The instants a Shanghai year spans: [from, to). */
export function yearBounds(year: number): { from: string; to: string } {
  return { from: shanghaiDayStart(`${year}-01-01`), to: shanghaiDayStart(`${year + 1}-01-01`) };
}

export async function unitName(db: Q, unitId: string): Promise<string> {
  const u = await db.selectFrom('units').select('name').where('unit_id', '=', unitId).executeTakeFirst();
  return u?.name ?? '';
}

/** The divisions that hold division meetings (not the bureau's leadership), in the unit's order. */
/**
 * R5.6: every numbering pattern the unit has had — the `from` and `to` of each change of the
 * regime setting in the audit log, oldest first. A minutes numbered before a change carries the
 * pattern then in force, and its archive item names it.
 */
export async function pastNumberingPatterns(db: Q, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('data')
    .where('unit_id', '=', unitId)
    .where('action', '=', 'settings.regime')
    .where('outcome', '=', 'success')
    .where('data', 'like', '%numberingPattern%')
    .orderBy('seq')
    .execute();
  const out: string[] = [];
  for (const r of rows) {
    const change = (JSON.parse(r.data) as { changes?: { numberingPattern?: { from?: unknown; to?: unknown } } }).changes
      ?.numberingPattern;
    for (const p of [change?.from, change?.to]) if (typeof p === 'string' && !out.includes(p)) out.push(p);
  }
  return out;
}

export async function meetingDivisions(db: Q, unitId: string) {
  return db
    .selectFrom('divisions')
    .select(['id', 'name', 'kind', 'active'])
    .where('unit_id', '=', unitId)
    .where('kind', '!=', 'leadership')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function divisionRow(db: Q, unitId: string, id: string) {
  return db
    .selectFrom('divisions')
    .select(['id', 'name', 'kind'])
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Issued minutes (versions in force) per division numbered in `year`. */
export async function issuedCounts(db: Q, unitId: string, year: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('minutes')
    .select(['division_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('unit_id', '=', unitId)
    .where('number_year', '=', year)
    .where('status', '=', 'issued')
    .groupBy('division_id')
    .execute();
  return new Map(rows.map((r) => [r.division_id, Number(r.n)]));
}

/** The years with issued minutes or archives, for the year picker. */
export async function knownYears(db: Q, unitId: string): Promise<number[]> {
  const [minutes, archives] = await Promise.all([
    db
      .selectFrom('minutes')
      .select('number_year')
      .distinct()
      .where('unit_id', '=', unitId)
      .where('status', 'in', ['issued', 'superseded'])
      .where('number_year', 'is not', null)
      .execute(),
    db.selectFrom('archives').select('year').distinct().where('unit_id', '=', unitId).execute(),
  ]);
  return [...minutes.map((m) => Number(m.number_year)), ...archives.map((a) => Number(a.year))];
}

/**
 * What stands in the way of archiving a division-year (`divisionId` null: every division):
 * meetings held in the year without issued minutes (a draft on its way, or none), corrections of
 * the year's minutes not yet issued, and tracked items of the year's minutes not yet done
 * (open, or completed and sampled for verification but not verified).
 */
export async function blockerRows(db: Q, unitId: string, year: number, divisionId: string | null) {
  const { from, to } = yearBounds(year);
  let meetings = db
    .selectFrom('meetings as m')
    .select(['m.id', 'm.division_id', 'm.title', 'm.starts_at', 'm.status'])
    .select((eb) =>
      eb
        .selectFrom('minutes as n')
        .select('n.id')
        .whereRef('n.meeting_id', '=', 'm.id')
        .where('n.status', 'in', ['draft', 'in_review'])
        .limit(1)
        .as('draft_id'),
    )
    .where('m.unit_id', '=', unitId)
    .where('m.status', '!=', 'cancelled')
    .where('m.starts_at', '>=', from)
    .where('m.starts_at', '<', to)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('minutes as n')
            .select('n.id')
            .whereRef('n.meeting_id', '=', 'm.id')
            .where('n.status', 'in', ['issued', 'superseded']),
        ),
      ),
    );
  let corrections = db
    .selectFrom('minutes as n')
    .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
    .select(['n.id', 'n.division_id', 'n.meeting_id', 'm.title', 'm.starts_at'])
    .where('n.unit_id', '=', unitId)
    .where('n.number_year', '=', year)
    .where('n.status', 'in', ['draft', 'in_review'])
    .where('n.supersedes_id', 'is not', null);
  let items = db
    .selectFrom('tracking_items as t')
    .innerJoin('minutes as n', 'n.id', 't.source_minutes_id')
    .select(['t.id', 't.source_division_id as division_id', 't.decision_text', 't.source_number', 't.status'])
    .where('t.unit_id', '=', unitId)
    .where('n.number_year', '=', year)
    .where((eb) =>
      eb.or([
        eb('t.status', 'in', [...OPEN_STATUSES]),
        eb.and([eb('t.status', '=', 'completed'), eb('t.sampled', '=', 1)]),
      ]),
    );
  if (divisionId) {
    meetings = meetings.where('m.division_id', '=', divisionId);
    corrections = corrections.where('n.division_id', '=', divisionId);
    items = items.where('t.source_division_id', '=', divisionId);
  }
  const [m, c, i] = await Promise.all([
    meetings.orderBy('m.starts_at').orderBy('m.id').execute(),
    corrections.orderBy('m.starts_at').execute(),
    items.orderBy('t.created_at').orderBy('t.id').execute(),
  ]);
  return { meetings: m, corrections: c, items: i };
}

/** Every issued version (in force or superseded) of a division's minutes numbered in `year`. */
export async function yearMinutes(db: Q, unitId: string, divisionId: string, year: number) {
  return db
    .selectFrom('minutes as n')
    .leftJoin('users as u', 'u.id', 'n.issued_by')
    .select([
      'n.id',
      'n.meeting_id',
      'n.status',
      'n.content',
      'n.number',
      'n.number_seq',
      'n.revision',
      'n.content_hash',
      'n.hash_alg',
      'n.issued_at',
      'u.display_name as issued_by_name',
    ])
    .where('n.unit_id', '=', unitId)
    .where('n.division_id', '=', divisionId)
    .where('n.number_year', '=', year)
    .where('n.status', 'in', ['issued', 'superseded'])
    .orderBy('n.number_seq')
    .orderBy('n.revision')
    .execute();
}

export async function meetingRows(db: Q, unitId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('meetings as m')
    .innerJoin('users as c', 'c.id', 'm.chair_id')
    .innerJoin('users as r', 'r.id', 'm.recorder_id')
    .select([
      'm.id',
      'm.title',
      'm.kind',
      'm.starts_at',
      'm.place',
      'm.closed_at',
      'm.backfill_reason',
      'm.paper_minutes_sha256',
      'm.paper_minutes_filename',
      'm.paper_minutes_type',
      'm.division_id',
      'c.display_name as chair_name',
      'r.display_name as recorder_name',
    ])
    .where('m.unit_id', '=', unitId)
    .where('m.id', 'in', [...ids])
    .execute();
}

export async function participantRows(db: Q, unitId: string, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.meeting_id', 'p.user_id', 'p.role', 'p.attendance', 'p.checked_in_at', 'u.display_name'])
    .where('p.unit_id', '=', unitId)
    .where('p.meeting_id', 'in', [...meetingIds])
    .orderBy('p.meeting_id')
    .orderBy('u.display_name')
    .orderBy('p.user_id')
    .execute();
}

export async function leaveRows(db: Q, unitId: string, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('leave_requests as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .leftJoin('users as d', 'd.id', 'l.decided_by')
    .select([
      'l.meeting_id',
      'l.user_id',
      'l.reason',
      'l.status',
      'l.decided_at',
      'u.display_name',
      'd.display_name as decider_name',
    ])
    .where('l.unit_id', '=', unitId)
    .where('l.meeting_id', 'in', [...meetingIds])
    .orderBy('l.meeting_id')
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
}

/** The agenda of the meetings with each topic's category: the retention is the longest of theirs. */
export async function agendaRows(db: Q, unitId: string, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('agenda_items as a')
    .innerJoin('topics as t', 't.id', 'a.topic_id')
    .select(['a.meeting_id', 'a.topic_id', 'a.position', 'a.outcome', 't.title', 't.category'])
    .where('a.unit_id', '=', unitId)
    .where('a.meeting_id', 'in', [...meetingIds])
    .orderBy('a.meeting_id')
    .orderBy('a.position')
    .execute();
}

/** The written materials of the topics, as they stand (removed ones are not the topic's material). */
export async function attachmentRows(db: Q, unitId: string, topicIds: readonly string[]) {
  if (topicIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'topic_id', 'sha256', 'size', 'file_type', 'filename', 'created_at'])
    .where('unit_id', '=', unitId)
    .where('topic_id', 'in', [...topicIds])
    .where('deleted_at', 'is', null)
    .orderBy('topic_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The distribution receipts of the minutes (every version), with whom they went to. */
export async function receiptRows(db: Q, unitId: string, minutesIds: readonly string[]) {
  if (minutesIds.length === 0) return [];
  return db
    .selectFrom('distribution_entries as e')
    .leftJoin('users as u', 'u.id', 'e.recipient_id')
    .leftJoin('divisions as d', 'd.id', 'e.recipient_division_id')
    .leftJoin('users as r', 'r.id', 'e.received_by')
    .select([
      'e.id',
      'e.minutes_id',
      'e.purpose',
      'e.recipient_role',
      'e.sent_at',
      'e.due_date',
      'e.read_at',
      'e.read_comment',
      'e.received_at',
      'u.display_name as recipient_name',
      'd.name as recipient_division',
      'r.display_name as receiver_name',
    ])
    .where('e.unit_id', '=', unitId)
    .where('e.minutes_id', 'in', [...minutesIds])
    .orderBy('e.minutes_id')
    .orderBy('e.purpose')
    .orderBy('e.id')
    .execute();
}

/** The tracked items the meetings' decisions became, with their timelines. */
export async function trackedRows(db: Q, unitId: string, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return { items: [], events: [] };
  const items = await db
    .selectFrom('tracking_items')
    .select([
      'id',
      'source_meeting_id',
      'topic_title',
      'decision_index',
      'decision_text',
      'responsible_name',
      'co_responsible',
      'deadline',
      'original_deadline',
      'extensions',
      'status',
      'closed_at',
      'termination_reference',
      'version',
    ])
    .where('unit_id', '=', unitId)
    .where('source_meeting_id', 'in', [...meetingIds])
    .orderBy('source_meeting_id')
    .orderBy('topic_id')
    .orderBy('decision_index')
    .orderBy('id')
    .execute();
  const events =
    items.length === 0
      ? []
      : await db
          .selectFrom('tracking_events')
          .select(['item_id', 'seq', 'kind', 'actor_name', 'text', 'created_at'])
          .where('unit_id', '=', unitId)
          .where(
            'item_id',
            'in',
            items.map((i) => i.id),
          )
          .orderBy('item_id')
          .orderBy('seq')
          .execute();
  return { items, events };
}

/** The record entries of the meetings (the record as the recorder left it, with their versions). */
export async function recordRows(db: Q, unitId: string, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('record_entries')
    .select(['meeting_id', 'topic_id', 'status', 'discussion', 'opinions', 'decisions', 'version'])
    .where('unit_id', '=', unitId)
    .where('meeting_id', 'in', [...meetingIds])
    .orderBy('meeting_id')
    .orderBy('topic_id')
    .execute();
}

// ---- the archive's own tables ----

export type ArchiveRow = Selectable<ArchivesTable> & { archiver_name: string; division_name: string };
export type ItemRow = Selectable<ArchiveItemsTable> & { division_name: string };
export type DecisionRow = Selectable<ArchiveDecisionsTable> & { decider_name: string };

const archiveSelect = (db: Q) =>
  db
    .selectFrom('archives as a')
    .innerJoin('users as u', 'u.id', 'a.archived_by')
    .innerJoin('divisions as d', 'd.id', 'a.division_id')
    .selectAll('a')
    .select(['u.display_name as archiver_name', 'd.name as division_name']);

export async function archiveRow(db: Q, unitId: string, id: string): Promise<ArchiveRow | null> {
  return (await archiveSelect(db).where('a.unit_id', '=', unitId).where('a.id', '=', id).executeTakeFirst()) ?? null;
}

export async function archiveOf(db: Q, unitId: string, divisionId: string, year: number) {
  return (
    (await archiveSelect(db)
      .where('a.unit_id', '=', unitId)
      .where('a.division_id', '=', divisionId)
      .where('a.year', '=', year)
      .executeTakeFirst()) ?? null
  );
}

export async function archivesOfYear(db: Q, unitId: string, year: number): Promise<ArchiveRow[]> {
  return archiveSelect(db).where('a.unit_id', '=', unitId).where('a.year', '=', year).execute();
}

/** The code a division was given at its first archiving, or the next free one (not yet taken). */
export async function divisionCode(db: Q, unitId: string, divisionId: string) {
  const mine = await db
    .selectFrom('archive_division_codes')
    .select('code')
    .where('unit_id', '=', unitId)
    .where('division_id', '=', divisionId)
    .executeTakeFirst();
  if (mine) return { code: mine.code, isNew: false };
  const taken = await db.selectFrom('archive_division_codes').select('code').where('unit_id', '=', unitId).execute();
  const max = taken.reduce((m, t) => Math.max(m, /^\d+$/.test(t.code) ? Number(t.code) : 0), 0);
  return { code: String(max + 1).padStart(2, '0'), isNew: true };
}

export async function insertDivisionCode(trx: Tx, unitId: string, divisionId: string, code: string, at: string) {
  await trx
    .insertInto('archive_division_codes')
    .values({ unit_id: unitId, division_id: divisionId, code, assigned_at: at })
    .execute();
}

export async function insertArchive(trx: Tx, row: ArchivesTable): Promise<void> {
  await trx.insertInto('archives').values(row).execute();
}

export async function insertItems(trx: Tx, rows: readonly ArchiveItemsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('archive_items')
      .values(rows.slice(i, i + 200))
      .execute();
}

const itemSelect = (db: Q) =>
  db
    .selectFrom('archive_items as i')
    .innerJoin('divisions as d', 'd.id', 'i.division_id')
    .selectAll('i')
    .select('d.name as division_name');

export async function itemsOf(db: Q, unitId: string, archiveId: string): Promise<ItemRow[]> {
  return itemSelect(db)
    .where('i.unit_id', '=', unitId)
    .where('i.archive_id', '=', archiveId)
    .orderBy('i.seq')
    .execute();
}

export async function itemRow(db: Q, unitId: string, id: string): Promise<ItemRow | null> {
  return (await itemSelect(db).where('i.unit_id', '=', unitId).where('i.id', '=', id).executeTakeFirst()) ?? null;
}

/** 到期鉴定: kept items whose period has ended by `today`, oldest due first. */
export async function dueItemsPage(db: Q, unitId: string, today: string, page: PageRequest) {
  return keysetPage(
    itemSelect(db)
      .where('i.unit_id', '=', unitId)
      .where('i.state', '=', 'kept')
      .where('i.due_day', 'is not', null)
      .where('i.due_day', '<=', today),
    {
      columns: ['i.due_day', 'i.id'],
      types: ['string', 'string'],
      direction: 'asc',
      key: (r) => [r.due_day ?? '', r.id],
    },
    page,
  );
}

export async function decisionsOf(db: Q, unitId: string, itemIds: readonly string[]): Promise<DecisionRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('archive_decisions as x')
    .innerJoin('users as u', 'u.id', 'x.decided_by')
    .selectAll('x')
    .select('u.display_name as decider_name')
    .where('x.unit_id', '=', unitId)
    .where('x.item_id', 'in', [...itemIds])
    .orderBy('x.item_id')
    .orderBy('x.seq')
    .execute();
}

/** Applies a decision if the item is still at `version` and kept; false when someone else was first. */
export async function decideItem(
  trx: Tx,
  unitId: string,
  id: string,
  version: number,
  set: { state: string; retention: string; due_day: string | null },
): Promise<boolean> {
  const res = await trx
    .updateTable('archive_items')
    .set({ ...set, version: version + 1 })
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', 'kept')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertDecision(trx: Tx, row: ArchiveDecisionsTable): Promise<void> {
  await trx.insertInto('archive_decisions').values(row).execute();
}

export const num = toNumber;

/**
 * Takes the year's meeting rows FOR NO KEY UPDATE (PostgreSQL; SQLite is serialised): an edit of
 * their minutes, record, materials, receipts or tracked items holds one FOR SHARE while it checks
 * that the meeting is not archived (platform/archive-lock.ts), so the two cannot pass each other.
 */
export async function lockMeetings(kind: 'sqlite' | 'postgres', trx: Tx, unitId: string, ids: readonly string[]) {
  if (kind !== 'postgres' || ids.length === 0) return;
  await sql`select id from meetings where unit_id = ${unitId} and id in (${sql.join([...ids].sort())}) order by id for no key update`.execute(
    trx,
  );
}
