import type { Kysely } from 'kysely';

/* The meeting record (R5.1–R5.4, R6.1) and the minutes with their numbering (R5.5–R5.7). */

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('discussion', 'text', (c) => c.notNull())
    .addColumn('opinions', 'text', (c) => c.notNull()) // JSON
    .addColumn('decisions', 'text', (c) => c.notNull()) // JSON
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_entries_topic')
    .on('record_entries')
    .columns(['meeting_id', 'topic_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('minutes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // JSON
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('number_year', 'integer')
    .addColumn('number_seq', 'integer')
    .addColumn('number', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supersedes_id', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('hash_alg', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('minutes_meeting').on('minutes').columns(['meeting_id']).execute();
  await db.schema
    .createIndex('minutes_number')
    .on('minutes')
    .columns(['division_id', 'number_year', 'number_seq', 'revision'])
    .unique()
    .execute();

  // R5.6: one gapless counter per division and year, taken in the issuing transaction.
  await db.schema
    .createTable('minutes_counters')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('minutes_counters_pk', ['division_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['minutes_counters', 'minutes', 'record_entries']) await db.schema.dropTable(t).execute();
}
