import { sql, type Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Db } from './db/database.js';
import type { Database } from './db/schema.js';

/**
 * R5.7: archived records are read-only. A meeting is archived once its minutes are an item of
 * an archive (`archive_items.meeting_id`); then its minutes (every version), its record, its
 * topics' materials, its distribution receipts and the tracked items its decisions became refuse
 * every change with 409 ARCHIVED.
 *
 * Race-safe on PostgreSQL: the check takes the meeting row FOR SHARE, and archiving takes the
 * year's meeting rows FOR NO KEY UPDATE before it re-reads what it packed. Whichever comes
 * second waits for the first: an edit that got there first is seen by the archiver (whose facts
 * then differ from what it packed: 409), an archive that got there first is seen by the edit
 * (ARCHIVED). SQLite's immediate transactions are serialised anyway. The modules call this, not
 * the archive module: they come before it (eslint.config.js MODULE_ORDER). A use case that also
 * locks the meeting row for update calls this after that lock: two transactions holding the share
 * lock and both waiting to upgrade it would deadlock.
 */
export async function refuseIfArchived(
  db: Db,
  trx: Kysely<Database>,
  unitId: string,
  meetingIds: readonly string[],
  opts: { lock?: boolean } = {},
) {
  const ids = [...new Set(meetingIds)].sort();
  if (ids.length === 0) return;
  if (db.kind === 'postgres' && opts.lock !== false)
    await sql`select id from meetings where unit_id = ${unitId} and id in (${sql.join(ids)}) order by id for share`.execute(
      trx,
    );
  const hit = await trx
    .selectFrom('archive_items as i')
    .innerJoin('archives as a', 'a.id', 'i.archive_id')
    .innerJoin('divisions as d', 'd.id', 'a.division_id')
    .select(['a.year', 'd.name'])
    .where('i.unit_id', '=', unitId)
    .where('i.meeting_id', 'in', ids)
    .executeTakeFirst();
  if (hit)
    throw new AppError(
      'ARCHIVED',
      `${hit.name} ${hit.year} 年度的纪要已归档：纪要、会议记录、议题材料、分送签收和督办事项均为只读，不能再修改（第 5.7 条）`,
    );
}

/** The meetings a topic was on the agenda of: its materials are archived with any of them. */
export async function meetingsOfTopic(trx: Kysely<Database>, unitId: string, topicId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('agenda_items')
    .select('meeting_id')
    .where('unit_id', '=', unitId)
    .where('topic_id', '=', topicId)
    .execute();
  return rows.map((r) => r.meeting_id);
}

/**
 * R5.7: a topic whose meeting is archived keeps its materials as they are. No row lock here: a
 * topic on an agenda is past the states whose materials may change (the topic's own state machine
 * refuses them under the topic's lock), and a share lock on its meetings taken while holding the
 * topic's could cross a meeting command that holds the meeting and waits for the topic.
 */
export async function refuseIfTopicArchived(db: Db, trx: Kysely<Database>, unitId: string, topicId: string) {
  await refuseIfArchived(db, trx, unitId, await meetingsOfTopic(trx, unitId, topicId), { lock: false });
}
