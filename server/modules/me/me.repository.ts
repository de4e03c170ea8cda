import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { toNumber } from '../../platform/db/database.js';

/** The unit's name and whether it is the demonstration unit. */
export async function unitSummary(db: Kysely<Database>, unitId: string) {
  const u = await db
    .selectFrom('units')
    .select(['unit_id', 'name', 'is_demo'])
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return { id: u.unit_id, name: u.name, isDemo: toNumber(u.is_demo) === 1 };
}

/** These divisions of the unit by id and name, in the unit's order. */
export function divisionNames(db: Kysely<Database>, unitId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('divisions')
    .select(['id', 'name'])
    .where('unit_id', '=', unitId)
    .where('id', 'in', [...ids])
    .orderBy('sort_order')
    .execute();
}
