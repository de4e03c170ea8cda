import { AppError } from '../../../core/errors.js';
import { nextStatus } from '../../../core/tracking.js';
import { settleNotices } from '../notices/notices.js';
import { itemCommand, type CommandContext } from './tracking-command.js';
import { bindAttachments } from './tracking.repository.js';
import { itemDeciders, itemExecutors } from './tracking-notices.js';

export interface ReportInput {
  version: number;
  text: string;
  attachmentIds: string[];
}

/** R6.2 办理中: a progress report (text and the files uploaded for it) by whoever executes the item. */
export const reportProgress = itemCommand<ReportInput>(
  {
    ability: 'report',
    forbidden: '只有责任人、协办人（或责任处室负责人）可以报告办理进展',
    refused: '该督办事项当前不能报告进展',
  },
  (c, input) => report(c, input, false),
);

/** R6.2 申请办结: the completion report, with at least one file as evidence, goes to the decider. */
export const requestCompletion = itemCommand<ReportInput>(
  {
    ability: 'requestCompletion',
    forbidden: '只有责任人（或责任处室负责人）可以申请办结',
    refused: '该督办事项当前不能申请办结',
  },
  (c, input) => report(c, input, true),
);

async function report(c: CommandContext, input: ReportInput, completion: boolean) {
  if (completion && input.attachmentIds.length === 0) throw new AppError('EVIDENCE_REQUIRED');
  const eventId = await c.event(completion ? 'completion_request' : 'report', input.text, {
    attachments: input.attachmentIds.length,
  });
  await bindAttachments(c.trx, c.row.id, c.actor.userId, input.attachmentIds, eventId);
  const to = nextStatus(c.row.status, completion ? 'request_completion' : 'report');
  await c.update({ status: to, last_activity_day: c.today });
  await settleNotices(c.s, c.trx, { subjectType: 'tracking_item', subjectId: c.row.id, kinds: ['tracking.assigned'] });
  if (completion)
    await c.tell(
      await itemDeciders(c.trx, c.row),
      'tracking.completion_requested',
      '督办事项申请办结',
      input.text.slice(0, 500),
    );
  else {
    const others = (await itemExecutors(c.trx, c.row)).filter((u) => u !== c.actor.userId);
    await c.tell(others, 'tracking.progress', '督办事项有新进展', input.text.slice(0, 500));
  }
  return {
    action: completion ? ('tracking.request_completion' as const) : ('tracking.report' as const),
    data: { to, attachments: input.attachmentIds.length },
  };
}
