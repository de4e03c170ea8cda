import { sql, type Kysely } from 'kysely';

/*
 * The 督办 ledger's order (R6.2, `npm run bench:tracking`): every ledger page is ordered by
 * (deadline, none last; id) within the unit. Without an index in that order each page of the
 * all-division ledger sorted every item of the unit (a temporary B-tree over ≈ 6,000 rows a year);
 * with it a page reads its 100 rows in order. The open items' lights filter on (status, deadline).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tracking_items_order on tracking_items (unit_id, coalesce(deadline, '9999-12-31'), id)`.execute(
    db,
  );
  await db.schema
    .createIndex('tracking_items_open')
    .on('tracking_items')
    .columns(['unit_id', 'status', 'deadline'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tracking_items_open').execute();
  await db.schema.dropIndex('tracking_items_order').execute();
}
