import { LOCKED_UNTIL_UNLOCKED } from '../org/users.js';
import { sql } from 'kysely';
import { AppError } from '../../../core/errors.js';
import { audit, inTransaction, type Services } from '../../platform/services.js';
import { decoyHash, verifyPassword } from '../../platform/auth/password.js';
import { createSession, deleteUserSessions, type NewSession } from '../../platform/auth/sessions.js';
import { readSettings } from '../../platform/settings/settings.repository.js';

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult extends NewSession {
  user: { id: string; username: string; displayName: string };
  mustChangePassword: boolean;
}

/**
 * Logs a user in. Five wrong passwords in a row lock the account for the unit's
 * lockout period (等保: settings `maxFailedLogins`, `lockoutMinutes`); every
 * attempt, good or bad, is an audit event.
 */
export async function login(s: Services, input: LoginInput): Promise<LoginResult> {
  const now = s.clock.now();
  const user = await s.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('username', '=', input.username)
    .executeTakeFirst();

  if (!user) {
    await verifyPassword(input.password, await decoyHash()); // same time as a real check
    await auditUnknownUser(s, input);
    throw new AppError('INVALID_CREDENTIALS');
  }

  const fail = async (reason: string, extra: Record<string, unknown> = {}) =>
    inTransaction(s, (trx) =>
      audit(s, trx, {
        unitId: user.unit_id,
        actorId: user.id,
        actorName: user.display_name,
        action: 'auth.login',
        subjectType: 'user',
        subjectId: user.id,
        outcome: 'failure',
        ip: input.ip,
        data: { reason, ...extra },
      }),
    );

  if (user.locked_until && new Date(user.locked_until) > now) {
    await fail('locked', { lockedUntil: user.locked_until });
    // A lock without an end of its own was set by the security admin, not by failed logins.
    const byAdmin = user.locked_until >= LOCKED_UNTIL_UNLOCKED;
    throw new AppError('ACCOUNT_LOCKED', byAdmin ? '账号已被安全管理员锁定，请联系安全管理员' : undefined, {
      lockedUntil: user.locked_until,
    });
  }

  const security = (await readSettings(s.db.kysely, user.unit_id, 'security')).value;
  const ok = await verifyPassword(input.password, user.password_hash);

  if (!ok) {
    const locked = await inTransaction(s, async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({ failed_logins: sql<number>`failed_logins + 1` })
        .where('id', '=', user.id)
        .returning('failed_logins')
        .executeTakeFirstOrThrow();
      const count = Number(row.failed_logins);
      let lockedUntil: string | null = null;
      if (count >= security.maxFailedLogins) {
        lockedUntil = new Date(now.getTime() + security.lockoutMinutes * 60_000).toISOString();
        await trx
          .updateTable('users')
          .set({ locked_until: lockedUntil, failed_logins: 0 })
          .where('id', '=', user.id)
          .execute();
        // A locked account is locked everywhere: its open sessions end now.
        await deleteUserSessions(trx, user.id);
      }
      await audit(s, trx, {
        unitId: user.unit_id,
        actorId: user.id,
        actorName: user.display_name,
        action: 'auth.login',
        subjectType: 'user',
        subjectId: user.id,
        outcome: 'failure',
        ip: input.ip,
        data: { reason: 'bad_password', failedLogins: count },
      });
      if (lockedUntil) {
        await audit(s, trx, {
          unitId: user.unit_id,
          actorId: null,
          actorName: '系统',
          action: 'auth.lockout',
          subjectType: 'user',
          subjectId: user.id,
          ip: input.ip,
          data: { lockedUntil, failedLogins: count },
        });
      }
      return lockedUntil;
    });
    if (locked) throw new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil: locked });
    throw new AppError('INVALID_CREDENTIALS');
  }

  if (Number(user.active) !== 1) {
    await fail('disabled');
    throw new AppError('ACCOUNT_DISABLED');
  }

  const session = await inTransaction(s, async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    const created = await createSession(trx, user, security, now, input.ip, input.userAgent);
    await audit(s, trx, {
      unitId: user.unit_id,
      actorId: user.id,
      actorName: user.display_name,
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      ip: input.ip,
      data: { userAgent: input.userAgent?.slice(0, 200) ?? null },
    });
    return created;
  });
  return {
    ...session,
    user: { id: user.id, username: user.username, displayName: user.display_name },
    mustChangePassword: Number(user.must_change_password) === 1,
  };
}

/** A failure for a name nobody has is logged when the deployment has one unit. */
async function auditUnknownUser(s: Services, input: LoginInput): Promise<void> {
  const units = await s.db.kysely.selectFrom('units').select('unit_id').limit(2).execute();
  const only = units.length === 1 ? units[0] : undefined;
  if (!only) return;
  await inTransaction(s, (trx) =>
    audit(s, trx, {
      unitId: only.unit_id,
      actorId: null,
      actorName: input.username.slice(0, 64),
      action: 'auth.login',
      outcome: 'failure',
      ip: input.ip,
      data: { reason: 'unknown_user' },
    }),
  );
}
