import { sql, type Kysely } from 'kysely';

/*
 * Accountability cases (责任追究, R6.3): the case, the persons concerned, its
 * append-only timeline, its append-only evidence (each row hashed and chained
 * to the previous one; the first row is the bundle frozen at opening), and the
 * files of statements and new facts (stored by SHA-256 like all material).
 * Every key carries the unit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // item | monthly_meeting | minutes_late | other | lead
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('division_id', 'text', (c) => c.references('divisions.id'))
    .addColumn('source_item_id', 'text', (c) => c.references('tracking_items.id'))
    .addColumn('source_meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('source_month', 'text')
    // The breach a case is about (item:…, monthly:…:YYYY-MM, minutes_late:…); null for other breaches and leads.
    .addColumn('source_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull()) // 1 once dismissed or archived
    .addColumn('bundle_hash', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('notice_text', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('dismiss_reason', 'text')
    .addColumn('proposed_measure', 'text')
    .addColumn('proposal_reason', 'text')
    .addColumn('proposed_at', 'text')
    .addColumn('decided_measure', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('decision_reference', 'text')
    .addColumn('decision_text', 'text')
    .addColumn('decision_recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The list, newest first, paged by (opened_at, id).
  await db.schema.createIndex('cases_unit_opened').on('cases').columns(['unit_id', 'opened_at', 'id']).execute();
  // One open case per breach: a second opening of the same item, month or meeting is refused (and loses a race).
  await db.schema
    .createIndex('cases_open_source')
    .on('cases')
    .columns(['unit_id', 'source_key'])
    .unique()
    .where(sql.ref('closed'), '=', 0)
    .execute();

  await db.schema
    .createTable('case_subjects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('position', 'integer', (c) => c.notNull()) // the order they were named in
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_subjects_person')
    .on('case_subjects')
    .columns(['unit_id', 'case_id', 'user_id'])
    .unique()
    .execute();
  await db.schema.createIndex('case_subjects_user').on('case_subjects').columns(['unit_id', 'user_id']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_events_seq')
    .on('case_events')
    .columns(['unit_id', 'case_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('case_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // bundle | statement | fact
    .addColumn('content', 'text', (c) => c.notNull()) // canonical JSON of the envelope, exactly what is hashed
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_evidence_seq')
    .on('case_evidence')
    .columns(['unit_id', 'case_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('case_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('evidence_id', 'text', (c) => c.references('case_evidence.id')) // null until submitted with
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_attachments_case').on('case_attachments').columns(['unit_id', 'case_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['case_attachments', 'case_evidence', 'case_events', 'case_subjects', 'cases'])
    await db.schema.dropTable(t).execute();
}
