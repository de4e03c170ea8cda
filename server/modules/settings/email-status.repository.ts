import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** How many of the unit's notices wait for, failed or finished e-mail delivery. */
export async function emailCounts(db: Kysely<Database>, unitId: string) {
  const rows = await db
    .selectFrom('notices')
    .select(['email_status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('unit_id', '=', unitId)
    .groupBy('email_status')
    .execute();
  const count = (st: string) => Number(rows.find((r) => r.email_status === st)?.n ?? 0);
  return { pending: count('pending'), failed: count('failed'), sent: count('sent') };
}
