import type { Kysely } from 'kysely';

/*
 * Daily use (issue 15): a sort number per membership, set by the system admin,
 * orders the staff of a division after its head and deputies wherever names are
 * listed; approvers and readers may leave a comment — the issuer's on the
 * minutes, a reader's (a leader's 批示) on their distribution entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('memberships')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('minutes').addColumn('issue_comment', 'text').execute();
  await db.schema.alterTable('distribution_entries').addColumn('read_comment', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('distribution_entries').dropColumn('read_comment').execute();
  await db.schema.alterTable('minutes').dropColumn('issue_comment').execute();
  await db.schema.alterTable('memberships').dropColumn('sort_order').execute();
}
