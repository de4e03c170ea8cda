import { AppError } from '../../../core/errors.js';
import { resolveDecisions } from '../record/decision-parties.js';
import { itemCommand } from './tracking-command.js';
import { notifyAssigned, responsibleDivision } from './tracking-notices.js';

export interface AssignInput {
  version: number;
  responsibleUserId?: string | null | undefined;
  responsibleDivisionId?: string | null | undefined;
  coResponsibleIds?: string[] | undefined;
  deadline: string;
}

/**
 * An item recorded (or migrated) without a responsible party or a deadline is
 * completed by the head of the meeting's division, then handed over: the
 * responsible people are told as for any new item (R6.2).
 */
export const assignItem = itemCommand<AssignInput>(
  {
    ability: 'assign',
    forbidden: '督办事项的责任人和完成时限由作出决定的处室主要负责人补全',
    refused: '该督办事项已明确责任人和完成时限',
  },
  async (c, input) => {
    const { trx, row, actor, today } = c;
    if (!input.responsibleUserId && !input.responsibleDivisionId)
      throw new AppError('RESPONSIBLE_INVALID', '请选择责任人或责任处室');
    if (input.deadline < today) throw new AppError('DEADLINE_BEFORE_MEETING', '完成时限不能早于今天');
    const [d] = await resolveDecisions(trx, actor.unitId, today, [
      { text: row.decision_text, outcome: 'adopted', ...input, note: row.note },
    ]);
    if (!d) throw new AppError('INTERNAL');
    const co = d.coResponsible ?? [];
    await c.update({
      responsible_user_id: d.responsibleUserId ?? null,
      responsible_division_id: d.responsibleDivisionId ?? null,
      responsible_name: d.responsible,
      co_responsible: JSON.stringify(co),
      co_responsible_ids: ` ${co.map((p) => p.id).join(' ')} `,
      division_id: await responsibleDivision(
        trx,
        row.source_division_id,
        d.responsibleUserId ?? null,
        d.responsibleDivisionId ?? null,
      ),
      deadline: d.deadline,
      original_deadline: d.deadline,
      needs_completion: 0,
      last_activity_day: today,
    });
    await c.event('assigned', `明确责任人：${d.responsible}；完成时限：${input.deadline}`, {
      responsibleUserId: d.responsibleUserId,
      responsibleDivisionId: d.responsibleDivisionId,
    });
    await notifyAssigned(c.s, trx, {
      id: row.id,
      unitId: actor.unitId,
      number: row.source_number,
      topicTitle: row.topic_title,
      decision: d,
    });
    return {
      action: 'tracking.assign',
      data: { responsible: d.responsible, deadline: d.deadline, coResponsible: co.length },
    };
  },
);
