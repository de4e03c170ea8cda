import { createHash } from 'node:crypto';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { itemCommand } from './tracking-command.js';
import { itemExecutors } from './tracking-notices.js';

/**
 * R6.4 sampling: whether a completed item is among the share the supervision
 * office verifies. Decided from the item's id, so it is the same on every
 * server and every retry, and spread evenly over the items.
 */
export function sampledForVerification(itemId: string, percent: number): boolean {
  if (percent <= 0) return false;
  const bucket = createHash('sha256').update(itemId).digest().readUInt32BE(0) % 100;
  return bucket < percent;
}

/** R6.2 已办结: the division's head (for the head's own items the supervising leader) confirms the completion. */
export const confirmCompletion = itemCommand<{ version: number }>(
  {
    ability: 'confirm',
    forbidden: '办结由责任处室主要负责人确认；处室主要负责人本人的事项由分管领导确认',
    refused: '只有已申请办结的督办事项才能确认办结',
  },
  async (c) => {
    const regime = (await readSettings(c.trx, c.actor.unitId, 'regime')).value;
    const sampled = sampledForVerification(c.row.id, regime.trackingVerificationPercent);
    await c.update({ status: 'completed', closed_at: c.at, sampled: sampled ? 1 : 0 });
    await c.event('confirm', '确认办结', { sampled });
    await c.tell(await itemExecutors(c.trx, c.row), 'tracking.completed', '督办事项已确认办结', '办结申请已确认。');
    return { action: 'tracking.confirm', data: { to: 'completed', sampled } };
  },
);

/** R6.2 退回: the decider returns a completion request with a reason; the item is in progress again. */
export const returnCompletion = itemCommand<{ version: number; reason: string }>(
  {
    ability: 'return',
    forbidden: '办结申请由责任处室主要负责人（或分管领导）退回',
    refused: '只有已申请办结的督办事项才能退回',
  },
  async (c, input) => {
    await c.update({ status: 'in_progress', last_activity_day: c.today });
    await c.event('return', input.reason);
    await c.tell(await itemExecutors(c.trx, c.row), 'tracking.returned', '办结申请被退回', input.reason);
    return { action: 'tracking.return', data: { to: 'in_progress', reason: input.reason } };
  },
);

/** R6.4 已核验: the supervision office verifies a completed item (those sampled first of all). */
export const verifyItem = itemCommand<{ version: number; note: string }>(
  { ability: 'verify', forbidden: '办结核验由监察室进行', refused: '只有已办结的督办事项才能核验' },
  async (c, input) => {
    await c.update({ status: 'verified' });
    await c.event('verify', input.note || '核验通过');
    return { action: 'tracking.verify', data: { to: 'verified', sampled: Number(c.row.sampled) === 1 } };
  },
);
