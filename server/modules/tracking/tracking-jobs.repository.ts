import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { OPEN_STATUSES } from '../../../core/tracking.js';

type Q = Kysely<Database> | Tx;

/** At most this many items are reminded per job, unit and tick; the next tick takes the rest. */
const BATCH = 500;

/**
 * Open items of the unit whose deadline is in [from, before) and that `job`
 * has not yet claimed for that deadline (claim key `job:itemId:deadline`): the
 * database filters by the bounds, the claims table by the key's primary index.
 */
export async function itemsToRemind(
  db: Q,
  unitId: string,
  job: string,
  range: { from?: string | undefined; before: string },
) {
  let q = db
    .selectFrom('tracking_items as i')
    .select(['i.id', 'i.deadline'])
    .where('i.unit_id', '=', unitId)
    .where('i.status', 'in', [...OPEN_STATUSES])
    .where('i.deadline', 'is not', null)
    .where('i.deadline', '<', range.before)
    .where(
      sql<boolean>`not exists (select 1 from job_claims c where c.key = ${`${job}:`} || i.id || ':' || i.deadline)`,
    );
  if (range.from) q = q.where('i.deadline', '>=', range.from);
  const rows = await q.orderBy('i.deadline').orderBy('i.id').limit(BATCH).execute();
  return rows.map((r) => ({ id: r.id, deadline: r.deadline ?? '' }));
}

/** The active ones of `ids` with their names, in the order given (inactive accounts are not reminded). */
export async function activePeople(db: Q, ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .where('active', '=', 1)
    .execute();
  const name = new Map(rows.map((r) => [r.id, r.display_name]));
  return unique.filter((id) => name.has(id)).map((id) => ({ id, name: name.get(id) ?? '' }));
}

/**
 * The unit's division heads whose weekly digest for `week` is not yet claimed,
 * each with the divisions they lead (head or deputy: the ledger they see).
 */
export async function headsToDigest(db: Q, unitId: string, job: string, week: string) {
  const heads = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .select(['m.user_id', 'm.division_id'])
    .where('m.unit_id', '=', unitId)
    .where('m.position', '=', 'head')
    .where('u.active', '=', 1)
    .where('d.active', '=', 1)
    .where(
      sql<boolean>`not exists (select 1 from job_claims c where c.key = ${`${job}:`} || m.user_id || ${`:${week}`})`,
    )
    .execute();
  const ids = [...new Set(heads.map((h) => h.user_id))];
  if (ids.length === 0) return [];
  const led = await db
    .selectFrom('memberships')
    .select(['user_id', 'division_id'])
    .where('user_id', 'in', ids)
    .where('position', 'in', ['head', 'deputy'])
    .execute();
  return ids.map((userId) => ({
    userId,
    headed: heads.filter((h) => h.user_id === userId).map((h) => h.division_id),
    led: led.filter((l) => l.user_id === userId).map((l) => l.division_id),
  }));
}

export interface DigestCounts {
  open: number;
  red: number;
  yellow: number;
  stalled: number;
  awaitingConfirmation: number;
  pendingExtensions: number;
  topOverdue: Array<{ topicTitle: string; decisionText: string; deadline: string }>;
}

/**
 * A head's weekly figures (R6.2): the open items of the divisions they lead by
 * light, and what waits for them — completions to confirm and extensions to
 * decide in the divisions they head (their own items go to the supervising leader).
 */
export async function digestCounts(
  db: Q,
  unitId: string,
  head: { userId: string; headed: readonly string[]; led: readonly string[] },
  b: { today: string; yellowBefore: string; stalledBefore: string | null },
): Promise<DigestCounts> {
  const ledger = db
    .selectFrom('tracking_items as i')
    .where('i.unit_id', '=', unitId)
    .where('i.status', 'in', [...OPEN_STATUSES])
    .where((eb) => eb.or([eb('i.division_id', 'in', head.led), eb('i.source_division_id', 'in', head.led)]));
  const stalledBefore = b.stalledBefore ?? '0000-01-01';
  const counts = await ledger
    .select((eb) => [
      eb.fn.countAll<string | number>().as('open'),
      sql<string | number>`sum(case when i.deadline < ${b.today} then 1 else 0 end)`.as('red'),
      sql<
        string | number
      >`sum(case when i.deadline >= ${b.today} and i.deadline < ${b.yellowBefore} then 1 else 0 end)`.as('yellow'),
      sql<
        string | number
      >`sum(case when i.status in ('pending', 'in_progress') and i.last_activity_day < ${stalledBefore} then 1 else 0 end)`.as(
        'stalled',
      ),
    ])
    .executeTakeFirst();
  const open = Number(counts?.open ?? 0);
  if (open === 0)
    return { open, red: 0, yellow: 0, stalled: 0, awaitingConfirmation: 0, pendingExtensions: 0, topOverdue: [] };
  // What the head decides: items of the divisions they head that are not their own.
  const decided = db
    .selectFrom('tracking_items as i')
    .where('i.unit_id', '=', unitId)
    .where('i.division_id', 'in', head.headed.length ? [...head.headed] : ['-'])
    .where('i.responsible_division_id', 'is', null)
    .where((eb) => eb.or([eb('i.responsible_user_id', 'is', null), eb('i.responsible_user_id', '!=', head.userId)]));
  const [awaiting, extensions, top] = await Promise.all([
    decided
      .where('i.status', '=', 'completion_requested')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst(),
    decided
      .innerJoin('tracking_extensions as x', 'x.item_id', 'i.id')
      .where('x.status', '=', 'pending')
      .where('i.status', 'in', [...OPEN_STATUSES])
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst(),
    ledger
      .select(['i.topic_title', 'i.decision_text', 'i.deadline'])
      .where('i.deadline', '<', b.today)
      .orderBy('i.deadline')
      .orderBy('i.id')
      .limit(5)
      .execute(),
  ]);
  return {
    open,
    red: Number(counts?.red ?? 0),
    yellow: Number(counts?.yellow ?? 0),
    stalled: Number(counts?.stalled ?? 0),
    awaitingConfirmation: Number(awaiting?.n ?? 0),
    pendingExtensions: Number(extensions?.n ?? 0),
    topOverdue: top.map((t) => ({
      topicTitle: t.topic_title,
      decisionText: t.decision_text,
      deadline: t.deadline ?? '',
    })),
  };
}
