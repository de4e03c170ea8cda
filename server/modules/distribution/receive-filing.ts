import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import type { DistributionEntryDto } from '../../../core/contracts/distribution.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { entriesQuery, entryDto, isRecipient, recipientEntry } from './distribution.repository.js';
import { markEntryReceived } from './inbox.repository.js';
import { refuseIfArchived } from '../../platform/archive-lock.js';

/** The supervision office signs for a filing (R5.10); signing again changes nothing. */
export async function receiveFiling(
  s: Services,
  actor: Actor,
  entryId: string,
  ip: string | null,
): Promise<DistributionEntryDto> {
  return inTransaction(s, async (trx) => {
    const e = await entriesQuery(trx, actor.unitId).where('e.id', '=', entryId).executeTakeFirst();
    if (!e) throw new AppError('NOT_FOUND', '分送记录不存在');
    if (!can(actor, 'filing.receive')) throw new AppError('FORBIDDEN', '备案签收须由监察室办理');
    if (e.purpose !== 'file') throw new AppError('INVALID_TRANSITION', '这不是备案件，无需签收');
    if (!isRecipient(actor, e)) throw new AppError('NOT_FOUND', '分送记录不存在或不是发给您的');
    if (e.received_at === null) {
      // R5.7: the receipts of an archived year are archived as they stood.
      await refuseIfArchived(s.db, trx, actor.unitId, [e.meeting_id]);
      await markEntryReceived(trx, e.id, s.clock.now().toISOString(), actor.userId);
      await audit(s, trx, {
        ...auditBy(actor, ip),
        action: 'distribution.receive',
        subjectType: 'minutes',
        subjectId: e.minutes_id,
        data: { entryId: e.id },
      });
    }
    return entryDto(actor, await recipientEntry(trx, actor, e.id));
  });
}
