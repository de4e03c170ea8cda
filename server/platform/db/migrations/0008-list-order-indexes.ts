import type { Kysely } from 'kysely';

/*
 * Every list pages with a cursor in a stable order that ends in a unique
 * column (server/platform/db/cursor.ts). Each index here carries one list's
 * filter columns and then its order, so a page is a range read of the index,
 * however deep the cursor. Lists whose order an earlier index already serves
 * (audit log: the (unit_id, seq) key; minutes: meetings by time) need none.
 */
const INDEXES: ReadonlyArray<readonly [name: string, table: string, columns: string[]]> = [
  ['meetings_unit_time', 'meetings', ['unit_id', 'starts_at', 'id']],
  ['topics_unit_updated', 'topics', ['unit_id', 'updated_at', 'id']],
  ['notices_user_time', 'notices', ['unit_id', 'user_id', 'created_at', 'id']],
  ['distribution_entries_recipient_time', 'distribution_entries', ['recipient_id', 'sent_at', 'id']],
  ['distribution_entries_office_time', 'distribution_entries', ['recipient_division_id', 'sent_at', 'id']],
  ['distributions_unit_day', 'distributions', ['unit_id', 'meeting_day', 'meeting_id']],
  ['users_unit_username', 'users', ['unit_id', 'username']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}
