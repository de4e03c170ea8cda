import type { Actor } from '../../../core/policy.js';
import { inTransaction, type Services } from '../../platform/services.js';
import { findOverride, saveOverride } from './calendar.repository.js';
import { checkDay, recomputeAndAudit, requireManager } from './calendar-change.js';

/** Makes one day a day off or a working day, whatever the schedules say. */
export async function setOverride(
  s: Services,
  actor: Actor,
  date: string,
  body: { isOffDay: boolean; name?: string | null; note?: string | null },
  ip: string | null,
) {
  requireManager(actor);
  checkDay(date);
  return inTransaction(s, async (trx) => {
    const before = await findOverride(trx, actor.unitId, date);
    await saveOverride(trx, actor.unitId, date, before !== undefined, {
      isOffDay: body.isOffDay,
      name: body.name || null,
      note: body.note || null,
      createdBy: actor.userId,
      createdAt: s.clock.now().toISOString(),
    });
    const recomputed = await recomputeAndAudit(s, trx, actor, ip, {
      action: 'calendar.override',
      subjectId: date,
      range: { from: date, to: date },
      data: { before: before ?? null, after: body },
    });
    return { recomputed };
  });
}
