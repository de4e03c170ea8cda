import type { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import type { trackingListQuery } from '../../../core/contracts/tracking.js';
import type { Actor } from '../../../core/policy.js';
import {
  trackingAbilities,
  trackingScopes,
  type ItemFacts,
  type TrackingScope,
} from '../../../core/policies/tracking.js';
import { lightBounds, overdueBefore } from '../../../core/tracking.js';
import { decodeCursor, pageOf } from '../../platform/db/cursor.js';
import type { Services } from '../../platform/services.js';
import { itemDto } from './tracking.presenter.js';
import { coResponsibleOf, headsOwn, type ItemRow } from './tracking.repository.js';
import { cursorKeyOf, ledgerCount, ledgerPage, pageFacts, type LedgerFilter } from './tracking-list.repository.js';
import { lightContext } from './view-item.js';

/** The scope asked for, or the widest the actor holds; a scope not theirs is 403. */
export function scopeFor(actor: Actor, asked: TrackingScope | undefined): TrackingScope {
  const scopes = trackingScopes(actor);
  if (asked && !scopes.includes(asked)) throw new AppError('FORBIDDEN', '无权查看该范围的督办台账');
  return asked ?? scopes[scopes.length - 1] ?? 'mine';
}

/** 督办台账 (R6.2): the items of the actor's scope with their lights, filtered and paged. */
export async function listItems(s: Services, actor: Actor, q: z.infer<typeof trackingListQuery>) {
  const scope = scopeFor(actor, q.scope);
  const db = s.db.kysely;
  const ctx = await lightContext(db, actor.unitId, s.clock.now());
  const settings = {
    dueSoonWorkingDays: ctx.regime.trackingDueSoonWorkingDays,
    stalledWorkingDays: ctx.regime.trackingStalledWorkingDays,
  };
  const f: LedgerFilter = {
    status: q.status,
    divisionId: q.divisionId,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    matterFlag: q.matterFlag,
    sourceMinutesId: q.sourceMinutesId,
    needsCompletion: q.needsCompletion === undefined ? undefined : q.needsCompletion === 'true',
    overdueBefore: q.overdueDays ? overdueBefore(ctx.cal, ctx.today, q.overdueDays) : undefined,
    light: q.light ? { kind: q.light, ...lightBounds(ctx.cal, ctx.today, settings) } : undefined,
  };
  const rows = await ledgerPage(db, actor, scope, f, {
    limit: q.limit,
    after: q.cursor ? decodeCursor(q.cursor, 2) : undefined,
  });
  const page = pageOf(rows, q.limit, cursorKeyOf);
  const known = await pageFacts(db, page.items);
  const facts = (r: ItemRow): ItemFacts => ({
    status: r.status,
    divisionId: r.division_id,
    sourceDivisionId: r.source_division_id,
    responsibleUserId: r.responsible_user_id,
    responsibleDivisionId: r.responsible_division_id,
    coResponsibleIds: coResponsibleOf(r).map((p) => p.id),
    needsCompletion: Number(r.needs_completion) === 1,
    headsOwn: headsOwn(r, known.headOf.get(r.division_id) ?? null),
    hasPendingExtension: known.pending.has(r.id),
    beforeDeadline: r.deadline !== null && ctx.today <= r.deadline,
  });
  return {
    // A row of the scope the actor could still not read is never shown (the scope is wider than read in no case).
    items: page.items
      .filter((r) => trackingAbilities(actor, facts(r)).may.read)
      .map((r) => itemDto(actor, r, facts(r), ctx)),
    nextCursor: page.nextCursor,
    scope,
    scopes: trackingScopes(actor),
  };
}

/** 工作台: the actor's items due soon (yellow) and overdue (red), in their widest scope. */
export async function trackingCounts(s: Services, actor: Actor): Promise<{ dueSoon: number; overdue: number }> {
  const scope = scopeFor(actor, undefined);
  const db = s.db.kysely;
  const ctx = await lightContext(db, actor.unitId, s.clock.now());
  const bounds = lightBounds(ctx.cal, ctx.today, {
    dueSoonWorkingDays: ctx.regime.trackingDueSoonWorkingDays,
    stalledWorkingDays: ctx.regime.trackingStalledWorkingDays,
  });
  const [dueSoon, overdue] = await Promise.all(
    (['yellow', 'red'] as const).map((kind) => ledgerCount(db, actor, scope, { light: { kind, ...bounds } })),
  );
  return { dueSoon: dueSoon ?? 0, overdue: overdue ?? 0 };
}
