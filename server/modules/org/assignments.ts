import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { UserDto } from '../../../core/contracts/org.js';
import {
  ADMIN_ROLES,
  adminSeparationProblem,
  isAdminRole,
  UNIT_ROLE_LABELS,
  type Position,
  type UnitRole,
} from '../../../core/org.js';
import { audit, auditBy, inTransaction, type Services, type Tx } from '../../platform/services.js';
import { requireUser } from './users.js';

async function requireDivisions(trx: Tx, unitId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom('divisions')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('id', 'in', [...ids])
    .execute();
  const known = new Set(found.map((d) => d.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) throw new AppError('NOT_FOUND', '处室不存在', { divisionIds: missing });
}

/** 三员分立: an administrator is nobody's business role holder nor a division member. */
function assertSeparated(roles: readonly UnitRole[], membershipCount: number): void {
  const problem = adminSeparationProblem(roles, membershipCount);
  if (!problem) return;
  const admin = roles.filter(isAdminRole).map((r) => UNIT_ROLE_LABELS[r]);
  if (problem === 'business_role') {
    const business = roles.filter((r) => !isAdminRole(r)).map((r) => UNIT_ROLE_LABELS[r]);
    throw new AppError('ROLE_CONFLICT', `${admin.join('、')}不能同时担任${business.join('、')}（三员分立）`);
  }
  throw new AppError('ROLE_CONFLICT', `${admin.join('、')}不能同时是处室成员，请先移出处室（三员分立）`);
}

function assertUnique(values: readonly string[], what: string): void {
  if (new Set(values).size !== values.length) throw new AppError('VALIDATION_FAILED', `${what}不能重复`);
}

/**
 * Replaces a user's division memberships. A division has one head; designating a
 * recorder (R5.2) moves the designation from whoever held it in that division.
 */
export async function setMemberships(
  s: Services,
  actor: Actor,
  userId: string,
  memberships: ReadonlyArray<{ divisionId: string; position: Position; isRecorder: boolean; sortOrder?: number }>,
  ip: string | null,
): Promise<UserDto> {
  assertUnique(
    memberships.map((m) => m.divisionId),
    '处室',
  );
  return inTransaction(s, async (trx) => {
    const before = await requireUser(trx, s, actor.unitId, userId);
    assertSeparated(
      before.roles.map((r) => r.role),
      memberships.length,
    );
    await requireDivisions(
      trx,
      actor.unitId,
      memberships.map((m) => m.divisionId),
    );
    const heads = memberships.filter((m) => m.position === 'head').map((m) => m.divisionId);
    if (heads.length > 0) {
      const other = await trx
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .innerJoin('divisions as d', 'd.id', 'm.division_id')
        .select(['u.display_name', 'd.name'])
        .where('m.unit_id', '=', actor.unitId)
        .where('m.position', '=', 'head')
        .where('m.division_id', 'in', heads)
        .where('m.user_id', '!=', userId)
        .executeTakeFirst();
      if (other) throw new AppError('ALREADY_EXISTS', `${other.name}已有主要负责人（${other.display_name}）`);
    }
    const recorderDivisions = memberships.filter((m) => m.isRecorder).map((m) => m.divisionId);
    const movedFrom =
      recorderDivisions.length === 0
        ? []
        : await trx
            .selectFrom('memberships')
            .select(['user_id', 'division_id'])
            .where('unit_id', '=', actor.unitId)
            .where('is_recorder', '=', 1)
            .where('division_id', 'in', recorderDivisions)
            .where('user_id', '!=', userId)
            .execute();
    if (movedFrom.length > 0) {
      await trx
        .updateTable('memberships')
        .set({ is_recorder: 0 })
        .where('unit_id', '=', actor.unitId)
        .where('division_id', 'in', recorderDivisions)
        .where('user_id', '!=', userId)
        .execute();
    }
    await trx.deleteFrom('memberships').where('unit_id', '=', actor.unitId).where('user_id', '=', userId).execute();
    const now = s.clock.now().toISOString();
    if (memberships.length > 0) {
      await trx
        .insertInto('memberships')
        .values(
          memberships.map((m) => ({
            id: randomUUID(),
            unit_id: actor.unitId,
            division_id: m.divisionId,
            user_id: userId,
            position: m.position,
            is_recorder: m.isRecorder ? 1 : 0,
            // A client that does not send the number keeps the one the membership had.
            sort_order: m.sortOrder ?? before.memberships.find((b) => b.divisionId === m.divisionId)?.sortOrder ?? 0,
            created_at: now,
          })),
        )
        .execute();
    }
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'user.memberships',
      subjectType: 'user',
      subjectId: userId,
      data: {
        before: before.memberships.map(({ divisionId, position, isRecorder, sortOrder }) => ({
          divisionId,
          position,
          isRecorder,
          sortOrder,
        })),
        after: memberships,
        recorderMovedFrom: movedFrom.map((m) => ({ userId: m.user_id, divisionId: m.division_id })),
      },
    });
    return requireUser(trx, s, actor.unitId, userId);
  });
}

/**
 * Replaces a user's unit roles. The three administrators are separate people
 * (三员分立); a supervising leader names the divisions supervised; the unit
 * always keeps one system administrator.
 */
export async function setRoles(
  s: Services,
  actor: Actor,
  userId: string,
  roles: ReadonlyArray<{ role: UnitRole; divisionIds?: string[] | undefined }>,
  ip: string | null,
): Promise<UserDto> {
  assertUnique(
    roles.map((r) => r.role),
    '角色',
  );
  const admin = roles.filter((r) => (ADMIN_ROLES as readonly string[]).includes(r.role));
  if (admin.length > 1) {
    throw new AppError(
      'ROLE_CONFLICT',
      `${admin.map((r) => UNIT_ROLE_LABELS[r.role]).join('、')}须由不同人员担任（三员分立）`,
    );
  }
  for (const r of roles) {
    const ids = r.divisionIds ?? [];
    if (r.role === 'supervising_leader' && ids.length === 0) {
      throw new AppError('VALIDATION_FAILED', '分管领导须指定分管的处室');
    }
    if (r.role !== 'supervising_leader' && ids.length > 0) {
      throw new AppError('VALIDATION_FAILED', `${UNIT_ROLE_LABELS[r.role]}不关联处室`);
    }
    assertUnique(ids, '分管处室');
  }
  assertSeparated(
    roles.map((r) => r.role),
    0,
  );
  return inTransaction(s, async (trx) => {
    const before = await requireUser(trx, s, actor.unitId, userId);
    assertSeparated(
      roles.map((r) => r.role),
      before.memberships.length,
    );
    await requireDivisions(
      trx,
      actor.unitId,
      roles.flatMap((r) => r.divisionIds ?? []),
    );
    const losesSystemAdmin =
      before.roles.some((r) => r.role === 'system_admin') && !roles.some((r) => r.role === 'system_admin');
    if (losesSystemAdmin) {
      const others = await trx
        .selectFrom('unit_roles as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select('r.id')
        .where('r.unit_id', '=', actor.unitId)
        .where('r.role', '=', 'system_admin')
        .where('r.user_id', '!=', userId)
        .where('u.active', '=', 1)
        .executeTakeFirst();
      if (!others) throw new AppError('LAST_ADMIN');
    }
    // Nobody grants themselves a role: a role added to one's own account needs another administrator.
    if (userId === actor.userId) {
      const held = new Set(before.roles.map((r) => r.role));
      const gained = roles.filter((r) => !held.has(r.role)).map((r) => UNIT_ROLE_LABELS[r.role]);
      if (gained.length > 0) throw new AppError('ROLE_CONFLICT', `不能为自己分配角色：${gained.join('、')}`);
    }
    const old = await trx
      .selectFrom('unit_roles')
      .select('id')
      .where('unit_id', '=', actor.unitId)
      .where('user_id', '=', userId)
      .execute();
    if (old.length > 0) {
      const oldIds = old.map((r) => r.id);
      await trx.deleteFrom('unit_role_divisions').where('unit_role_id', 'in', oldIds).execute();
      await trx.deleteFrom('unit_roles').where('id', 'in', oldIds).execute();
    }
    const now = s.clock.now().toISOString();
    for (const r of roles) {
      const id = randomUUID();
      await trx
        .insertInto('unit_roles')
        .values({ id, unit_id: actor.unitId, user_id: userId, role: r.role, created_at: now })
        .execute();
      const ids = r.divisionIds ?? [];
      if (ids.length > 0) {
        await trx
          .insertInto('unit_role_divisions')
          .values(ids.map((d) => ({ unit_id: actor.unitId, unit_role_id: id, division_id: d })))
          .execute();
      }
    }
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'user.roles',
      subjectType: 'user',
      subjectId: userId,
      data: { before: before.roles, after: roles.map((r) => ({ role: r.role, divisionIds: r.divisionIds ?? [] })) },
    });
    return requireUser(trx, s, actor.unitId, userId);
  });
}
