import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, TrackingItemsTable } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import type { Actor } from '../../../core/policy.js';
import type { ItemFacts } from '../../../core/policies/tracking.js';
import { AppError } from '../../../core/errors.js';

type Q = Kysely<Database> | Tx;
export type ItemRow = Selectable<TrackingItemsTable> & { division_name: string; source_division_name: string };

/** One item of the unit with its divisions' names, or null. */
export async function itemRow(db: Q, unitId: string, id: string): Promise<ItemRow | null> {
  const row = await db
    .selectFrom('tracking_items as i')
    .innerJoin('divisions as d', 'd.id', 'i.division_id')
    .innerJoin('divisions as sd', 'sd.id', 'i.source_division_id')
    .selectAll('i')
    .select(['d.name as division_name', 'sd.name as source_division_name'])
    .where('i.unit_id', '=', unitId)
    .where('i.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** The head of a division (the first responsible person), if it has one. */
export async function headOf(db: Q, divisionId: string): Promise<string | null> {
  const r = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('division_id', '=', divisionId)
    .where('position', '=', 'head')
    .executeTakeFirst();
  return r?.user_id ?? null;
}

/** The supervising leaders of a division (分管领导). */
export async function supervisingLeadersOf(db: Q, unitId: string, divisionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('unit_roles as r')
    .innerJoin('unit_role_divisions as rd', 'rd.unit_role_id', 'r.id')
    .select('r.user_id')
    .where('r.unit_id', '=', unitId)
    .where('r.role', '=', 'supervising_leader')
    .where('rd.division_id', '=', divisionId)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

export function coResponsibleOf(row: Pick<ItemRow, 'co_responsible'>): Array<{ id: string; name: string }> {
  return JSON.parse(row.co_responsible) as Array<{ id: string; name: string }>;
}

/** Whether the responsible party is the division's own head (or the division itself). */
export function headsOwn(row: Pick<ItemRow, 'responsible_user_id' | 'responsible_division_id'>, headId: string | null) {
  return (
    row.responsible_division_id !== null || (row.responsible_user_id !== null && row.responsible_user_id === headId)
  );
}

/** What the policy decides on, read from the row and its surroundings. */
export async function factsOf(db: Q, row: ItemRow, today: string, headId?: string | null): Promise<ItemFacts> {
  const head = headId === undefined ? await headOf(db, row.division_id) : headId;
  const pending = await db
    .selectFrom('tracking_extensions')
    .select('id')
    .where('item_id', '=', row.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return {
    status: row.status,
    divisionId: row.division_id,
    sourceDivisionId: row.source_division_id,
    responsibleUserId: row.responsible_user_id,
    responsibleDivisionId: row.responsible_division_id,
    coResponsibleIds: coResponsibleOf(row).map((p) => p.id),
    needsCompletion: Number(row.needs_completion) === 1,
    headsOwn: headsOwn(row, head),
    hasPendingExtension: !!pending,
    beforeDeadline: row.deadline !== null && today <= row.deadline,
  };
}

/** Appends an event to the item's timeline (reports, decisions, reminders); returns its id. */
export async function addEvent(
  trx: Tx,
  e: { unitId: string; itemId: string; kind: string; actor: Actor | null; text: string; data?: object; at: string },
): Promise<string> {
  const id = randomUUID();
  // Every writer holds the item's row lock (or created it): the next number is free.
  const last = await trx
    .selectFrom('tracking_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('item_id', '=', e.itemId)
    .executeTakeFirst();
  await trx
    .insertInto('tracking_events')
    .values({
      id,
      unit_id: e.unitId,
      item_id: e.itemId,
      seq: Number(last?.seq ?? 0) + 1,
      kind: e.kind,
      actor_id: e.actor?.userId ?? null,
      actor_name: e.actor?.displayName ?? '系统',
      text: e.text,
      data: JSON.stringify(e.data ?? {}),
      created_at: e.at,
    })
    .execute();
  return id;
}

/** Moves the item to its next version with `set`; a stale version is 409 CONFLICT. */
export async function updateItem(
  trx: Tx,
  row: Pick<ItemRow, 'id' | 'version'>,
  set: Partial<Omit<TrackingItemsTable, 'id' | 'unit_id' | 'version'>>,
  at: string,
): Promise<void> {
  const res = await trx
    .updateTable('tracking_items')
    .set({ ...set, version: Number(row.version) + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', Number(row.version))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
}

/** Binds files uploaded to the item (not yet reported) to a report; an unknown or used id is 422. */
export async function bindAttachments(
  trx: Tx,
  itemId: string,
  actorId: string,
  ids: readonly string[],
  eventId: string,
) {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const res = await trx
    .updateTable('tracking_attachments')
    .set({ event_id: eventId })
    .where('item_id', '=', itemId)
    .where('uploaded_by', '=', actorId)
    .where('event_id', 'is', null)
    .where('id', 'in', unique)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== unique.length)
    throw new AppError('VALIDATION_FAILED', '附件不存在、不是本人上传的，或已随其他报告提交');
}

export async function timelineOf(db: Q, itemId: string) {
  const [events, files, extensions] = await Promise.all([
    db.selectFrom('tracking_events').selectAll().where('item_id', '=', itemId).orderBy('seq').execute(),
    db
      .selectFrom('tracking_attachments')
      .select(['id', 'event_id', 'filename', 'size', 'file_type'])
      .where('item_id', '=', itemId)
      .where('event_id', 'is not', null)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('tracking_extensions as x')
      .innerJoin('users as u', 'u.id', 'x.requested_by')
      .leftJoin('users as d', 'd.id', 'x.decided_by')
      .selectAll('x')
      .select(['u.display_name as requester', 'd.display_name as decider'])
      .where('x.item_id', '=', itemId)
      .orderBy('x.created_at')
      .execute(),
  ]);
  // A reminder names its recipients and their notices; the notices' read state is the read receipt.
  const noticeIds = events.flatMap((e) => recipientsOf(e.data).map((r) => r.noticeId));
  const reads = await noticeReads(db, noticeIds);
  return { events, files, extensions, reads };
}

export interface Recipient {
  userId: string;
  name: string;
  noticeId: string;
}

/** The recipients an event's data names (a reminder's); none for other events. */
export function recipientsOf(data: string): Recipient[] {
  const parsed = JSON.parse(data) as { recipients?: unknown };
  if (!Array.isArray(parsed.recipients)) return [];
  return parsed.recipients.filter(
    (r): r is Recipient =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as Recipient).userId === 'string' &&
      typeof (r as Recipient).noticeId === 'string',
  );
}

/** The read state of the notices a reminder sent (its read receipts). */
export async function noticeReads(db: Q, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('notices')
    .select(['id', 'read_at'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.read_at]));
}
