import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { MinutesStatus } from './minutes.repository.js';
import type { CursorKey } from '../../platform/db/cursor.js';

/** Minutes of these divisions (of one, if asked), newest meeting and revision first; a year by Shanghai time. */
export async function minutesList(
  db: Kysely<Database>,
  unitId: string,
  visible: readonly string[],
  f: { divisionId?: string | undefined; year?: number | undefined; limit: number; after?: CursorKey | undefined },
) {
  let q = db
    .selectFrom('minutes as n')
    .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
    .innerJoin('divisions as d', 'd.id', 'n.division_id')
    .select([
      'n.id',
      'n.meeting_id',
      'm.title',
      'm.starts_at',
      'd.name',
      'n.status',
      'n.number',
      'n.issued_at',
      'n.revision',
    ])
    .where('n.unit_id', '=', unitId)
    .where('n.division_id', 'in', visible.length ? visible : ['-']);
  if (f.divisionId) q = q.where('n.division_id', '=', f.divisionId);
  if (f.year)
    q = q
      .where('m.starts_at', '>=', `${f.year - 1}-12-31T16:00:00.000Z`)
      .where('m.starts_at', '<', `${f.year}-12-31T16:00:00.000Z`);
  // Keyset paging: after the last row's (meeting start, revision, id), in that order, descending.
  const after = f.after;
  if (after)
    q = q.where((eb) =>
      eb(
        eb.refTuple('m.starts_at', 'n.revision', 'n.id'),
        '<',
        eb.tuple(String(after[0]), Number(after[1]), String(after[2])),
      ),
    );
  const rows = await q
    .orderBy('m.starts_at', 'desc')
    .orderBy('n.revision', 'desc')
    .orderBy('n.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return rows.map((r) => ({ ...r, status: r.status as MinutesStatus }));
}
export type MinutesListRow = Awaited<ReturnType<typeof minutesList>>[number];
