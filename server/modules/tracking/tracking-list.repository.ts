import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { TrackingScope } from '../../../core/policies/tracking.js';
import type { Actor } from '../../../core/policy.js';
import type { CursorKey } from '../../platform/db/cursor.js';
import type { Tx } from '../../platform/services.js';
import type { MatterFlag } from '../../../core/settings.js';
import type { TrackingStatus } from '../../../core/tracking.js';
import type { ItemRow } from './tracking.repository.js';

type Q = Kysely<Database> | Tx;
const OPEN = ['pending', 'in_progress', 'completion_requested'] as const;
const NO_DEADLINE = '9999-12-31';

export interface LedgerFilter {
  status?: TrackingStatus | undefined;
  light?:
    | {
        kind: 'red' | 'yellow' | 'green' | 'stalled';
        today: string;
        yellowBefore: string;
        stalledBefore: string | null;
      }
    | undefined;
  divisionId?: string | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  /** Open items whose deadline is before this day (overdue by at least the asked working days). */
  overdueBefore?: string | undefined;
  matterFlag?: MatterFlag | undefined;
  sourceMinutesId?: string | undefined;
  needsCompletion?: boolean | undefined;
}

/**
 * The ledger in the actor's scope (R6.2): mine — items they execute or help
 * with; division — items of the divisions they lead; supervised — of the
 * divisions they supervise; all — the unit's. Ordered by deadline (none last),
 * paged by (deadline, id).
 */
export async function ledgerPage(
  db: Q,
  actor: Actor,
  scope: TrackingScope,
  f: LedgerFilter,
  page: { limit: number; after?: CursorKey | undefined },
): Promise<ItemRow[]> {
  let q = ledgerQuery(db, actor, scope, f);
  // A literal, not a parameter: the order index (0012) is on this very expression.
  const key = sql<string>`coalesce(i.deadline, ${sql.lit(NO_DEADLINE)})`;
  const after = page.after;
  if (after) q = q.where(sql<boolean>`(${key}, i.id) > (${String(after[0])}, ${String(after[1])})`);
  return q
    .orderBy(key)
    .orderBy('i.id')
    .limit(page.limit + 1)
    .execute();
}

/** How many items of the scope pass the filter (the 工作台's counts). */
export async function ledgerCount(db: Q, actor: Actor, scope: TrackingScope, f: LedgerFilter): Promise<number> {
  const r = await ledgerQuery(db, actor, scope, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

function ledgerQuery(db: Q, actor: Actor, scope: TrackingScope, f: LedgerFilter) {
  const led = actor.memberships
    .filter((m) => m.position === 'head' || m.position === 'deputy')
    .map((m) => m.divisionId);
  const mine = actor.memberships.map((m) => m.divisionId);
  const none = ['-'];
  let q = db
    .selectFrom('tracking_items as i')
    .innerJoin('divisions as d', 'd.id', 'i.division_id')
    .innerJoin('divisions as sd', 'sd.id', 'i.source_division_id')
    .selectAll('i')
    .select(['d.name as division_name', 'sd.name as source_division_name'])
    .where('i.unit_id', '=', actor.unitId);
  if (scope === 'mine')
    q = q.where((eb) =>
      eb.or([
        eb('i.responsible_user_id', '=', actor.userId),
        eb('i.co_responsible_ids', 'like', `% ${actor.userId} %`),
        eb('i.responsible_division_id', 'in', mine.length ? mine : none),
      ]),
    );
  else if (scope === 'division')
    q = q.where((eb) =>
      eb.or([
        eb('i.division_id', 'in', led.length ? led : none),
        eb('i.source_division_id', 'in', led.length ? led : none),
      ]),
    );
  else if (scope === 'supervised') {
    const sup = actor.supervisedDivisionIds.length ? [...actor.supervisedDivisionIds] : none;
    q = q.where((eb) => eb.or([eb('i.division_id', 'in', sup), eb('i.source_division_id', 'in', sup)]));
  }
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.divisionId) q = q.where('i.division_id', '=', f.divisionId);
  if (f.deadlineFrom) q = q.where('i.deadline', '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where('i.deadline', '<=', f.deadlineTo);
  if (f.sourceMinutesId) q = q.where('i.source_minutes_id', '=', f.sourceMinutesId);
  if (f.matterFlag) q = q.where('i.matter_flags', 'like', `%"${f.matterFlag}"%`);
  if (f.needsCompletion !== undefined) q = q.where('i.needs_completion', '=', f.needsCompletion ? 1 : 0);
  if (f.overdueBefore) q = q.where('i.status', 'in', [...OPEN]).where('i.deadline', '<', f.overdueBefore);
  const l = f.light;
  if (l) {
    if (l.kind === 'stalled')
      q = q
        .where('i.status', 'in', ['pending', 'in_progress'])
        .where('i.last_activity_day', '<', l.stalledBefore ?? '0000-01-01');
    else {
      q = q.where('i.status', 'in', [...OPEN]).where('i.deadline', 'is not', null);
      if (l.kind === 'red') q = q.where('i.deadline', '<', l.today);
      if (l.kind === 'yellow') q = q.where('i.deadline', '>=', l.today).where('i.deadline', '<', l.yellowBefore);
      if (l.kind === 'green') q = q.where('i.deadline', '>=', l.yellowBefore);
    }
  }
  return q;
}

export function cursorKeyOf(r: Pick<ItemRow, 'deadline' | 'id'>): CursorKey {
  return [r.deadline ?? NO_DEADLINE, r.id];
}

/** Heads of the divisions, and the items with an open extension request, for a page at once. */
export async function pageFacts(db: Q, rows: readonly ItemRow[]) {
  const divisions = [...new Set(rows.map((r) => r.division_id))];
  const ids = rows.map((r) => r.id);
  const [heads, pending] = await Promise.all([
    divisions.length
      ? db
          .selectFrom('memberships')
          .select(['division_id', 'user_id'])
          .where('division_id', 'in', divisions)
          .where('position', '=', 'head')
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('tracking_extensions')
          .select('item_id')
          .where('item_id', 'in', ids)
          .where('status', '=', 'pending')
          .execute()
      : [],
  ]);
  return {
    headOf: new Map(heads.map((h) => [h.division_id, h.user_id])),
    pending: new Set(pending.map((p) => p.item_id)),
  };
}

/** The unit's divisions in their order (the 考评's rows follow it). */
export async function unitDivisions(db: Q, unitId: string) {
  return db
    .selectFrom('divisions')
    .select(['id', 'name'])
    .where('unit_id', '=', unitId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** The items of `divisionIds` whose deadline in force falls in [from, to] (考评, R6.2). */
export async function itemsDueBetween(db: Q, unitId: string, from: string, to: string, divisionIds: readonly string[]) {
  if (divisionIds.length === 0) return [];
  return db
    .selectFrom('tracking_items')
    .select(['division_id', 'status', 'deadline', 'closed_at', 'extensions'])
    .where('unit_id', '=', unitId)
    .where('division_id', 'in', [...divisionIds])
    .where('deadline', '>=', from)
    .where('deadline', '<=', to)
    .execute();
}

/** The name of a division of the unit (the ledger's filter in words), or null. */
export async function divisionNameOf(db: Q, unitId: string, id: string): Promise<string | null> {
  const r = await db
    .selectFrom('divisions')
    .select('name')
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.name ?? null;
}
