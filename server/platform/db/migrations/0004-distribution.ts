import type { Kysely } from 'kysely';

/*
 * Distribution within N working days (R5.8–R5.10): the unit's working-day
 * calendar (imported schedules and single-day overrides on top of the shipped
 * ones), one deadline per held meeting, one entry per recipient, e-mail
 * delivery state of the notices, and the claims that make scheduled jobs run once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_schedules')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('days', 'text', (c) => c.notNull()) // JSON [{date, name, isOffDay}]
    .addColumn('papers', 'text', (c) => c.notNull()) // JSON [string]
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_schedules_pk', ['unit_id', 'year'])
    .execute();
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('is_off_day', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_overrides_pk', ['unit_id', 'date'])
    .execute();

  // One row per held meeting: its deadline and where the minutes stand against it.
  await db.schema
    .createTable('distributions')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('meeting_day', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | overdue | on_time | late
    .addColumn('minutes_id', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('overdue_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('distributions_status').on('distributions').columns(['unit_id', 'status']).execute();

  await db.schema
    .createTable('distribution_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('purpose', 'text', (c) => c.notNull()) // report | circulate | file
    .addColumn('recipient_role', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.references('users.id')) // null: the supervision office as a body
    .addColumn('recipient_division_id', 'text', (c) => c.references('divisions.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('received_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('distribution_entries_minutes')
    .on('distribution_entries')
    .columns(['minutes_id'])
    .execute();
  await db.schema
    .createIndex('distribution_entries_recipient')
    .on('distribution_entries')
    .columns(['recipient_id', 'read_at'])
    .execute();
  await db.schema
    .createIndex('distribution_entries_office')
    .on('distribution_entries')
    .columns(['recipient_division_id', 'received_at'])
    .execute();

  // E-mail delivery of the notices (outbox): none | pending | sent | failed.
  await db.schema
    .alterTable('notices')
    .addColumn('email_status', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema
    .alterTable('notices')
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('notices').addColumn('email_next_at', 'text').execute();
  await db.schema.alterTable('notices').addColumn('email_error', 'text').execute();
  await db.schema.alterTable('notices').addColumn('email_sent_at', 'text').execute();
  await db.schema.createIndex('notices_email').on('notices').columns(['email_status', 'email_next_at']).execute();

  // A scheduled job's unit of work is claimed by inserting its key; the claim
  // commits with the work, so no run, process or restart does it twice.
  await db.schema
    .createTable('job_claims')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notices_email').execute();
  for (const c of ['email_status', 'email_attempts', 'email_next_at', 'email_error', 'email_sent_at'])
    await db.schema.alterTable('notices').dropColumn(c).execute();
  for (const t of ['job_claims', 'distribution_entries', 'distributions', 'calendar_overrides', 'calendar_schedules'])
    await db.schema.dropTable(t).execute();
}
