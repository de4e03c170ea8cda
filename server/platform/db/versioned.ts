import type { Kysely, Transaction, Updateable } from 'kysely';
import { AppError } from '../../../core/errors.js';
import type { Database } from './schema.js';

/** Tables whose rows carry an optimistic-lock `version`. */
export type VersionedTable = 'users' | 'divisions' | 'topics' | 'meetings' | 'record_entries' | 'minutes';

/**
 * The one optimistic-lock write: `UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?`
 * (and `unit_id = ?` when given). Under READ COMMITTED another writer can commit between the
 * caller's read and this write; then no row matches and the answer is 409 CONFLICT — with the
 * current copy when `current` supplies it, so the client can merge.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  key: { id: string; version: number; unitId?: string },
  set: Omit<Updateable<Database[T]>, 'version'>,
  current?: () => Promise<unknown>,
): Promise<void> {
  // Kysely cannot narrow a generic table name; the row's own columns are checked at the call by `set`.
  const t = table as VersionedTable as 'topics';
  let q = db
    .updateTable(t)
    .set({ ...(set as Updateable<Database['topics']>), version: key.version + 1 })
    .where('id', '=', key.id)
    .where('version', '=', key.version);
  if (key.unitId !== undefined) q = q.where('unit_id', '=', key.unitId);
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new AppError('CONFLICT', undefined, current ? { current: await current() } : undefined);
}
