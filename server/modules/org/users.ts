import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { UserDto } from '../../../core/contracts/org.js';
import { audit, auditBy, inTransaction, type Services, type Tx } from '../../platform/services.js';
import { generateInitialPassword, hashPassword } from '../../platform/auth/password.js';
import { deleteUserSessions } from '../../platform/auth/sessions.js';
import { loadUserDto } from './org.repository.js';
import { updateVersioned } from '../../platform/db/versioned.js';

export async function requireUser(trx: Tx, s: Services, unitId: string, id: string): Promise<UserDto> {
  const u = await loadUserDto(trx, unitId, id, s.clock.now());
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

/** Creates an account with a one-time password that must be changed at first login. */
export async function createUser(
  s: Services,
  actor: Actor,
  input: {
    username: string;
    displayName: string;
    email?: string | null | undefined;
    phone?: string | null | undefined;
  },
  ip: string | null,
): Promise<{ user: UserDto; initialPassword: string }> {
  const initialPassword = generateInitialPassword();
  const hash = await hashPassword(initialPassword);
  return inTransaction(s, async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new AppError('ALREADY_EXISTS', `用户名“${input.username}”已被使用`);
    const id = randomUUID();
    const now = s.clock.now().toISOString();
    await trx
      .insertInto('users')
      .values({
        id,
        unit_id: actor.unitId,
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        password_hash: hash,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        active: 1,
        last_login_at: null,
        password_changed_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'user.create',
      subjectType: 'user',
      subjectId: id,
      data: { username: input.username, displayName: input.displayName },
    });
    return { user: await requireUser(trx, s, actor.unitId, id), initialPassword };
  });
}

export async function updateUser(
  s: Services,
  actor: Actor,
  id: string,
  input: {
    displayName?: string | undefined;
    email?: string | null | undefined;
    phone?: string | null | undefined;
    active?: boolean | undefined;
    version: number;
  },
  ip: string | null,
): Promise<UserDto> {
  return inTransaction(s, async (trx) => {
    const before = await requireUser(trx, s, actor.unitId, id);
    if (before.version !== input.version) throw new AppError('CONFLICT', undefined, { current: before });
    if (input.active === false && id === actor.userId) throw new AppError('FORBIDDEN', '不能停用自己的账号');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, from, to] of [
      ['displayName', before.displayName, input.displayName],
      ['email', before.email, input.email],
      ['phone', before.phone, input.phone],
      ['active', before.active, input.active],
    ] as const) {
      if (to !== undefined && to !== from) changes[k] = { from, to };
    }
    await updateVersioned(
      trx,
      'users',
      { id, version: input.version, unitId: actor.unitId },
      {
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
        updated_at: s.clock.now().toISOString(),
      },
    );
    if (input.active === false) await deleteUserSessions(trx, id);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'user.update',
      subjectType: 'user',
      subjectId: id,
      data: { changes },
    });
    return requireUser(trx, s, actor.unitId, id);
  });
}

/** A new one-time password; the user's sessions end and the lock is lifted. */
export async function resetPassword(
  s: Services,
  actor: Actor,
  id: string,
  ip: string | null,
): Promise<{ initialPassword: string }> {
  const initialPassword = generateInitialPassword();
  const hash = await hashPassword(initialPassword);
  await inTransaction(s, async (trx) => {
    await requireUser(trx, s, actor.unitId, id);
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        version: eb('version', '+', 1),
        updated_at: s.clock.now().toISOString(),
      }))
      .where('id', '=', id)
      .where('unit_id', '=', actor.unitId)
      .execute();
    await deleteUserSessions(trx, id);
    await audit(s, trx, { ...auditBy(actor, ip), action: 'user.reset_password', subjectType: 'user', subjectId: id });
  });
  return { initialPassword };
}

export async function unlockUser(s: Services, actor: Actor, id: string, ip: string | null): Promise<UserDto> {
  return inTransaction(s, async (trx) => {
    const before = await requireUser(trx, s, actor.unitId, id);
    await trx
      .updateTable('users')
      .set((eb) => ({ failed_logins: 0, locked_until: null, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('unit_id', '=', actor.unitId)
      .execute();
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'user.unlock',
      subjectType: 'user',
      subjectId: id,
      data: { wasLocked: before.locked },
    });
    return requireUser(trx, s, actor.unitId, id);
  });
}

/** Until unlocked: a lock by the security admin has no end of its own. */
export const LOCKED_UNTIL_UNLOCKED = '9999-12-31T23:59:59.999Z';

/**
 * The security admin locks an account (等保): it cannot log in until unlocked,
 * and its open sessions end at once.
 */
export async function lockUser(s: Services, actor: Actor, id: string, ip: string | null): Promise<UserDto> {
  if (id === actor.userId) throw new AppError('VALIDATION_FAILED', '不能锁定本人账号');
  return inTransaction(s, async (trx) => {
    const before = await requireUser(trx, s, actor.unitId, id);
    await trx
      .updateTable('users')
      .set((eb) => ({ locked_until: LOCKED_UNTIL_UNLOCKED, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('unit_id', '=', actor.unitId)
      .execute();
    await deleteUserSessions(trx, id);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'user.lock',
      subjectType: 'user',
      subjectId: id,
      data: { wasLocked: before.locked },
    });
    return requireUser(trx, s, actor.unitId, id);
  });
}
