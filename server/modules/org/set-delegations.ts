import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { positionIn, type DelegatedPower } from '../../../core/topics.js';
import { audit, auditBy, inTransaction, lock, type Services } from '../../platform/services.js';
import { canSeeDivision } from '../topics/topics.repository.js';
import { deputyIds, divisionDelegations, replaceDelegations } from './division-team.repository.js';

/** The head delegates powers to deputies of the division (R2.2, R3.2); the list replaces the last one. */
export async function setDelegations(
  s: Services,
  actor: Actor,
  divisionId: string,
  wanted: readonly { userId: string; power: DelegatedPower }[],
  ip: string | null,
) {
  if (!canSeeDivision(actor, divisionId)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
  if (positionIn(actor, divisionId) !== 'head') throw new AppError('FORBIDDEN', '只有处室主要负责人可以授权');
  const ok = new Set(await deputyIds(s.db.kysely, actor.unitId, divisionId));
  if (wanted.some((w) => !ok.has(w.userId)))
    throw new AppError('VALIDATION_FAILED', '只能授权给本处室的副职负责人（R3.2）');
  return inTransaction(s, async (trx) => {
    await lock(s, trx, 'divisions', divisionId);
    const unique = [...new Map(wanted.map((w) => [`${w.userId}:${w.power}`, w])).values()];
    await replaceDelegations(trx, actor.unitId, divisionId, unique, {
      userId: actor.userId,
      at: s.clock.now().toISOString(),
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'division.delegations',
      subjectType: 'division',
      subjectId: divisionId,
      data: { delegations: unique },
    });
    return divisionDelegations(trx, actor.unitId, divisionId);
  });
}
