import type { Kysely } from 'kysely';

/*
 * Indexes the daily reads needed at scale (issue 11: `npm run seed:scale`, 100 units × 20
 * divisions × 10 years, `npm run bench:scale` prints EXPLAIN of the slowest statement):
 *  - minutes_supersedes: the minutes page asks whether issued minutes have a correction
 *    (supersedes_id); without it every minutes page scanned the whole table.
 *  - (the unit-wide meetings order, (unit_id, starts_at, id), is 0008's meetings_unit_time, made
 *    for the cursor pages: a leader who sees every division reads the unit's newest meetings.)
 *  - leave_requests_status: the 工作台's pending leave requests of the unit; there was no index
 *    on the unit and status, so every 工作台 read went through all leave requests ever made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('minutes_supersedes').on('minutes').columns(['unit_id', 'supersedes_id']).execute();
  await db.schema.createIndex('leave_requests_status').on('leave_requests').columns(['unit_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('leave_requests_status').execute();
  await db.schema.dropIndex('minutes_supersedes').execute();
}
