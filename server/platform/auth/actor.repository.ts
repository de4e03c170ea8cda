import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor, Membership } from '../../../core/policy.js';
import type { DivisionKind, Position, UnitRole } from '../../../core/org.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Loads who a user is, in three queries: the user, their memberships, their roles. */
export async function loadActor(db: Q, unitId: string, userId: string): Promise<Actor | null> {
  const [user, memberships, roles] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'unit_id', 'username', 'display_name'])
      .where('id', '=', userId)
      .where('unit_id', '=', unitId)
      .where('active', '=', 1)
      .executeTakeFirst(),
    db
      .selectFrom('memberships as m')
      .innerJoin('divisions as d', 'd.id', 'm.division_id')
      .select(['m.division_id', 'd.name', 'd.kind', 'm.position', 'm.is_recorder'])
      .where('m.user_id', '=', userId)
      .where('m.unit_id', '=', unitId)
      .where('d.active', '=', 1)
      .orderBy('d.sort_order')
      .execute(),
    db
      .selectFrom('unit_roles as r')
      .leftJoin('unit_role_divisions as rd', 'rd.unit_role_id', 'r.id')
      .select(['r.role', 'rd.division_id'])
      .where('r.user_id', '=', userId)
      .where('r.unit_id', '=', unitId)
      .execute(),
  ]);
  if (!user) return null;
  const ms: Membership[] = memberships.map((m) => ({
    divisionId: m.division_id,
    divisionName: m.name,
    divisionKind: m.kind as DivisionKind,
    position: m.position as Position,
    isRecorder: Number(m.is_recorder) === 1,
  }));
  const roleSet = new Set<UnitRole>();
  const supervised = new Set<string>();
  for (const r of roles) {
    roleSet.add(r.role as UnitRole);
    if (r.role === 'supervising_leader' && r.division_id) supervised.add(r.division_id);
  }
  return {
    userId: user.id,
    unitId: user.unit_id,
    username: user.username,
    displayName: user.display_name,
    roles: [...roleSet],
    memberships: ms,
    supervisedDivisionIds: [...supervised],
  };
}
