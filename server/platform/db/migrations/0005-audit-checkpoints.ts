import type { Kysely } from 'kysely';

/*
 * Anchors of the audit chain (R5.7): a signed (HMAC-SHA256) record of a unit's
 * chain head — its sequence number and hash — written daily. The same lines are
 * appended to a file under DATA_DIR and to the server log, so deleting the last
 * events (and these rows) from the database alone is detected by `audit verify`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['unit_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
}
