import { randomUUID } from 'node:crypto';
import type { CaseDetailDto, OpenCaseBody } from '../../../core/contracts/accountability.js';
import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { assembleSource } from './assemble-bundle.js';
import { addCaseEvent, checkSubjects, insertEvidence, setSubjects } from './accountability.repository.js';
import { sealEvidence } from './evidence.js';
import { viewCase } from './view-case.js';
import { addFindingEvent } from '../inspections/inspections.repository.js';

/**
 * 线索登记 (R6.3): the supervision office or the discipline secretary opens a
 * case from a tracked item, another breach of the regime, or a free lead. The
 * evidence is assembled here from stored data, serialised canonically and
 * frozen with its SHA-256 (the case's bundle hash) in the same transaction.
 * One open case per breach: a second one is 409.
 */
export async function openCase(
  s: Services,
  actor: Actor,
  input: OpenCaseBody,
  ip: string | null,
): Promise<CaseDetailDto> {
  if (!can(actor, 'case.open')) {
    if (can(actor, 'case.read')) throw new AppError('FORBIDDEN', '问责案件由监察室或局纪委书记登记');
    throw new AppError('NOT_FOUND', '问责案件不存在或无权查看');
  }
  return inTransaction(s, async (trx) => {
    const source = await assembleSource(s, trx, actor, input);
    if (source.sourceKey) {
      const open = await trx
        .selectFrom('cases')
        .select('id')
        .where('unit_id', '=', actor.unitId)
        .where('source_key', '=', source.sourceKey)
        .where('closed', '=', 0)
        .executeTakeFirst();
      if (open) throw new AppError('CASE_ALREADY_OPEN', '该事项已有尚未办结的问责案件，请在原案件中补充证据');
    }
    const subjectIds = input.subjectIds
      ? await checkSubjects(trx, actor, input.subjectIds)
      : source.defaultSubjects.filter((u) => u !== actor.userId);
    const names = subjectIds.length
      ? await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', subjectIds).execute()
      : [];
    const subjects = subjectIds.map((sid) => ({
      id: sid,
      name: names.find((n) => n.id === sid)?.display_name ?? '',
    }));
    const title = input.title ?? source.title;
    const id = randomUUID();
    const at = s.clock.now().toISOString();
    const sealed = sealEvidence({
      caseId: id,
      seq: 1,
      kind: 'bundle',
      prevHash: null,
      at,
      actorId: actor.userId,
      payload: {
        case: {
          kind: input.kind,
          title,
          description: input.description,
          divisionId: source.divisionId,
          subjects,
          openedBy: { id: actor.userId, name: actor.displayName },
        },
        source: source.bundle,
      },
    });
    await trx
      .insertInto('cases')
      .values({
        id,
        unit_id: actor.unitId,
        kind: input.kind,
        title,
        description: input.description,
        division_id: source.divisionId,
        source_item_id: source.itemId,
        source_meeting_id: source.meetingId,
        source_month: source.month,
        source_key: source.sourceKey,
        status: 'registered',
        closed: 0,
        bundle_hash: sealed.sha256,
        opened_by: actor.userId,
        opened_at: at,
        notice_text: null,
        notified_at: null,
        dismiss_reason: null,
        proposed_measure: null,
        proposal_reason: null,
        proposed_at: null,
        decided_measure: null,
        decided_by: null,
        decided_on: null,
        decision_meeting_id: null,
        decision_reference: null,
        decision_text: null,
        decision_recorded_by: null,
        decided_at: null,
        archived_at: null,
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await insertEvidence(trx, {
      id: randomUUID(),
      unitId: actor.unitId,
      caseId: id,
      seq: 1,
      kind: 'bundle',
      content: sealed.content,
      sha256: sealed.sha256,
      prevHash: null,
      actor,
      at,
    });
    await setSubjects(trx, actor.unitId, id, subjectIds, at);
    if (source.findingId) {
      // R6.4: the finding names its case, and its timeline says so.
      await trx.updateTable('inspection_findings').set({ case_id: id }).where('id', '=', source.findingId).execute();
      await addFindingEvent(trx, {
        unitId: actor.unitId,
        findingId: source.findingId,
        kind: 'case',
        actorId: actor.userId,
        text: `据此问题登记问责案件：${title}`,
        data: { caseId: id },
        at,
      });
    }
    await addCaseEvent(trx, {
      unitId: actor.unitId,
      caseId: id,
      kind: 'open',
      actor,
      text: input.description,
      data: { bundleHash: sealed.sha256 },
      at,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'case.open',
      subjectType: 'accountability_case',
      subjectId: id,
      data: { to: 'registered', sha256: sealed.sha256 },
    });
    return viewCase(s, actor, id, trx);
  });
}
