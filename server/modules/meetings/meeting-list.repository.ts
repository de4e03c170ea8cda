import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../../core/policy.js';
import type { DivisionKind } from '../../../core/org.js';
import type { MeetingKind, MeetingStatus } from '../../../core/meetings.js';
import { monthBounds } from '../../../core/shanghai-time.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';

/**
 * A page of the meetings of these divisions and those the actor is invited
 * to, newest first (start time, then id); optionally of one division and one month.
 */
export async function meetingList(
  db: Kysely<Database>,
  actor: Actor,
  visible: readonly string[],
  f: { divisionId?: string | undefined; month?: string | undefined } & PageRequest,
) {
  let q = db
    .selectFrom('meetings as m')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .innerJoin('users as c', 'c.id', 'm.chair_id')
    .where('m.unit_id', '=', actor.unitId)
    .where((eb) =>
      eb.or([
        eb('m.division_id', 'in', visible.length ? visible : ['-']),
        eb.exists(
          eb
            .selectFrom('participants as p')
            .select('p.id')
            .whereRef('p.meeting_id', '=', 'm.id')
            .where('p.user_id', '=', actor.userId),
        ),
      ]),
    );
  if (f.divisionId) q = q.where('m.division_id', '=', f.divisionId);
  if (f.month) {
    const b = monthBounds(f.month);
    q = q.where('m.starts_at', '>=', b.from).where('m.starts_at', '<', b.to);
  }
  const page = await keysetPage(
    q.select([
      'm.id',
      'm.division_id',
      'd.name as division_name',
      'm.kind',
      'm.title',
      'm.starts_at',
      'm.place',
      'm.status',
      'c.display_name as chair_name',
      'm.backfill_at',
    ]),
    {
      columns: ['m.starts_at', 'm.id'],
      types: ['string', 'string'],
      direction: 'desc',
      key: (r) => [r.starts_at, r.id],
    },
    f,
  );
  return {
    items: page.items.map((r) => ({ ...r, kind: r.kind as MeetingKind, status: r.status as MeetingStatus })),
    nextCursor: page.nextCursor,
  };
}
export type MeetingListRow = Awaited<ReturnType<typeof meetingList>>['items'][number];

/** The unit's active divisions in its order. */
export async function activeDivisions(db: Kysely<Database>, unitId: string) {
  const rows = await db
    .selectFrom('divisions')
    .select(['id', 'name', 'kind'])
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as DivisionKind }));
}
