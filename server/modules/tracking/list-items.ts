import type { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import type { TrackingItemDto, trackingListQuery } from '../../../core/contracts/tracking.js';
import type { Actor } from '../../../core/policy.js';
import {
  trackingAbilities,
  trackingScopes,
  type ItemFacts,
  type TrackingScope,
} from '../../../core/policies/tracking.js';
import { lightBounds, overdueBefore } from '../../../core/tracking.js';
import { decodeCursor, pageOf, type CursorKey } from '../../platform/db/cursor.js';
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

type LedgerQuery = Omit<z.infer<typeof trackingListQuery>, 'cursor' | 'limit'>;

/** The ledger as asked: the scope (403 when not the actor's), the lights' context and the filter in day bounds. */
async function ledgerOf(s: Services, actor: Actor, q: LedgerQuery) {
  const scope = scopeFor(actor, q.scope);
  const ctx = await lightContext(s.db.kysely, actor.unitId, s.clock.now());
  const settings = {
    dueSoonWorkingDays: ctx.regime.trackingDueSoonWorkingDays,
    stalledWorkingDays: ctx.regime.trackingStalledWorkingDays,
  };
  const filter: LedgerFilter = {
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
  return { scope, ctx, filter };
}
type Ledger = Awaited<ReturnType<typeof ledgerOf>>;

/** One page of the ledger after `after`: the rows read, and the DTOs of those the actor may read. */
async function ledgerChunk(s: Services, actor: Actor, l: Ledger, limit: number, after: CursorKey | undefined) {
  const db = s.db.kysely;
  const rows = await ledgerPage(db, actor, l.scope, l.filter, { limit, after });
  const page = pageOf(rows, limit, cursorKeyOf);
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
    beforeDeadline: r.deadline !== null && l.ctx.today <= r.deadline,
  });
  const last = page.items[page.items.length - 1];
  return {
    // A row of the scope the actor could still not read is never shown (the scope is wider than read in no case).
    items: page.items
      .filter((r) => trackingAbilities(actor, facts(r)).may.read)
      .map((r) => itemDto(actor, r, facts(r), l.ctx)),
    nextCursor: page.nextCursor,
    /** The key after which the next page starts; null on the last page. */
    next: page.nextCursor && last ? cursorKeyOf(last) : null,
  };
}

/** 督办台账 (R6.2): the items of the actor's scope with their lights, filtered and paged. */
export async function listItems(s: Services, actor: Actor, q: z.infer<typeof trackingListQuery>) {
  const l = await ledgerOf(s, actor, q);
  const page = await ledgerChunk(s, actor, l, q.limit, q.cursor ? decodeCursor(q.cursor, 2) : undefined);
  return { items: page.items, nextCursor: page.nextCursor, scope: l.scope, scopes: trackingScopes(actor) };
}

/** Rows read per query when the whole ledger is wanted (the export). */
const EXPORT_CHUNK = 500;

/**
 * The whole ledger under the filters, in the list's order: what the screen shows
 * page after page, read through the same pages (the XLSX export and its heading).
 */
export async function allLedgerItems(s: Services, actor: Actor, q: LedgerQuery, chunk = EXPORT_CHUNK) {
  const l = await ledgerOf(s, actor, q);
  const items: TrackingItemDto[] = [];
  let after: CursorKey | undefined;
  for (;;) {
    const page = await ledgerChunk(s, actor, l, chunk, after);
    items.push(...page.items);
    if (!page.next) break;
    after = page.next;
  }
  return { scope: l.scope, today: l.ctx.today, items };
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
