import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import type { Position } from '../../../core/org.js';
import type { DelegatedPower } from '../../../core/topics.js';
import { members } from './org.repository.js';

type Q = Kysely<Database> | Tx;

/** The unit's active people with their divisions (one row per membership; none for people without one). */
export function directoryRows(db: Q, unitId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('memberships as m', 'm.user_id', 'u.id')
    .leftJoin('divisions as d', 'd.id', 'm.division_id')
    .select(['u.id', 'u.display_name', 'd.name', 'd.sort_order'])
    .where('u.unit_id', '=', unitId)
    .where('u.active', '=', 1)
    .orderBy('d.sort_order')
    .orderBy('u.display_name')
    .execute();
}
export type DirectoryRow = Awaited<ReturnType<typeof directoryRows>>[number];

/** A division's active members with their position, in rank order (the convene form's pickers, the team page). */
export async function divisionMembers(db: Q, unitId: string, divisionId: string) {
  return (await members(db, unitId, divisionId)).map((r) => ({
    userId: r.user_id,
    name: r.display_name,
    position: r.position as Position,
    isRecorder: toNumber(r.is_recorder) === 1,
  }));
}

/** The powers a division's head delegated, with the deputies' names. */
export async function divisionDelegations(db: Q, unitId: string, divisionId: string) {
  const rows = await db
    .selectFrom('delegations as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.user_id', 'u.display_name', 'g.power'])
    .where('g.unit_id', '=', unitId)
    .where('g.division_id', '=', divisionId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, userName: r.display_name, power: r.power as DelegatedPower }));
}

/** The ids of a division's deputy heads. */
export async function deputyIds(db: Q, unitId: string, divisionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('unit_id', '=', unitId)
    .where('division_id', '=', divisionId)
    .where('position', '=', 'deputy')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Replaces a division's delegations with these. */
export async function replaceDelegations(
  trx: Tx,
  unitId: string,
  divisionId: string,
  grants: readonly { userId: string; power: DelegatedPower }[],
  by: { userId: string; at: string },
): Promise<void> {
  await trx.deleteFrom('delegations').where('unit_id', '=', unitId).where('division_id', '=', divisionId).execute();
  if (grants.length === 0) return;
  await trx
    .insertInto('delegations')
    .values(
      grants.map((w) => ({
        id: randomUUID(),
        unit_id: unitId,
        division_id: divisionId,
        user_id: w.userId,
        power: w.power,
        granted_by: by.userId,
        granted_at: by.at,
      })),
    )
    .execute();
}
