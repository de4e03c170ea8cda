import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { MinutesStatus } from './minutes.repository.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';

/** Minutes of these divisions (of one, if asked), newest meeting and revision first; a year by Shanghai time. */
export async function minutesList(
  db: Kysely<Database>,
  unitId: string,
  visible: readonly string[],
  f: { divisionId?: string | undefined; year?: number | undefined } & PageRequest,
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
  // Newest meeting first, then its latest revision, then id.
  const page = await keysetPage(
    q,
    {
      columns: ['m.starts_at', 'n.revision', 'n.id'],
      types: ['string', 'number', 'string'],
      direction: 'desc',
      key: (r) => [r.starts_at, Number(r.revision), r.id],
    },
    f,
  );
  return { items: page.items.map((r) => ({ ...r, status: r.status as MinutesStatus })), nextCursor: page.nextCursor };
}
export type MinutesListRow = Awaited<ReturnType<typeof minutesList>>['items'][number];
