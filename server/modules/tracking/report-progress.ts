import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { TrackingDetailDto } from '../../../core/contracts/tracking.js';
import { nextStatus } from '../../../core/tracking.js';
import type { Services } from '../../platform/services.js';
import { settleNotices } from '../notices/notices.js';
import { runCommand } from './tracking-command.js';
import { addEvent, bindAttachments, updateItem } from './tracking.repository.js';
import { itemDeciders, itemExecutors, tell } from './tracking-notices.js';

export interface ReportInput {
  version: number;
  text: string;
  attachmentIds: string[];
}

/** R6.2 办理中: a progress report (text and the files uploaded for it) by whoever executes the item. */
export function reportProgress(s: Services, actor: Actor, id: string, input: ReportInput, ip: string | null) {
  return report(s, actor, id, input, ip, false);
}

/** R6.2 申请办结: the completion report, with at least one file as evidence, goes to the decider. */
export function requestCompletion(s: Services, actor: Actor, id: string, input: ReportInput, ip: string | null) {
  return report(s, actor, id, input, ip, true);
}

async function report(
  s: Services,
  actor: Actor,
  id: string,
  input: ReportInput,
  ip: string | null,
  completion: boolean,
): Promise<TrackingDetailDto> {
  return runCommand(
    s,
    actor,
    id,
    input.version,
    ip,
    completion
      ? {
          ability: 'requestCompletion',
          forbidden: '只有责任人（或责任处室负责人）可以申请办结',
          refused: '该督办事项当前不能申请办结',
        }
      : {
          ability: 'report',
          forbidden: '只有责任人、协办人（或责任处室负责人）可以报告办理进展',
          refused: '该督办事项当前不能报告进展',
        },
    async ({ trx, row, at, today }) => {
      if (completion && input.attachmentIds.length === 0) throw new AppError('EVIDENCE_REQUIRED');
      const kind = completion ? 'completion_request' : 'report';
      const eventId = await addEvent(trx, {
        unitId: actor.unitId,
        itemId: id,
        kind,
        actor,
        text: input.text,
        data: { attachments: input.attachmentIds.length },
        at,
      });
      await bindAttachments(trx, id, actor.userId, input.attachmentIds, eventId);
      const to = nextStatus(row.status, completion ? 'request_completion' : 'report');
      await updateItem(trx, row, { status: to, last_activity_day: today }, at);
      await settleNotices(s, trx, { subjectType: 'tracking_item', subjectId: id, kinds: ['tracking.assigned'] });
      if (completion)
        await tell(
          s,
          trx,
          row,
          await itemDeciders(trx, row),
          'tracking.completion_requested',
          '督办事项申请办结',
          input.text.slice(0, 500),
        );
      else {
        const others = (await itemExecutors(trx, row)).filter((u) => u !== actor.userId);
        await tell(s, trx, row, others, 'tracking.progress', '督办事项有新进展', input.text.slice(0, 500));
      }
      return {
        action: completion ? 'tracking.request_completion' : 'tracking.report',
        data: { to, attachments: input.attachmentIds.length },
      };
    },
  );
}
