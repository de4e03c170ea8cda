import { createHash } from 'node:crypto';
import type { Actor } from '../../../core/policy.js';
import type { TrackingDetailDto } from '../../../core/contracts/tracking.js';
import type { Services } from '../../platform/services.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { runCommand } from './tracking-command.js';
import { addEvent, updateItem } from './tracking.repository.js';
import { itemExecutors, tell } from './tracking-notices.js';

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
export async function confirmCompletion(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<TrackingDetailDto> {
  return runCommand(
    s,
    actor,
    id,
    version,
    ip,
    {
      ability: 'confirm',
      forbidden: '办结由责任处室主要负责人确认；处室主要负责人本人的事项由分管领导确认',
      refused: '只有已申请办结的督办事项才能确认办结',
    },
    async ({ trx, row, at }) => {
      const regime = (await readSettings(trx, actor.unitId, 'regime')).value;
      const sampled = sampledForVerification(id, regime.trackingVerificationPercent);
      await updateItem(trx, row, { status: 'completed', closed_at: at, sampled: sampled ? 1 : 0 }, at);
      await addEvent(trx, {
        unitId: actor.unitId,
        itemId: id,
        kind: 'confirm',
        actor,
        text: '确认办结',
        data: { sampled },
        at,
      });
      await tell(
        s,
        trx,
        row,
        await itemExecutors(trx, row),
        'tracking.completed',
        '督办事项已确认办结',
        '办结申请已确认。',
      );
      return { action: 'tracking.confirm', data: { to: 'completed', sampled } };
    },
  );
}

/** R6.2 退回: the decider returns a completion request with a reason; the item is in progress again. */
export async function returnCompletion(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
  ip: string | null,
): Promise<TrackingDetailDto> {
  return runCommand(
    s,
    actor,
    id,
    input.version,
    ip,
    {
      ability: 'return',
      forbidden: '办结申请由责任处室主要负责人（或分管领导）退回',
      refused: '只有已申请办结的督办事项才能退回',
    },
    async ({ trx, row, at, today }) => {
      await updateItem(trx, row, { status: 'in_progress', last_activity_day: today }, at);
      await addEvent(trx, { unitId: actor.unitId, itemId: id, kind: 'return', actor, text: input.reason, at });
      await tell(s, trx, row, await itemExecutors(trx, row), 'tracking.returned', '办结申请被退回', input.reason);
      return { action: 'tracking.return', data: { to: 'in_progress', reason: input.reason } };
    },
  );
}

/** R6.4 已核验: the supervision office verifies a completed item (those sampled first of all). */
export async function verifyItem(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; note: string },
  ip: string | null,
): Promise<TrackingDetailDto> {
  return runCommand(
    s,
    actor,
    id,
    input.version,
    ip,
    { ability: 'verify', forbidden: '办结核验由监察室进行', refused: '只有已办结的督办事项才能核验' },
    async ({ trx, row, at }) => {
      await updateItem(trx, row, { status: 'verified' }, at);
      await addEvent(trx, {
        unitId: actor.unitId,
        itemId: id,
        kind: 'verify',
        actor,
        text: input.note || '核验通过',
        at,
      });
      return { action: 'tracking.verify', data: { to: 'verified', sampled: Number(row.sampled) === 1 } };
    },
  );
}
