import { AppError } from '../../../core/errors.js';
import { passwordProblems } from '../../../core/password-policy.js';
import type { Actor } from '../../../core/policy.js';
import { audit, inTransaction, type Services } from '../../platform/services.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { deleteUserSessions } from '../../platform/auth/sessions.js';
import { readSettings } from '../../platform/settings/settings.repository.js';

/** Changes the actor's own password; other sessions of the user end. */
export async function changePassword(
  s: Services,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string; ip: string | null },
): Promise<void> {
  const user = await s.db.kysely
    .selectFrom('users')
    .select(['id', 'password_hash', 'username'])
    .where('id', '=', actor.userId)
    .where('unit_id', '=', actor.unitId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    await inTransaction(s, (trx) =>
      audit(s, trx, {
        unitId: actor.unitId,
        actorId: actor.userId,
        actorName: actor.displayName,
        action: 'auth.password_change',
        subjectType: 'user',
        subjectId: actor.userId,
        outcome: 'failure',
        ip: input.ip,
        data: { reason: 'wrong_current_password' },
      }),
    );
    throw new AppError('WRONG_PASSWORD');
  }
  if (input.currentPassword === input.newPassword) throw new AppError('PASSWORD_REUSED');
  const security = (await readSettings(s.db.kysely, actor.unitId, 'security')).value;
  const problems = passwordProblems(input.newPassword, security, user.username);
  if (problems.length > 0) throw new AppError('WEAK_PASSWORD', `密码不符合安全要求：${problems.join('；')}`, problems);
  const hash = await hashPassword(input.newPassword);
  const now = s.clock.now().toISOString();
  await inTransaction(s, async (trx) => {
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        must_change_password: 0,
        password_changed_at: now,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', actor.userId)
      .execute();
    await deleteUserSessions(trx, actor.userId, sessionId);
    await audit(s, trx, {
      unitId: actor.unitId,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'auth.password_change',
      subjectType: 'user',
      subjectId: actor.userId,
      ip: input.ip,
    });
  });
}
