import type { Kysely } from 'kysely';

/*
 * The bureau's registers (登记簿, R4.1 / R6.4): a register of one kind (matter flag)
 * uploaded by the supervision office or the general office, its lines, each matched
 * against the topics division meetings decided, and the reviewers' decisions on the
 * proposed matches (append-only, numbered per line). Every key carries the unit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('registers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // a matter flag
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  // The list, newest first, paged by (imported_at, id).
  await db.schema
    .createIndex('registers_unit_imported')
    .on('registers')
    .columns(['unit_id', 'imported_at', 'id'])
    .execute();

  await db.schema
    .createTable('register_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull()) // the line in the file (1 = header)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('day', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('amount_fen', 'bigint')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // proposed | confirmed | finding | dismissed
    .addColumn('topic_id', 'text', (c) => c.references('topics.id')) // the proposed (or confirmed) topic
    .addColumn('score', 'integer') // 0–100, the proposed topic's word overlap
    .addColumn('candidates', 'text', (c) => c.notNull()) // JSON: the best candidates with scores
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('review_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // A register's lines in file order; a unit's lines by division and day (the list's filters, the matrix).
  await db.schema
    .createIndex('register_lines_register')
    .on('register_lines')
    .columns(['unit_id', 'register_id', 'line_no'])
    .unique()
    .execute();
  await db.schema
    .createIndex('register_lines_division_day')
    .on('register_lines')
    .columns(['unit_id', 'division_id', 'day'])
    .execute();

  await db.schema
    .createTable('register_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('register_lines.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // the line's version the decision was made on
    .addColumn('action', 'text', (c) => c.notNull()) // confirm | dismiss
    .addColumn('topic_id', 'text', (c) => c.references('topics.id'))
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  // One decision per line and version: the second of two reviewers at once cannot also win.
  await db.schema
    .createIndex('register_decisions_line_seq')
    .on('register_decisions')
    .columns(['unit_id', 'line_id', 'seq'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('register_decisions').execute();
  await db.schema.dropTable('register_lines').execute();
  await db.schema.dropTable('registers').execute();
}
