import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { toNumber } from '../../platform/db/database.js';
import type { Actor } from '../../../core/policy.js';
import type { MatterFlag } from '../../../core/settings.js';
import type { TopicStatus } from '../../../core/topics.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';

/**
 * A page of topics: the actor's own, and those past draft in the divisions they
 * may see; newest change first (then id).
 */
export async function topicPage(
  db: Kysely<Database>,
  actor: Actor,
  visible: readonly string[],
  f: {
    divisionId?: string | undefined;
    status?: TopicStatus | undefined;
    pool?: 'true' | 'false' | undefined;
  } & PageRequest,
) {
  let q = db
    .selectFrom('topics as t')
    .innerJoin('divisions as d', 'd.id', 't.division_id')
    .innerJoin('users as u', 'u.id', 't.proposer_id')
    .where('t.unit_id', '=', actor.unitId)
    .where((eb) =>
      eb.or([
        eb('t.proposer_id', '=', actor.userId),
        eb.and([eb('t.division_id', 'in', visible.length ? visible : ['-']), eb('t.status', '!=', 'draft')]),
      ]),
    );
  if (f.divisionId) q = q.where('t.division_id', '=', f.divisionId);
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.pool === 'true') q = q.where('t.status', '=', 'approved');
  const page = await keysetPage(
    q
      .select([
        't.id',
        't.division_id',
        'd.name as division_name',
        'u.display_name as proposer_name',
        't.title',
        't.category',
        't.status',
        't.matter_flags',
        't.important',
        't.updated_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('attachments as a')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('a.topic_id', '=', 't.id')
          .where('a.deleted_at', 'is', null)
          .as('attachment_count'),
      ),
    {
      columns: ['t.updated_at', 't.id'],
      types: ['string', 'string'],
      direction: 'desc',
      key: (r) => [r.updated_at, r.id],
    },
    f,
  );
  return {
    nextCursor: page.nextCursor,
    rows: page.items.map((r) => ({
      id: r.id,
      divisionId: r.division_id,
      divisionName: r.division_name,
      proposerName: r.proposer_name,
      title: r.title,
      category: r.category,
      status: r.status as TopicStatus,
      matterFlags: JSON.parse(r.matter_flags) as MatterFlag[],
      important: toNumber(r.important) === 1,
      attachmentCount: toNumber(r.attachment_count),
      updatedAt: r.updated_at,
    })),
  };
}
export type TopicListRow = Awaited<ReturnType<typeof topicPage>>['rows'][number];
