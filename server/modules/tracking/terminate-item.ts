import { AppError } from '../../../core/errors.js';
import type { Tx } from '../../platform/services.js';
import { itemCommand } from './tracking-command.js';
import type { ItemRow } from './tracking.repository.js';
import { itemExecutors } from './tracking-notices.js';

/**
 * The issued minutes a termination cites: of this unit, with that number, from
 * a meeting held after the one that made the decision (the meeting's own
 * division first when numbers repeat across divisions).
 */
async function laterMinutes(trx: Tx, row: ItemRow, number: string) {
  const source = await trx
    .selectFrom('meetings')
    .select(['starts_at', 'started_at'])
    .where('id', '=', row.source_meeting_id)
    .executeTakeFirstOrThrow();
  const sourceStart = source.started_at ?? source.starts_at;
  const found = await trx
    .selectFrom('minutes as n')
    .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
    .select(['n.id', 'n.number', 'n.division_id', 'm.starts_at', 'm.started_at'])
    .where('n.unit_id', '=', row.unit_id)
    .where('n.status', '=', 'issued')
    .where('n.number', '=', number)
    .where('n.meeting_id', '!=', row.source_meeting_id)
    .execute();
  const later = found.filter((f) => (f.started_at ?? f.starts_at) > sourceStart);
  return later.find((f) => f.division_id === row.source_division_id) ?? later[0] ?? null;
}

/**
 * An item is never deleted or silently closed (R6.2): ending it without doing it
 * needs a later meeting's decision, cited by its issued minutes number.
 */
export const terminateItem = itemCommand<{ version: number; referenceNumber: string; reason: string }>(
  {
    ability: 'terminate',
    forbidden: '终止督办由作出决定的处室主要负责人依据此后会议的决定办理',
    refused: '已办结或已终止的督办事项不能终止',
  },
  async (c, input) => {
    const ref = await laterMinutes(c.trx, c.row, input.referenceNumber);
    if (!ref)
      throw new AppError(
        'TERMINATION_REFERENCE_INVALID',
        `未找到本单位在原决定之后召开的会议已印发的纪要“${input.referenceNumber}”`,
      );
    await c.update({
      status: 'terminated',
      closed_at: c.at,
      termination_minutes_id: ref.id,
      termination_reference: ref.number,
    });
    await c.event('terminate', input.reason, { minutesId: ref.id, number: ref.number });
    await c.tell(
      await itemExecutors(c.trx, c.row),
      'tracking.terminated',
      '督办事项已终止',
      `依据纪要${ref.number ?? ''}：${input.reason}`,
    );
    return { action: 'tracking.terminate', data: { to: 'terminated', minutesId: ref.id, number: ref.number } };
  },
);
