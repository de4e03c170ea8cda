import type { Kysely } from 'kysely';

/*
 * The compliance matrix at scale (R6.4, `npm run bench:oversight`, 100 units × 20 divisions × 12
 * months): its R5.7 check reads the material a unit stored in the period (attachments by unit and
 * upload time). Without an index every matrix request scanned every attachment of every unit
 * (PostgreSQL: a parallel sequential scan, 18 ms of the matrix's ≈ 120 ms at 27 000 files).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('attachments_unit_created')
    .on('attachments')
    .columns(['unit_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('attachments_unit_created').execute();
}
