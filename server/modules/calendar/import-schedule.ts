import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { parseHolidaySchedule } from '../../../core/calendar/parse-schedule.js';
import { inTransaction, type Services } from '../../platform/services.js';
import { deleteSchedule, importedScheduleDays, insertSchedule } from './calendar.repository.js';
import { recomputeAndAudit, requireManager, yearRange } from './calendar-change.js';

/** Imports a year's State Council schedule (replacing an earlier import of that year). */
export async function importSchedule(s: Services, actor: Actor, body: unknown, ip: string | null) {
  requireManager(actor);
  const parsed = parseHolidaySchedule(body);
  if (!parsed.ok)
    throw new AppError(
      'CALENDAR_IMPORT_INVALID',
      `节假日安排有误，未导入任何内容：${parsed.errors.map((e) => e.message).join('；')}`,
      { errors: parsed.errors },
    );
  const sch = parsed.schedule;
  return inTransaction(s, async (trx) => {
    const replaced = (await importedScheduleDays(trx, actor.unitId, sch.year)) !== undefined;
    await deleteSchedule(trx, actor.unitId, sch.year);
    await insertSchedule(trx, {
      unitId: actor.unitId,
      year: sch.year,
      days: sch.days,
      papers: sch.papers ?? [],
      importedBy: actor.userId,
      importedAt: s.clock.now().toISOString(),
    });
    const recomputed = await recomputeAndAudit(s, trx, actor, ip, {
      action: 'calendar.import',
      subjectId: String(sch.year),
      range: yearRange(sch.year, sch.days),
      data: { year: sch.year, days: sch.days, replaced },
    });
    return { year: sch.year, days: sch.days.length, replaced, recomputed };
  });
}
