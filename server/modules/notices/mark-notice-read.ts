import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { inTransaction, type Services } from '../../platform/services.js';
import { markNoticeRead, noticeExists } from './notices.repository.js';

/** Marks one of the actor's notices read (again: no change). Not audited: a notice is the user's own. */
export async function markRead(s: Services, actor: Actor, id: string): Promise<void> {
  await inTransaction(s, async (trx) => {
    if (await markNoticeRead(trx, actor.unitId, actor.userId, id, s.clock.now().toISOString())) return;
    if (!(await noticeExists(trx, actor.userId, id))) throw new AppError('NOT_FOUND');
  });
}
