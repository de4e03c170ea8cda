import type { Actor } from '../../../core/policy.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { deleteSession } from '../../platform/auth/sessions.js';

/** Ends the actor's session. */
export async function logout(s: Services, actor: Actor, sessionId: string, ip: string | null): Promise<void> {
  await inTransaction(s, async (trx) => {
    await deleteSession(trx, sessionId);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'auth.logout',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
}
