import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { itemCommand } from './tracking-command.js';
import { itemDeciders } from './tracking-notices.js';

/**
 * R6.2 延期申请: only before the deadline has passed (today ≤ deadline, Asia/Shanghai),
 * with a reason and a later working day of the unit's calendar; one open request at a time.
 */
export const requestExtension = itemCommand<{ version: number; reason: string; newDeadline: string }>(
  {
    ability: 'requestExtension',
    forbidden: '只有责任人（或责任处室负责人）可以申请延期',
    refused: (f) =>
      f.hasPendingExtension
        ? ['EXTENSION_PENDING', '已有待审批的延期申请']
        : !f.beforeDeadline && (f.status === 'pending' || f.status === 'in_progress')
          ? ['EXTENSION_TOO_LATE', '已超过完成时限，不能再申请延期（须在完成时限前申请）']
          : ['INVALID_TRANSITION', '该督办事项当前不能申请延期'],
  },
  async (c, input) => {
    const from = c.row.deadline ?? '';
    if (input.newDeadline <= from)
      throw new AppError('VALIDATION_FAILED', `延期后的完成时限须晚于原完成时限（${from}）`);
    const cal = await loadCalendar(c.trx, c.actor.unitId);
    if (!cal.isWorkday(input.newDeadline)) throw new AppError('VALIDATION_FAILED', '延期后的完成时限须为工作日');
    const extId = randomUUID();
    await c.trx
      .insertInto('tracking_extensions')
      .values({
        id: extId,
        unit_id: c.actor.unitId,
        item_id: c.row.id,
        requested_by: c.actor.userId,
        reason: input.reason,
        from_deadline: from,
        new_deadline: input.newDeadline,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        note: '',
        created_at: c.at,
      })
      .execute();
    // The item's version moves too: a report or a second request built on the old state is stale.
    await c.update({});
    await c.event('extension_request', input.reason, { extensionId: extId, from, to: input.newDeadline });
    await c.tell(
      await itemDeciders(c.trx, c.row),
      'tracking.extension_requested',
      '督办事项申请延期',
      `${from} → ${input.newDeadline}：${input.reason}`,
    );
    return { action: 'tracking.request_extension', data: { extensionId: extId, from, to: input.newDeadline } };
  },
);

/** The head (or the supervising leader for the head's own items) grants or refuses; the original deadline stays. */
export const decideExtension = itemCommand<{ version: number; extensionId: string; approve: boolean; note: string }>(
  {
    ability: 'decideExtension',
    forbidden: '延期申请由责任处室主要负责人审批；处室主要负责人本人的事项由分管领导审批',
    refused: '没有待审批的延期申请',
  },
  async (c, input) => {
    const ext = await c.trx
      .selectFrom('tracking_extensions')
      .selectAll()
      .where('id', '=', input.extensionId)
      .where('item_id', '=', c.row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!ext) throw new AppError('NOT_FOUND', '延期申请不存在或已审批');
    const status = input.approve ? 'approved' : 'rejected';
    await c.trx
      .updateTable('tracking_extensions')
      .set({ status, decided_by: c.actor.userId, decided_at: c.at, note: input.note })
      .where('id', '=', ext.id)
      .where('status', '=', 'pending')
      .execute();
    await c.update(input.approve ? { deadline: ext.new_deadline, extensions: Number(c.row.extensions) + 1 } : {});
    await c.event(
      input.approve ? 'extension_approve' : 'extension_reject',
      input.note || (input.approve ? '同意延期' : '不同意延期'),
      { extensionId: ext.id, from: ext.from_deadline, to: ext.new_deadline },
    );
    await c.tell(
      [ext.requested_by],
      'tracking.extension_decided',
      input.approve ? '延期申请已同意' : '延期申请未同意',
      input.approve
        ? `完成时限延至 ${ext.new_deadline}（原完成时限 ${c.row.original_deadline ?? ext.from_deadline}）`
        : input.note,
    );
    return {
      action: input.approve ? 'tracking.approve_extension' : 'tracking.reject_extension',
      data: { extensionId: ext.id, from: ext.from_deadline, to: ext.new_deadline },
    };
  },
);
