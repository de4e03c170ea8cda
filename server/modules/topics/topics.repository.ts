import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber, type Db } from '../../platform/db/database.js';
import { memoAuth } from '../../platform/auth/auth-cache.js';
import type { TopicDto } from '../../../core/contracts/topics.js';
import type { MatterFlag } from '../../../core/settings.js';
import type { Actor } from '../../../core/policy.js';
import { visibleDivisionIds } from '../../../core/policy.js';
import { impliedBy } from '../../../core/settings.js';
import { topicAbilities } from '../../../core/policies/topic.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import {
  fenToYuan,
  holdsPower,
  positionIn,
  isImportantMatter,
  type Delegation,
  type DelegatedPower,
  type TopicStatus,
} from '../../../core/topics.js';
import { AppError } from '../../../core/errors.js';

type Q = Kysely<Database> | Tx;

export async function loadDelegations(db: Q, unitId: string, divisionId: string): Promise<Delegation[]> {
  const rows = await db
    .selectFrom('delegations')
    .select(['user_id', 'power'])
    .where('unit_id', '=', unitId)
    .where('division_id', '=', divisionId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, power: r.power as DelegatedPower }));
}

/**
 * For reads: a division's delegations and the unit's division ids, memoised per process like the
 * session itself (auth-cache.ts): every write through this process forgets them, another process's
 * write is seen within AUTH_CACHE_TTL_MS. Saves the list reads and /api/me a query each (issue 11).
 */
export function memoDelegations(db: Db, unitId: string, divisionId: string): Promise<Delegation[]> {
  return memoAuth(db, `delegations:${unitId}:${divisionId}`, () => loadDelegations(db.kysely, unitId, divisionId));
}

/** visibleDivisions for reads, on the memoised list of the unit's divisions. */
export async function memoVisibleDivisions(db: Db, actor: Actor): Promise<string[]> {
  const all = await memoAuth(db, `divisions:${actor.unitId}`, async () =>
    (await db.kysely.selectFrom('divisions').select('id').where('unit_id', '=', actor.unitId).execute()).map(
      (d) => d.id,
    ),
  );
  return visibleDivisionIds(actor, all);
}

/** The unit's divisions whose business the actor may see (own, supervised, or all). */
export async function visibleDivisions(db: Q, actor: Actor): Promise<string[]> {
  const all = await db.selectFrom('divisions').select('id').where('unit_id', '=', actor.unitId).execute();
  return visibleDivisionIds(
    actor,
    all.map((d) => d.id),
  );
}

/**
 * The one visible-divisions filter of the lists: the divisions the actor may see; a filter
 * on a division outside them is 404 (it is not there for this actor), never an empty list.
 */
export async function visibleDivisionsFiltered(db: Db, actor: Actor, divisionId?: string): Promise<string[]> {
  const visible = await memoVisibleDivisions(db, actor);
  if (divisionId && !visible.includes(divisionId)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
  return visible;
}

export function canSeeDivision(actor: Actor, divisionId: string): boolean {
  return visibleDivisionIds(actor, [divisionId]).length === 1;
}

/** Is the actor invited to a meeting whose agenda holds this topic (R3.4 observers see its materials)? */
export async function invitedToTopic(db: Q, actor: Actor, topicId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agenda_items as a')
    .innerJoin('participants as p', 'p.meeting_id', 'a.meeting_id')
    .select('a.id')
    .where('a.unit_id', '=', actor.unitId)
    .where('a.topic_id', '=', topicId)
    .where('p.user_id', '=', actor.userId)
    .executeTakeFirst();
  return !!row;
}

export type TopicRow = Awaited<ReturnType<typeof topicRow>>;
async function topicRow(db: Q, unitId: string, id: string) {
  return db
    .selectFrom('topics as t')
    .innerJoin('divisions as d', 'd.id', 't.division_id')
    .innerJoin('users as u', 'u.id', 't.proposer_id')
    .selectAll('t')
    .select(['d.name as division_name', 'u.display_name as proposer_name'])
    .where('t.unit_id', '=', unitId)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/**
 * The topic if the actor may see it, else NOT_FOUND: members see their division's
 * topics (drafts only their own), leaders per their scope, observers what is on
 * the agenda of a meeting they were invited to.
 */
export async function readableTopic(db: Q, actor: Actor, id: string): Promise<NonNullable<TopicRow>> {
  const row = await topicRow(db, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', '议题不存在或无权查看');
  const own = row.proposer_id === actor.userId;
  if (row.status === 'draft' && !own) throw new AppError('NOT_FOUND', '议题不存在或无权查看');
  if (own || canSeeDivision(actor, row.division_id) || (await invitedToTopic(db, actor, id))) return row;
  throw new AppError('NOT_FOUND', '议题不存在或无权查看');
}

export async function topicDto(db: Q, actor: Actor, row: NonNullable<TopicRow>): Promise<TopicDto> {
  const [attachments, history, delegations] = await Promise.all([
    db
      .selectFrom('attachments as a')
      .innerJoin('users as u', 'u.id', 'a.uploaded_by')
      .select(['a.id', 'a.filename', 'a.file_type', 'a.size', 'a.sha256', 'u.display_name', 'a.created_at'])
      .where('a.topic_id', '=', row.id)
      .where('a.deleted_at', 'is', null)
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('topic_events')
      .select(['at', 'actor_name', 'action', 'note'])
      .where('topic_id', '=', row.id)
      .orderBy('seq')
      .execute(),
    loadDelegations(db, actor.unitId, row.division_id),
  ]);
  const status = row.status as TopicStatus;
  const flags = JSON.parse(row.matter_flags) as MatterFlag[];
  const regime = (await readSettings(db, actor.unitId, 'regime')).value;
  const implied = impliedBy(regime, row.category);
  const abilities = topicAbilities(
    {
      userId: actor.userId,
      approver: holdsPower(actor, row.division_id, delegations, 'approve_topics'),
      isHead: positionIn(actor, row.division_id) === 'head',
    },
    { status, proposerId: row.proposer_id },
  );
  return {
    id: row.id,
    divisionId: row.division_id,
    divisionName: row.division_name,
    proposerId: row.proposer_id,
    proposerName: row.proposer_name,
    title: row.title,
    description: row.description,
    category: row.category,
    matterFlags: flags,
    fundsAmountYuan: row.funds_amount_fen === null ? null : fenToYuan(toNumber(row.funds_amount_fen)),
    important: toNumber(row.important) === 1,
    importantMatter: isImportantMatter({ important: toNumber(row.important) === 1, matterFlags: flags }),
    status,
    returnReason: row.return_reason,
    submittedAt: row.submitted_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    version: toNumber(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      fileType: a.file_type,
      size: toNumber(a.size),
      sha256: a.sha256,
      uploadedBy: a.display_name,
      createdAt: a.created_at,
    })),
    history: history.map((h) => ({ at: h.at, actorName: h.actor_name, action: h.action, note: h.note })),
    implied: { matterFlags: implied.matterFlags, important: implied.important },
    abilities,
  };
}

export async function getTopicDto(db: Q, actor: Actor, id: string): Promise<TopicDto> {
  return topicDto(db, actor, await readableTopic(db, actor, id));
}
