import type { CaseDetailDto, CaseNoticeDto } from '../../../core/contracts/accountability.js';
import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { notify } from '../notices/notices.js';
import { runStep } from './case-step.js';
import { addCaseEvent, bindAttachments, unboundAttachments, updateCase } from './accountability.repository.js';
import { appendEvidence } from './evidence.js';
import { viewCase, viewNotice } from './view-case.js';

/**
 * 说明/申辩 (R6.3): the person concerned answers the notice in writing, with
 * files. It joins the evidence as a new row chained to the last — the bundle
 * frozen at opening stays as it was.
 */
export function submitStatement(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; text: string; attachmentIds: string[] },
  ip: string | null,
): Promise<CaseNoticeDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    {
      ability: 'statement',
      forbidden: '只有当事人本人可以提交说明或申辩',
      refused: '调查阶段结束后不能再提交说明或申辩',
    },
    async ({ trx, row, at }) => {
      const files = await unboundAttachments(trx, actor.unitId, id, actor.userId, input.attachmentIds);
      const ev = await appendEvidence(trx, {
        unitId: actor.unitId,
        caseId: id,
        kind: 'statement',
        payload: { by: { id: actor.userId, name: actor.displayName }, text: input.text, attachments: files },
        actor,
        at,
      });
      await bindAttachments(
        trx,
        actor.unitId,
        files.map((f) => f.id),
        ev.id,
      );
      await updateCase(trx, row, {}, at);
      await addCaseEvent(trx, {
        unitId: actor.unitId,
        caseId: id,
        kind: 'statement',
        actor,
        text: input.text,
        data: { evidenceSeq: ev.seq, sha256: ev.sha256, attachments: files.length },
        at,
      });
      await notify(s, trx, {
        unitId: actor.unitId,
        userIds: [row.opened_by],
        kind: 'case.statement',
        subjectType: 'case',
        subjectId: id,
        title: '收到当事人的说明或申辩',
        body: `${actor.displayName}已就问责案件提交书面说明或申辩。`,
      });
      return { action: 'case.statement', data: { sha256: ev.sha256 } };
    },
    (trx) => viewNotice(s, actor, id, trx),
  );
}

/** New facts found after opening join the evidence as a new row; nothing stored before changes. */
export function addEvidence(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; text: string; attachmentIds: string[] },
  ip: string | null,
): Promise<CaseDetailDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    {
      ability: 'evidence',
      forbidden: '问责案件由监察室或局纪委书记办理',
      refused: '已作出决定、不予立案或已归档的案件不能再补充证据',
    },
    async ({ trx, row, at }) => {
      const files = await unboundAttachments(trx, actor.unitId, id, actor.userId, input.attachmentIds);
      const ev = await appendEvidence(trx, {
        unitId: actor.unitId,
        caseId: id,
        kind: 'fact',
        payload: { by: { id: actor.userId, name: actor.displayName }, text: input.text, attachments: files },
        actor,
        at,
      });
      await bindAttachments(
        trx,
        actor.unitId,
        files.map((f) => f.id),
        ev.id,
      );
      await updateCase(trx, row, {}, at);
      await addCaseEvent(trx, {
        unitId: actor.unitId,
        caseId: id,
        kind: 'evidence',
        actor,
        text: input.text,
        data: { evidenceSeq: ev.seq, sha256: ev.sha256, attachments: files.length },
        at,
      });
      return { action: 'case.evidence_add', data: { sha256: ev.sha256 } };
    },
    (trx) => viewCase(s, actor, id, trx),
  );
}
