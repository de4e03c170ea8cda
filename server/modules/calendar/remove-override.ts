import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { inTransaction, type Services } from '../../platform/services.js';
import { deleteOverride } from './calendar.repository.js';
import { recomputeAndAudit, requireManager } from './calendar-change.js';

/** Withdraws a day's override. */
export async function removeOverride(s: Services, actor: Actor, date: string, ip: string | null) {
  requireManager(actor);
  return inTransaction(s, async (trx) => {
    if (!(await deleteOverride(trx, actor.unitId, date))) throw new AppError('NOT_FOUND', '该日没有单日调整');
    const recomputed = await recomputeAndAudit(s, trx, actor, ip, {
      action: 'calendar.override_remove',
      subjectId: date,
      range: { from: date, to: date },
    });
    return { recomputed };
  });
}
