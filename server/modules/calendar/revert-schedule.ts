import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { inTransaction, type Services } from '../../platform/services.js';
import { deleteSchedule, importedScheduleDays } from './calendar.repository.js';
import { recomputeAndAudit, requireManager, yearRange } from './calendar-change.js';

/** Withdraws a year's imported schedule: the shipped one (or none, provisional) applies again. */
export async function revertSchedule(s: Services, actor: Actor, year: number, ip: string | null) {
  requireManager(actor);
  return inTransaction(s, async (trx) => {
    const daysText = await importedScheduleDays(trx, actor.unitId, year);
    if (daysText === undefined) throw new AppError('NOT_FOUND', '该年度没有导入的安排');
    await deleteSchedule(trx, actor.unitId, year);
    const days = JSON.parse(daysText) as { date: string }[];
    const recomputed = await recomputeAndAudit(s, trx, actor, ip, {
      action: 'calendar.import_revert',
      subjectId: String(year),
      range: yearRange(year, days),
    });
    return { recomputed };
  });
}
