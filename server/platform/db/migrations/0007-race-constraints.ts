import { sql, type Kysely } from 'kysely';

/*
 * Races rest on constraints, not only on read-then-write checks: one minutes
 * per meeting and revision (a draft, and each correction once), and one open
 * leave request per person and meeting. A violation is a 409 (inTransaction).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('minutes_meeting_revision')
    .on('minutes')
    .columns(['meeting_id', 'revision'])
    .unique()
    .execute();
  await db.schema
    .createIndex('leave_requests_open')
    .on('leave_requests')
    .columns(['meeting_id', 'user_id'])
    .unique()
    .where(sql.ref('status'), '!=', 'rejected')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('leave_requests_open').execute();
  await db.schema.dropIndex('minutes_meeting_revision').execute();
}
