import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { meetingTransition, type MeetingAction, type MeetingStatus } from '../../../core/meetings.js';
import { lock, type Services, type Tx } from '../../platform/services.js';
import { members, peopleNamed, rankFactsOf } from '../org/org.repository.js';
import { compareRank } from '../../../core/org.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { isConvener, readableMeeting, type MeetingRow } from './meetings.repository.js';
import { recordTopicEvent } from '../topics/topic-commands.js';
import { updateVersioned } from '../../platform/db/versioned.js';

/* Checks and small steps shared by the meeting commands. */

/** R3.2 chair: the head or a deputy; R5.2 recorder: the designated one by default. */
export async function resolveRoles(trx: Tx, actor: Actor, divisionId: string, chairId?: string, recorderId?: string) {
  const team = await members(trx, actor.unitId, divisionId);
  const head = team.find((m) => m.position === 'head');
  const chair =
    chairId ?? (team.some((m) => m.user_id === actor.userId && m.position !== 'staff') ? actor.userId : head?.user_id);
  if (!chair || !team.some((m) => m.user_id === chair && m.position !== 'staff')) {
    throw new AppError('VALIDATION_FAILED', '主持人须为本处室主要负责人或副职负责人（R3.2）');
  }
  const recorder = recorderId ?? team.find((m) => Number(m.is_recorder) === 1)?.user_id;
  if (!recorder) throw new AppError('VALIDATION_FAILED', '本处室尚未指定记录人，请先指定或在会议中选择记录人（R5.2）');
  if (!team.some((m) => m.user_id === recorder)) throw new AppError('VALIDATION_FAILED', '记录人须为本处室人员');
  // A chair other than the head is designated by the head (or by the head's delegation).
  let designatedBy: string | null = null;
  if (chair !== head?.user_id) {
    if (actor.userId === head?.user_id) designatedBy = actor.userId;
    else {
      const g = await trx
        .selectFrom('delegations')
        .select('granted_by')
        .where('division_id', '=', divisionId)
        .where('user_id', '=', actor.userId)
        .where('power', '=', 'convene')
        .executeTakeFirst();
      designatedBy = g?.granted_by ?? head?.user_id ?? null;
    }
  }
  return { team, chair, recorder, designatedBy };
}

/** A division meeting studies something: an agenda with no topic is not convened (R1.1, R5.3). */
export async function requireAgenda(trx: Tx, meetingId: string): Promise<void> {
  const one = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!one) throw new AppError('AGENDA_EMPTY');
}

/** Agenda topics must be this division's approved topics not on another agenda. */
export async function checkAgenda(
  s: Services,
  trx: Tx,
  unitId: string,
  divisionId: string,
  topicIds: string[],
  allowScheduledIn?: string,
) {
  if (new Set(topicIds).size !== topicIds.length) throw new AppError('VALIDATION_FAILED', '议程中有重复的议题');
  if (topicIds.length === 0) throw new AppError('AGENDA_EMPTY');
  // A topic is on one open agenda: conveners of the same topic queue on its row (PostgreSQL).
  for (const id of [...topicIds].sort()) await lock(s, trx, 'topics', id);
  const rows = await trx
    .selectFrom('topics')
    .select(['id', 'division_id', 'status', 'title'])
    .where('unit_id', '=', unitId)
    .where('id', 'in', topicIds)
    .execute();
  for (const id of topicIds) {
    const t = rows.find((r) => r.id === id);
    if (!t) throw new AppError('NOT_FOUND', '议题不存在');
    if (t.division_id !== divisionId) throw new AppError('TOPIC_NOT_SCHEDULABLE', `议题“${t.title}”不属于本处室`);
    const onThis =
      allowScheduledIn &&
      t.status === 'scheduled' &&
      (await trx
        .selectFrom('agenda_items')
        .select('id')
        .where('meeting_id', '=', allowScheduledIn)
        .where('topic_id', '=', id)
        .executeTakeFirst());
    if (t.status !== 'approved' && !onThis)
      throw new AppError('TOPIC_NOT_SCHEDULABLE', `议题“${t.title}”尚未通过审核或已列入其他会议议程`);
  }
}

/**
 * R3.4 observers: the division's supervising leader, members of the supervision
 * office, staff of other divisions, or holders of a bureau role the unit's
 * settings allow — never a member of the division itself (they participate).
 */
export async function checkObservers(
  trx: Tx,
  unitId: string,
  divisionId: string,
  teamIds: Set<string>,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const found = await trx
    .selectFrom('users')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) throw new AppError('NOT_FOUND', '列席人员不存在');
  if (unique.some((id) => teamIds.has(id)))
    throw new AppError('VALIDATION_FAILED', '本处室人员是参会人员，不作为列席人员');
  const eligible = await eligibleObservers(trx, unitId, divisionId);
  const refused = unique.filter((id) => !eligible.has(id));
  if (refused.length > 0) {
    const names = await trx.selectFrom('users').select('display_name').where('id', 'in', refused).execute();
    throw new AppError(
      'OBSERVER_NOT_ELIGIBLE',
      `${names.map((n) => n.display_name).join('、')}不属于可列席人员：列席人员须为分管领导、监察室人员或其他处室人员（第 3.4 条）`,
    );
  }
}

/** Everyone who may observe this division's meetings (R3.4), by user id, with why. */
export async function eligibleObservers(
  db: Kysely<Database> | Tx,
  unitId: string,
  divisionId: string,
): Promise<Map<string, 'supervising_leader' | 'supervision_office' | 'other_division' | 'unit_setting'>> {
  const regime = (await readSettings(db, unitId, 'regime')).value;
  const [leaders, members, roles] = await Promise.all([
    db
      .selectFrom('unit_roles as r')
      .innerJoin('unit_role_divisions as rd', 'rd.unit_role_id', 'r.id')
      .select('r.user_id')
      .where('r.unit_id', '=', unitId)
      .where('r.role', '=', 'supervising_leader')
      .where('rd.division_id', '=', divisionId)
      .execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('divisions as d', 'd.id', 'm.division_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'd.kind'])
      .where('m.unit_id', '=', unitId)
      .where('m.division_id', '!=', divisionId)
      .where('d.kind', '!=', 'leadership')
      .where('u.active', '=', 1)
      .execute(),
    regime.observerExtraRoles.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('unit_roles')
          .select('user_id')
          .where('unit_id', '=', unitId)
          .where('role', 'in', regime.observerExtraRoles)
          .execute(),
  ]);
  const out = new Map<string, 'supervising_leader' | 'supervision_office' | 'other_division' | 'unit_setting'>();
  for (const r of roles) out.set(r.user_id, 'unit_setting');
  for (const m of members)
    out.set(m.user_id, m.kind === 'supervision_office' ? 'supervision_office' : 'other_division');
  for (const l of leaders) out.set(l.user_id, 'supervising_leader');
  return out;
}

type ObserverKind = 'supervising_leader' | 'supervision_office' | 'other_division' | 'unit_setting';
/** The picker's groups: the division's 分管领导, 监察室, the leaders a unit setting adds, then the other divisions. */
const OBSERVER_GROUP: Record<ObserverKind, number> = {
  supervising_leader: 0,
  supervision_office: 1,
  unit_setting: 2,
  other_division: 3,
};

/**
 * The picker's list (R3.4, issue 15): everyone eligible, grouped by why, then by the divisions'
 * order and, within a division, in rank order (head, deputies, staff by the admin's sort number).
 */
export async function eligibleObserverList(db: Kysely<Database>, unitId: string, divisionId: string) {
  const eligible = await eligibleObservers(db, unitId, divisionId);
  if (eligible.size === 0) return [];
  const ids = [...eligible.keys()];
  const [people, rankOf] = await Promise.all([peopleNamed(db, unitId, ids), rankFactsOf(db, unitId, divisionId, ids)]);
  // peopleNamed lists by the divisions' sort order: a division's first appearance is its place.
  const divisionPlace = new Map<string | null, number>();
  for (const p of people) if (!divisionPlace.has(p.divisionName)) divisionPlace.set(p.divisionName, divisionPlace.size);
  const rows = people.map((p) => ({ ...p, kind: eligible.get(p.userId) ?? ('other_division' as const) }));
  return rows.sort(
    (a, b) =>
      OBSERVER_GROUP[a.kind] - OBSERVER_GROUP[b.kind] ||
      (divisionPlace.get(a.divisionName) ?? 0) - (divisionPlace.get(b.divisionName) ?? 0) ||
      compareRank(rankOf(a.userId, a.name), rankOf(b.userId, b.name)),
  );
}

export async function setAgenda(trx: Tx, s: Services, actor: Actor, meetingId: string, topicIds: string[]) {
  const old = await trx.selectFrom('agenda_items').select('topic_id').where('meeting_id', '=', meetingId).execute();
  const removed = old.map((o) => o.topic_id).filter((t) => !topicIds.includes(t));
  const added = topicIds.filter((t) => !old.some((o) => o.topic_id === t));
  await trx.deleteFrom('agenda_items').where('meeting_id', '=', meetingId).execute();
  if (topicIds.length > 0) {
    await trx
      .insertInto('agenda_items')
      .values(
        topicIds.map((topicId, i) => ({
          id: randomUUID(),
          unit_id: actor.unitId,
          meeting_id: meetingId,
          topic_id: topicId,
          position: i + 1,
          outcome: null,
        })),
      )
      .execute();
  }
  const now = s.clock.now().toISOString();
  if (removed.length)
    await trx.updateTable('topics').set({ status: 'approved', updated_at: now }).where('id', 'in', removed).execute();
  if (added.length) {
    // Only a topic still in the pool is taken: a concurrent agenda that took it first wins.
    const taken = await trx
      .updateTable('topics')
      .set({ status: 'scheduled', updated_at: now })
      .where('id', 'in', added)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== added.length)
      throw new AppError('TOPIC_NOT_SCHEDULABLE', '议题已被列入其他会议议程，请刷新后重新选择');
  }
  for (const t of removed) await recordTopicEvent(trx, s, actor, t, actor.unitId, 'unscheduled', meetingId);
  for (const t of added) await recordTopicEvent(trx, s, actor, t, actor.unitId, 'scheduled', meetingId);
}

export async function requireConvener(trx: Tx, actor: Actor, row: MeetingRow, alsoChair = false) {
  if (alsoChair && actor.userId === row.chair_id) return;
  if (!(await isConvener(trx, actor, row.division_id)))
    throw new AppError('FORBIDDEN', '只有处室主要负责人或其指定的负责人可以执行此操作');
}

export async function loadForChange(
  trx: Tx,
  actor: Actor,
  id: string,
  version: number | null,
  action: MeetingAction,
  alsoChair = false,
) {
  const { row } = await readableMeeting(trx, actor, id);
  await requireConvener(trx, actor, row, alsoChair);
  if (version !== null && Number(row.version) !== version) throw new AppError('CONFLICT');
  const next = meetingTransition(row.status as MeetingStatus, action);
  return { row, next };
}

export async function bump(trx: Tx, s: Services, row: MeetingRow, set: Record<string, string | number | null>) {
  await updateVersioned(
    trx,
    'meetings',
    { id: row.id, version: Number(row.version) },
    { ...set, updated_at: s.clock.now().toISOString() },
  );
}

export async function everyone(trx: Tx, meetingId: string): Promise<string[]> {
  return (await trx.selectFrom('participants').select('user_id').where('meeting_id', '=', meetingId).execute()).map(
    (p) => p.user_id,
  );
}

export async function agendaText(trx: Tx, meetingId: string): Promise<string> {
  const items = await trx
    .selectFrom('agenda_items as a')
    .innerJoin('topics as t', 't.id', 'a.topic_id')
    .select(['a.position', 't.title'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .execute();
  return items.map((i) => `${i.position}. ${i.title}`).join('\n') || '（暂无议题）';
}

/**
 * A (re-)notice asks every participant to read it again, except whoever sends it:
 * their own notice counts as read (no 会议通知未阅 to the convener himself).
 */
export async function resetReceipts(trx: Tx, meetingId: string, senderId: string, at: string): Promise<void> {
  await trx.updateTable('participants').set({ notice_read_at: null }).where('meeting_id', '=', meetingId).execute();
  await trx
    .updateTable('participants')
    .set({ notice_read_at: at })
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', senderId)
    .execute();
}
