import type { Actor } from '../../../core/policy.js';
import { inTransaction, type Services } from '../../platform/services.js';
import { markAllNoticesRead } from './notices.repository.js';

/** Marks all of the actor's notices read. Not audited: a notice is the user's own. */
export async function markAllRead(s: Services, actor: Actor): Promise<void> {
  await inTransaction(s, (trx) => markAllNoticesRead(trx, actor.unitId, actor.userId, s.clock.now().toISOString()));
}
