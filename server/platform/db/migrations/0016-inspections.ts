import type { Kysely } from 'kysely';

/*
 * Inspections (专项检查, R6.4): the plan with its scope, checklist and the sample of
 * minutes drawn with a recorded seed; each checklist item's result per sampled
 * minutes; the findings with their rectification (整改通知 → 整改报告 → verified),
 * an append-only timeline and the files of the reports; the supervision office's
 * own sequence for its 通报. Every key carries the unit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('from_month', 'text', (c) => c.notNull())
    .addColumn('to_month', 'text', (c) => c.notNull())
    .addColumn('division_ids', 'text', (c) => c.notNull()) // JSON array, in org order
    .addColumn('checks', 'text', (c) => c.notNull()) // JSON array of compliance checks
    .addColumn('sample_size', 'integer', (c) => c.notNull()) // minutes per division
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // planning | working | concluded
    .addColumn('summary', 'text')
    .addColumn('report_year', 'integer')
    .addColumn('report_seq', 'integer')
    .addColumn('report_number', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('concluded_by', 'text', (c) => c.references('users.id'))
    .addColumn('concluded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspections_unit_created')
    .on('inspections')
    .columns(['unit_id', 'created_at', 'id'])
    .execute();
  // One 通报 per number in the office's sequence.
  await db.schema
    .createIndex('inspections_report_number')
    .on('inspections')
    .columns(['unit_id', 'report_year', 'report_seq'])
    .unique()
    .execute();
  await db.schema
    .createTable('inspection_counters')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_counters_pk', ['unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('inspection_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('clause', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_items_seq')
    .on('inspection_items')
    .columns(['inspection_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('inspection_samples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_samples_minutes')
    .on('inspection_samples')
    .columns(['inspection_id', 'minutes_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('inspection_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('sample_id', 'text', (c) => c.notNull().references('inspection_samples.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('inspection_items.id'))
    .addColumn('result', 'text', (c) => c.notNull()) // pass | fail | na
    .addColumn('comment', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull()) // JSON: [{ label, href }]
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_results_cell')
    .on('inspection_results')
    .columns(['sample_id', 'item_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('inspection_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('sample_id', 'text', (c) => c.references('inspection_samples.id'))
    .addColumn('clause', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull()) // JSON: [{ label, href }]
    .addColumn('state', 'text', (c) => c.notNull()) // open | notified | reported | closed
    .addColumn('deadline', 'text') // YYYY-MM-DD, a working day
    .addColumn('notice_text', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('report_text', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_findings_seq')
    .on('inspection_findings')
    .columns(['inspection_id', 'seq'])
    .unique()
    .execute();
  // A division's rectifications (the head's list), and the overdue job's scan.
  await db.schema
    .createIndex('inspection_findings_division')
    .on('inspection_findings')
    .columns(['unit_id', 'division_id', 'state', 'deadline'])
    .execute();

  await db.schema
    .createTable('inspection_finding_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('inspection_findings.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_finding_events_seq')
    .on('inspection_finding_events')
    .columns(['finding_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('inspection_finding_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('inspection_findings.id'))
    .addColumn('event_id', 'text', (c) => c.references('inspection_finding_events.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_finding_files_finding')
    .on('inspection_finding_files')
    .columns(['unit_id', 'finding_id'])
    .execute();
}
