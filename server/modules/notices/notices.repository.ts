import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';
import { toNumber } from '../../platform/db/database.js';

type Q = Kysely<Database> | Tx;

function mine(db: Q, unitId: string, userId: string) {
  return db.selectFrom('notices').where('unit_id', '=', unitId).where('user_id', '=', userId);
}

/** A page of the user's notices, newest first, then by id (only unread ones if asked). */
export async function noticePage(db: Q, unitId: string, userId: string, f: { unreadOnly: boolean } & PageRequest) {
  let q = mine(db, unitId, userId);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  return keysetPage(
    q.selectAll(),
    { columns: ['created_at', 'id'], types: ['string', 'string'], direction: 'desc', key: (r) => [r.created_at, r.id] },
    f,
  );
}
export type NoticeRow = Awaited<ReturnType<typeof noticePage>>['items'][number];

/** How many of the user's notices are unread. */
export async function countUnreadNotices(db: Q, unitId: string, userId: string): Promise<number> {
  const r = await mine(db, unitId, userId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return toNumber(r.n);
}

/** Marks one of the user's notices read; false when it was not unread (or not theirs). */
export async function markNoticeRead(trx: Tx, unitId: string, userId: string, id: string, at: string) {
  const res = await trx
    .updateTable('notices')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('unit_id', '=', unitId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function noticeExists(db: Q, userId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('notices')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

export async function markAllNoticesRead(trx: Tx, unitId: string, userId: string, at: string): Promise<void> {
  await trx
    .updateTable('notices')
    .set({ read_at: at })
    .where('unit_id', '=', unitId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}
