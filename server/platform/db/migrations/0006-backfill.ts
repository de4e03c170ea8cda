import type { Kysely } from 'kysely';

/*
 * 补录 (backfill, R3.5): a meeting held on paper and entered afterwards keeps
 * why and by whom it was entered, and the paper minutes it rests on (a blob in
 * the content-addressed store, like topic material).
 */
const COLUMNS = [
  'backfill_reason',
  'backfill_by',
  'backfill_at',
  'paper_minutes_sha256',
  'paper_minutes_filename',
  'paper_minutes_type',
  'paper_minutes_size',
  'paper_minutes_by',
  'paper_minutes_at',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const c of COLUMNS)
    await db.schema
      .alterTable('meetings')
      .addColumn(c, c === 'paper_minutes_size' ? 'integer' : 'text')
      .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of [...COLUMNS].reverse()) await db.schema.alterTable('meetings').dropColumn(c).execute();
}
