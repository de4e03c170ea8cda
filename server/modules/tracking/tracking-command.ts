import type { TrackingDetailDto } from '../../../core/contracts/tracking.js';
import type { AuditAction } from '../../../core/audit-events.js';
import { AppError, type ErrorCode } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { ItemFacts, TrackingAbilities } from '../../../core/policies/tracking.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { audit, auditBy, inTransaction, lock, type Services, type Tx } from '../../platform/services.js';
import { addEvent, updateItem, type ItemRow } from './tracking.repository.js';
import { tell } from './tracking-notices.js';
import { emit } from '../../platform/events.js';
import { viewItem, visibleItem } from './view-item.js';
import { refuseIfArchived } from '../../platform/archive-lock.js';

export interface CommandContext {
  s: Services;
  trx: Tx;
  row: ItemRow;
  facts: ItemFacts;
  actor: Actor;
  /** ISO instant and Shanghai day of the command. */
  at: string;
  today: string;
  /** Moves the item to its next version with `set` (a stale version is 409). */
  update(set: Parameters<typeof updateItem>[2]): Promise<void>;
  /** Writes the command on the item's timeline, by the actor; the event's id. */
  event(kind: string, text: string, data?: object): Promise<string>;
  /** Tells people about this step of the item (in-app, and by e-mail when it is on). */
  tell(userIds: readonly string[], kind: string, title: string, body: string): Promise<void>;
}

export type CommandChange = { action: AuditAction; data: Record<string, unknown> };

export interface CommandSpec {
  ability: keyof TrackingAbilities;
  /** Why this actor may not (403). */
  forbidden: string;
  /** Why not in this state: a message (409 INVALID_TRANSITION), or a code and message from the facts. */
  refused: string | ((f: ItemFacts) => [ErrorCode, string]);
}

/**
 * One command on a tracked item (R6.2), in one transaction under the item's row
 * lock: 404 when the actor may not see it, 403 when they may see but not do it,
 * 409 when its state (or a stale version) forbids it; then the change, its
 * timeline event and its typed audit event commit together.
 */
export async function runCommand(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
  spec: CommandSpec,
  change: (c: CommandContext) => Promise<CommandChange>,
): Promise<TrackingDetailDto> {
  return inTransaction(s, async (trx) => {
    await lock(s, trx, 'tracking_items', id);
    const now = s.clock.now();
    const today = shanghaiDay(now);
    const { row, facts, abilities } = await visibleItem(trx, actor, id, today);
    if (!abilities.may[spec.ability]) throw new AppError('FORBIDDEN', spec.forbidden);
    // R5.7: an item of an archived year's minutes is archived with its outcome: read-only.
    await refuseIfArchived(s.db, trx, actor.unitId, [row.source_meeting_id]);
    if (!abilities.now[spec.ability]) {
      if (facts.needsCompletion && spec.ability !== 'assign' && spec.ability !== 'terminate')
        throw new AppError('ITEM_INCOMPLETE');
      const [code, message] =
        typeof spec.refused === 'string' ? (['INVALID_TRANSITION', spec.refused] as const) : spec.refused(facts);
      throw new AppError(code, message);
    }
    if (Number(row.version) !== version) throw new AppError('CONFLICT');
    const at = now.toISOString();
    const { action, data } = await change({
      s,
      trx,
      row,
      facts,
      actor,
      at,
      today,
      update: (set) => updateItem(trx, row, set, at),
      event: (kind, text, data) => addEvent(trx, { unitId: actor.unitId, itemId: id, kind, actor, text, data, at }),
      tell: (userIds, kind, title, body) => tell(s, trx, row, userIds, kind, title, body),
    });
    // R1.3: the item's status, parties and reports as the index finds them.
    await emit(s, trx, 'search.stale', { unitId: actor.unitId, source: 'tracking', id });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action,
      subjectType: 'tracking_item',
      subjectId: id,
      data: { from: row.status, ...data },
    });
    return viewItem(s, actor, id, trx);
  });
}

/**
 * A command's use case, `(s, actor, id, input, ip)` → the item page: the spec
 * says who may run it and when, `change` what it does (see `runCommand`).
 */
export function itemCommand<I extends { version: number }>(
  spec: CommandSpec,
  change: (c: CommandContext, input: I) => Promise<CommandChange>,
) {
  return (s: Services, actor: Actor, id: string, input: I, ip: string | null): Promise<TrackingDetailDto> =>
    runCommand(s, actor, id, input.version, ip, spec, (c) => change(c, input));
}
