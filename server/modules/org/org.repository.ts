import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import type { DivisionDto, UserDto } from '../../../core/contracts/org.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';
import {
  inRankOrder,
  leaderRoleOf,
  type DivisionKind,
  type Position,
  type RankFacts,
  type UnitRole,
} from '../../../core/org.js';

type Q = Kysely<Database> | Tx;

/** Divisions of a unit with member count, head and designated recorder (R5.2). */
export async function listDivisions(
  db: Q,
  unitId: string,
  opts: { activeOnly?: boolean } = {},
): Promise<DivisionDto[]> {
  let q = db.selectFrom('divisions').selectAll().where('unit_id', '=', unitId);
  if (opts.activeOnly) q = q.where('active', '=', 1);
  const [divisions, members] = await Promise.all([
    q.orderBy('sort_order').orderBy('name').execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.division_id', 'm.position', 'm.is_recorder', 'u.display_name', 'u.active'])
      .where('m.unit_id', '=', unitId)
      .execute(),
  ]);
  return divisions.map((d) => {
    const mine = members.filter((m) => m.division_id === d.id && toNumber(m.active) === 1);
    return {
      id: d.id,
      name: d.name,
      kind: d.kind as DivisionKind,
      sortOrder: toNumber(d.sort_order),
      active: toNumber(d.active) === 1,
      version: toNumber(d.version),
      memberCount: mine.length,
      headName: mine.find((m) => m.position === 'head')?.display_name ?? null,
      recorderName: mine.find((m) => toNumber(m.is_recorder) === 1)?.display_name ?? null,
    };
  });
}

export async function getDivision(db: Q, unitId: string, id: string): Promise<DivisionDto | null> {
  const all = await listDivisions(db, unitId);
  return all.find((d) => d.id === id) ?? null;
}

/** Users with their memberships and roles, in three queries whatever the page size. */
export async function loadUserDtos(db: Q, unitId: string, ids: readonly string[], now: Date): Promise<UserDto[]> {
  if (ids.length === 0) return [];
  const [users, memberships, roles] = await Promise.all([
    db
      .selectFrom('users')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('id', 'in', [...ids])
      .execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('divisions as d', 'd.id', 'm.division_id')
      .select([
        'm.user_id',
        'm.division_id',
        'd.name',
        'd.kind',
        'm.position',
        'm.is_recorder',
        'm.sort_order',
        'd.sort_order as division_order',
      ])
      .where('m.unit_id', '=', unitId)
      .where('m.user_id', 'in', [...ids])
      .orderBy('division_order')
      .execute(),
    db
      .selectFrom('unit_roles as r')
      .leftJoin('unit_role_divisions as rd', 'rd.unit_role_id', 'r.id')
      .select(['r.user_id', 'r.role', 'rd.division_id'])
      .where('r.unit_id', '=', unitId)
      .where('r.user_id', 'in', [...ids])
      .execute(),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return ids.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [];
    const roleMap = new Map<UnitRole, string[]>();
    for (const r of roles.filter((x) => x.user_id === id)) {
      const list = roleMap.get(r.role as UnitRole) ?? [];
      if (r.division_id) list.push(r.division_id);
      roleMap.set(r.role as UnitRole, list);
    }
    const locked = !!u.locked_until && new Date(u.locked_until) > now;
    return [
      {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        email: u.email,
        phone: u.phone,
        active: toNumber(u.active) === 1,
        locked,
        lockedUntil: locked ? u.locked_until : null,
        mustChangePassword: toNumber(u.must_change_password) === 1,
        lastLoginAt: u.last_login_at,
        version: toNumber(u.version),
        memberships: memberships
          .filter((m) => m.user_id === id)
          .map((m) => ({
            divisionId: m.division_id,
            divisionName: m.name,
            divisionKind: m.kind as DivisionKind,
            position: m.position as Position,
            isRecorder: toNumber(m.is_recorder) === 1,
            sortOrder: toNumber(m.sort_order),
          })),
        roles: [...roleMap].map(([role, divisionIds]) => ({ role, divisionIds })),
      },
    ];
  });
}

export async function loadUserDto(db: Q, unitId: string, id: string, now: Date): Promise<UserDto | null> {
  return (await loadUserDtos(db, unitId, [id], now))[0] ?? null;
}

export interface UserSearch extends PageRequest {
  q?: string | undefined;
  divisionId?: string | undefined;
}

export async function searchUserIds(
  db: Q,
  unitId: string,
  f: UserSearch,
): Promise<{ ids: string[]; nextCursor: string | null }> {
  let q = db.selectFrom('users as u').where('u.unit_id', '=', unitId);
  // Wildcards are dropped rather than escaped: LIKE escaping differs between the databases.
  const term = f.q?.replace(/[%_\\]/g, '').toLowerCase();
  if (term) {
    const like = `%${term}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['u.username']), 'like', like),
        eb('u.display_name', 'like', like),
        eb(eb.fn('lower', ['u.email']), 'like', like),
      ]),
    );
  }
  if (f.divisionId) {
    const divisionId = f.divisionId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.id')
          .whereRef('m.user_id', '=', 'u.id')
          .where('m.division_id', '=', divisionId),
      ),
    );
  }
  // The username is unique: it is the whole order, and the cursor.
  const page = await keysetPage(
    q.select(['u.id', 'u.username']),
    { columns: ['u.username'], types: ['string'], direction: 'asc', key: (r) => [r.username] },
    f,
  );
  return { ids: page.items.map((r) => r.id), nextCursor: page.nextCursor };
}

/** People by id with their (first) division, in the unit's division order, then by name. */
export async function peopleNamed(
  db: Kysely<Database>,
  unitId: string,
  ids: readonly string[],
): Promise<Array<{ userId: string; name: string; divisionName: string | null }>> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('memberships as m', 'm.user_id', 'u.id')
    .leftJoin('divisions as d', 'd.id', 'm.division_id')
    .select(['u.id', 'u.display_name', 'd.name', 'd.sort_order'])
    .where('u.unit_id', '=', unitId)
    .where('u.id', 'in', ids)
    .orderBy('d.sort_order')
    .orderBy('u.display_name')
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ userId: r.id, name: r.display_name, divisionName: r.name }));
}

/** The active members of a division, with position and the recorder designation (R3.3, R5.2), in rank order. */
export async function members(trx: Kysely<Database> | Tx, unitId: string, divisionId: string) {
  const rows = await trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.position', 'm.is_recorder', 'm.sort_order', 'u.display_name'])
    .where('m.unit_id', '=', unitId)
    .where('m.division_id', '=', divisionId)
    .where('u.active', '=', 1)
    .execute();
  return inRankOrder(rows, (r) => ({
    name: r.display_name,
    leaderRole: null,
    position: r.position as Position,
    sortOrder: toNumber(r.sort_order),
  }));
}

/**
 * What places each of `userIds` in a list of names of `divisionId` (core's
 * `compareRank`): their bureau-leader role, and their position and sort number
 * in that division — or, for someone from elsewhere, in their own first division.
 */
export async function rankFactsOf(
  db: Q,
  unitId: string,
  divisionId: string,
  userIds: readonly string[],
): Promise<(userId: string, name: string) => RankFacts> {
  const ids = userIds.length ? [...userIds] : ['-'];
  const [memberships, roles] = await Promise.all([
    db
      .selectFrom('memberships as m')
      .innerJoin('divisions as d', 'd.id', 'm.division_id')
      .select(['m.user_id', 'm.division_id', 'm.position', 'm.sort_order', 'd.sort_order as division_order'])
      .where('m.unit_id', '=', unitId)
      .where('m.user_id', 'in', ids)
      .orderBy('d.sort_order')
      .execute(),
    db
      .selectFrom('unit_roles')
      .select(['user_id', 'role'])
      .where('unit_id', '=', unitId)
      .where('user_id', 'in', ids)
      .execute(),
  ]);
  return (userId, name) => {
    const mine = memberships.filter((m) => m.user_id === userId);
    const m = mine.find((x) => x.division_id === divisionId) ?? mine[0];
    return {
      name,
      leaderRole: leaderRoleOf(roles.filter((r) => r.user_id === userId).map((r) => r.role)),
      position: (m?.position as Position | undefined) ?? null,
      sortOrder: m ? toNumber(m.sort_order) : 0,
    };
  };
}

/** A meeting's people in list order: members first, then observers, each in rank order (core's `compareRank`). */
export async function inMeetingOrder<T extends { user_id: string; display_name: string; role: string }>(
  db: Q,
  unitId: string,
  divisionId: string,
  rows: readonly T[],
): Promise<T[]> {
  const rankOf = await rankFactsOf(
    db,
    unitId,
    divisionId,
    rows.map((r) => r.user_id),
  );
  return inRankOrder(rows, (r) => rankOf(r.user_id, r.display_name)).sort(
    (a, b) => Number(a.role === 'observer') - Number(b.role === 'observer'),
  );
}
