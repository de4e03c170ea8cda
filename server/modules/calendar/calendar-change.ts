import type { AuditAction } from '../../../core/audit-events.js';
import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import { isValidDay } from '../../../core/calendar/working-days.js';
import { audit, auditBy, type Services, type Tx } from '../../platform/services.js';
import { emit } from '../../platform/events.js';

/** Shared by the calendar's use cases: who may change it, and what follows a change. */
export function requireManager(actor: Actor) {
  if (!can(actor, 'calendar.manage')) throw new AppError('FORBIDDEN', '工作日历由办公室或系统管理员维护');
}

export function checkDay(d: string) {
  if (!isValidDay(d)) throw new AppError('VALIDATION_FAILED', `日期无效：${d}`);
}

/** The days a year's schedule can change: the year, and listed days of its neighbours (e.g. 12-31 of the year before). */
export function yearRange(year: number, days: readonly { date: string }[]) {
  const dates = [`${year}-01-01`, `${year}-12-31`, ...days.map((d) => d.date)].sort();
  return { from: dates[0] as string, to: dates[dates.length - 1] as string };
}

/** After a calendar change in `trx`: the deadlines it touches are recomputed and the change audited. */
export async function recomputeAndAudit(
  s: Services,
  trx: Tx,
  actor: Actor,
  ip: string | null,
  change: {
    action: AuditAction;
    subjectId: string;
    range: { from: string; to: string };
    data?: Record<string, unknown>;
  },
): Promise<number> {
  const recomputed = await emit(s, trx, 'calendar.changed', { unitId: actor.unitId, ...change.range });
  await audit(s, trx, {
    ...auditBy(actor, ip),
    action: change.action,
    subjectType: 'calendar',
    subjectId: change.subjectId,
    data: { ...change.data, recomputed },
  });
  return recomputed;
}
