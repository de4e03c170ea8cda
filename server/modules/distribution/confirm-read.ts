import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { DistributionEntryDto } from '../../../core/contracts/distribution.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { entryDto, recipientEntry } from './distribution.repository.js';
import { markEntryRead } from './inbox.repository.js';
import { refuseIfArchived } from '../../platform/archive-lock.js';

/**
 * The recipient confirms 已阅 (R5.8, R5.9), with an optional comment — a leader's
 * 批示, shown on the minutes page; confirming again changes nothing.
 */
export async function confirmRead(
  s: Services,
  actor: Actor,
  entryId: string,
  ip: string | null,
  comment?: string,
): Promise<DistributionEntryDto> {
  return inTransaction(s, async (trx) => {
    const e = await recipientEntry(trx, actor, entryId);
    if (e.purpose === 'file') throw new AppError('INVALID_TRANSITION', '备案纪要由监察室签收，无需确认已阅');
    if (e.read_at === null) {
      // R5.7: the receipts of an archived year are archived as they stood.
      await refuseIfArchived(s.db, trx, actor.unitId, [e.meeting_id]);
      await markEntryRead(trx, e.id, s.clock.now().toISOString(), comment || null);
      await audit(s, trx, {
        ...auditBy(actor, ip),
        action: 'distribution.read',
        subjectType: 'minutes',
        subjectId: e.minutes_id,
        data: { entryId: e.id, purpose: e.purpose, ...(comment ? { comment } : {}) },
      });
    }
    return entryDto(actor, await recipientEntry(trx, actor, e.id));
  });
}
