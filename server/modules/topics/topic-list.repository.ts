import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { toNumber } from '../../platform/db/database.js';
import type { Actor } from '../../../core/policy.js';
import type { MatterFlag } from '../../../core/settings.js';
import type { TopicStatus } from '../../../core/topics.js';

/**
 * A page of topics: the actor's own, and those past draft in the divisions they
 * may see; newest change first. With how many there are.
 */
export async function topicPage(
  db: Kysely<Database>,
  actor: Actor,
  visible: readonly string[],
  f: { divisionId?: string; status?: TopicStatus; pool?: 'true' | 'false'; page: number; pageSize: number },
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
  const [rows, count] = await Promise.all([
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
      )
      .orderBy('t.updated_at', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
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
    total: toNumber(count.n),
  };
}
export type TopicListRow = Awaited<ReturnType<typeof topicPage>>['rows'][number];
