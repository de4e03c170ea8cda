import type { AuditAction } from '../../../core/audit-events.js';
import { AppError, type ErrorCode } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { CaseAbilityKey, CaseFacts } from '../../../core/policies/accountability.js';
import type { CaseStatus } from '../../../core/accountability.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { audit, auditBy, inTransaction, lock, type Services, type Tx } from '../../platform/services.js';
import type { CaseRow } from './accountability.repository.js';
import { visibleCase } from './view-case.js';

export interface StepContext {
  trx: Tx;
  row: CaseRow;
  subjects: Array<{ id: string; name: string }>;
  facts: CaseFacts;
  actor: Actor;
  /** ISO instant and Shanghai day of the step. */
  at: string;
  today: string;
}

export interface StepSpec {
  ability: Exclude<CaseAbilityKey, 'verify'>;
  /** Why this actor may not (403). */
  forbidden: string;
  /** Why not in this state: a message (409 INVALID_TRANSITION), or a code and message from the facts. */
  refused: string | ((f: CaseFacts) => [ErrorCode, string]);
}

/**
 * One step of an accountability case (R6.3), in one transaction under the
 * case's row lock: 404 when the actor may not see the case, 403 when they see
 * it but may not take the step, 409 when its state (or a stale version)
 * forbids it; then the change, its timeline entry and its typed audit event
 * commit together. The audit data names states and ids only: the audit
 * administrator reads the log, never a case's content.
 */
export async function runStep<T>(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
  spec: StepSpec,
  change: (c: StepContext) => Promise<{ action: AuditAction; to?: CaseStatus; data?: Record<string, string | number> }>,
  answer: (trx: Tx) => Promise<T>,
): Promise<T> {
  return inTransaction(s, async (trx) => {
    await lock(s, trx, 'cases', id);
    const now = s.clock.now();
    const { row, subjects, facts, abilities } = await visibleCase(trx, actor, id);
    if (!abilities.may[spec.ability]) throw new AppError('FORBIDDEN', spec.forbidden);
    if (!abilities.now[spec.ability]) {
      const [code, message] =
        typeof spec.refused === 'string' ? (['INVALID_TRANSITION', spec.refused] as const) : spec.refused(facts);
      throw new AppError(code, message);
    }
    if (Number(row.version) !== version) throw new AppError('CONFLICT');
    const { action, to, data } = await change({
      trx,
      row,
      subjects,
      facts,
      actor,
      at: now.toISOString(),
      today: shanghaiDay(now),
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action,
      subjectType: 'accountability_case',
      subjectId: id,
      data: { from: row.status, to: to ?? row.status, ...data },
    });
    return answer(trx);
  });
}
