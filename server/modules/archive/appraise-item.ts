import { randomUUID } from 'node:crypto';
import {
  appraisalDueDay,
  canExtendTo,
  DISPOSAL_DECISION_LABELS,
  RETENTION_LABELS,
  type DisposalDecision,
  type RetentionPeriod,
} from '../../../core/archive.js';
import type { ArchiveItemDto } from '../../../core/contracts/archive.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { decideItem, decisionsOf, insertDecision, itemRow } from './archive.repository.js';
import { itemDto } from './archive.presenter.js';
import { requireKeeper, UNSEEN } from './archive-year.js';

export interface Appraisal {
  version: number;
  decision: DisposalDecision;
  retention?: RetentionPeriod | undefined;
  reason: string;
  appraisers: string;
  reference: string;
}

/**
 * R1.3 / R5.7 到期鉴定: the general office records the appraisal of an item whose period has run
 * out — destroy it (销毁; never a permanent record: 422 ARCHIVE_PERMANENT) or keep it for a longer
 * period (延长保管). Only by a recorded decision (reason, appraisal group, the decision's reference),
 * only once due (409 ARCHIVE_NOT_DUE), on the version read (409 to the second of two at once). The
 * item stays in the archive's ledger with its 档号 and metadata, marked 已销毁; the decisions are
 * kept, numbered per item, and audited.
 */
export async function appraiseItem(
  s: Services,
  actor: Actor,
  id: string,
  a: Appraisal,
  ip: string | null,
): Promise<ArchiveItemDto> {
  requireKeeper(actor);
  const today = shanghaiDay(s.clock.now());
  return inTransaction(s, async (trx) => {
    const item = await itemRow(trx, actor.unitId, id);
    if (!item) throw new AppError('NOT_FOUND', UNSEEN);
    const from = item.retention as RetentionPeriod;
    if (item.state !== 'kept') throw new AppError('INVALID_TRANSITION', '该档案已销毁，不能再处置');
    if (Number(item.version) !== a.version) throw new AppError('CONFLICT', '该档案已被他人处置或已更新，请刷新后查看');
    if (a.decision === 'destroy' && from === 'permanent') throw new AppError('ARCHIVE_PERMANENT');
    if (item.due_day === null || item.due_day > today)
      throw new AppError(
        'ARCHIVE_NOT_DUE',
        item.due_day ? `保管期限至 ${item.due_day} 才届满，届时再行鉴定` : '永久保管的档案无需到期鉴定',
      );
    let to: RetentionPeriod | null = null;
    if (a.decision === 'extend') {
      if (!a.retention || !canExtendTo(from, a.retention)) throw new AppError('ARCHIVE_EXTENSION_INVALID');
      to = a.retention;
    } else if (a.retention !== undefined) throw new AppError('VALIDATION_FAILED', '销毁决定不设保管期限');
    const ok = await decideItem(trx, actor.unitId, id, a.version, {
      state: a.decision === 'destroy' ? 'destroyed' : 'kept',
      retention: to ?? from,
      // An extension runs from the same year: 10 → 30 years of a 2026 item is due in 2057.
      due_day: to ? appraisalDueDay(Number(item.year), to) : item.due_day,
    });
    if (!ok) throw new AppError('CONFLICT', '该档案已被他人处置或已更新，请刷新后查看');
    await insertDecision(trx, {
      id: randomUUID(),
      unit_id: actor.unitId,
      item_id: id,
      seq: a.version,
      decision: a.decision,
      from_retention: from,
      to_retention: to,
      reason: a.reason.trim(),
      appraisers: a.appraisers.trim(),
      reference: a.reference.trim(),
      decided_by: actor.userId,
      decided_at: s.clock.now().toISOString(),
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'archive.appraise',
      subjectType: 'archive',
      subjectId: item.archive_id,
      data: {
        entryId: id,
        number: item.number,
        outcome: a.decision,
        from: RETENTION_LABELS[from],
        to: to ? RETENTION_LABELS[to] : DISPOSAL_DECISION_LABELS.destroy,
      },
    });
    const after = await itemRow(trx, actor.unitId, id);
    if (!after) throw new AppError('INTERNAL');
    return itemDto(actor, after, await decisionsOf(trx, actor.unitId, [id]), today);
  });
}
