import type { Kysely } from 'kysely';

/*
 * R4.1 registers imported again (0015): a register's lines already held by an earlier import
 * of the same kind (same division, day, amount and subject) are not stored a second time — an
 * export of January–June after one of January–March would otherwise count each earlier matter
 * twice, findings included. The register keeps how many of its lines it left out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('registers')
    .addColumn('skipped_lines', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registers').dropColumn('skipped_lines').execute();
}
