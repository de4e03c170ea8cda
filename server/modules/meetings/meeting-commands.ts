import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MeetingDto } from '../../../core/contracts-topics.js';
import {
  defaultMeetingTitle,
  finalAttendance,
  meetingTransition,
  type Attendance,
  type MeetingAction,
  type MeetingKind,
  type MeetingStatus,
} from '../../../core/meetings.js';
import { audit, auditBy, inTransaction, type Services, type Tx } from '../../platform/services.js';
import { formatTime } from './format.js';
import { getMeetingDto, isConvener, readableMeeting, type MeetingRow } from './meetings.repository.js';
import { canSeeDivision } from '../topics/topics.repository.js';
import { recordTopicEvent } from '../topics/topic-commands.js';
import { notify } from '../notices/notices.js';

export interface MeetingInput {
  divisionId: string;
  kind: MeetingKind;
  title?: string | undefined;
  startsAt: string;
  place: string;
  chairId?: string | undefined;
  recorderId?: string | undefined;
  agenda: string[];
  observerIds?: string[] | undefined;
}

async function members(trx: Tx, unitId: string, divisionId: string) {
  return trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.position', 'm.is_recorder', 'u.display_name'])
    .where('m.unit_id', '=', unitId)
    .where('m.division_id', '=', divisionId)
    .where('u.active', '=', 1)
    .execute();
}

/** R3.2 chair: the head or a deputy; R5.2 recorder: the designated one by default. */
async function resolveRoles(trx: Tx, actor: Actor, divisionId: string, chairId?: string, recorderId?: string) {
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

/** Agenda topics must be this division's approved topics not on another agenda. */
async function checkAgenda(trx: Tx, unitId: string, divisionId: string, topicIds: string[], allowScheduledIn?: string) {
  if (new Set(topicIds).size !== topicIds.length) throw new AppError('VALIDATION_FAILED', '议程中有重复的议题');
  if (topicIds.length === 0) return;
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

/** R3.4 observers: anyone active in the unit who is not a member of the division. */
async function checkObservers(trx: Tx, unitId: string, teamIds: Set<string>, ids: string[]) {
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom('users')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .where('id', 'in', ids)
    .execute();
  if (found.length !== new Set(ids).size) throw new AppError('NOT_FOUND', '列席人员不存在');
  if (ids.some((id) => teamIds.has(id)))
    throw new AppError('VALIDATION_FAILED', '本处室人员是参会人员，不作为列席人员');
}

async function setAgenda(trx: Tx, s: Services, actor: Actor, meetingId: string, topicIds: string[]) {
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
  if (added.length)
    await trx.updateTable('topics').set({ status: 'scheduled', updated_at: now }).where('id', 'in', added).execute();
  for (const t of removed) await recordTopicEvent(trx, s, actor, t, actor.unitId, 'unscheduled', meetingId);
  for (const t of added) await recordTopicEvent(trx, s, actor, t, actor.unitId, 'scheduled', meetingId);
}

/** The head, or a deputy authorised to convene, calls a meeting (R3.1, R3.2, R3.6). */
export async function createMeeting(
  s: Services,
  actor: Actor,
  input: MeetingInput,
  ip: string | null,
): Promise<MeetingDto> {
  if (!canSeeDivision(actor, input.divisionId)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
  return inTransaction(s, async (trx) => {
    if (!(await isConvener(trx, actor, input.divisionId)))
      throw new AppError('FORBIDDEN', '只有处室主要负责人或其指定的负责人可以召集处务会（R3.2）');
    const { team, chair, recorder, designatedBy } = await resolveRoles(
      trx,
      actor,
      input.divisionId,
      input.chairId,
      input.recorderId,
    );
    await checkAgenda(trx, actor.unitId, input.divisionId, input.agenda);
    const teamIds = new Set(team.map((m) => m.user_id));
    const observers = [...new Set(input.observerIds ?? [])];
    await checkObservers(trx, actor.unitId, teamIds, observers);
    const division = await trx
      .selectFrom('divisions')
      .select('name')
      .where('id', '=', input.divisionId)
      .executeTakeFirstOrThrow();
    const id = randomUUID();
    const now = s.clock.now().toISOString();
    const startsAt = new Date(input.startsAt);
    await trx
      .insertInto('meetings')
      .values({
        id,
        unit_id: actor.unitId,
        division_id: input.divisionId,
        kind: input.kind,
        title: input.title ?? defaultMeetingTitle(division.name, startsAt, input.kind),
        starts_at: startsAt.toISOString(),
        place: input.place,
        chair_id: chair,
        recorder_id: recorder,
        convened_by: actor.userId,
        chair_designated_by: designatedBy,
        status: 'planned',
        cancel_reason: null,
        notified_at: null,
        started_at: null,
        closed_at: null,
        checkin_secret: randomBytes(32).toString('hex'),
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // R3.3: normally all staff of the division attend.
    await trx
      .insertInto('participants')
      .values([
        ...[...teamIds].map((userId) => ({
          id: randomUUID(),
          unit_id: actor.unitId,
          meeting_id: id,
          user_id: userId,
          role: 'participant',
          attendance: null,
          checked_in_at: null,
          marked_by: null,
          notice_read_at: null,
        })),
        ...observers.map((userId) => ({
          id: randomUUID(),
          unit_id: actor.unitId,
          meeting_id: id,
          user_id: userId,
          role: 'observer',
          attendance: null,
          checked_in_at: null,
          marked_by: null,
          notice_read_at: null,
        })),
      ])
      .execute();
    await setAgenda(trx, s, actor, id, input.agenda);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.create',
      subjectType: 'meeting',
      subjectId: id,
      data: {
        divisionId: input.divisionId,
        kind: input.kind,
        startsAt: startsAt.toISOString(),
        chair,
        recorder,
        designatedBy,
        agenda: input.agenda,
        observers,
      },
    });
    return getMeetingDto(trx, actor, id, s.clock.now());
  });
}

export interface MeetingUpdate {
  version: number;
  title?: string | undefined;
  startsAt?: string | undefined;
  place?: string | undefined;
  chairId?: string | undefined;
  recorderId?: string | undefined;
  agenda?: string[] | undefined;
  observerIds?: string[] | undefined;
}

async function requireConvener(trx: Tx, actor: Actor, row: MeetingRow, alsoChair = false) {
  if (alsoChair && actor.userId === row.chair_id) return;
  if (!(await isConvener(trx, actor, row.division_id)))
    throw new AppError('FORBIDDEN', '只有处室主要负责人或其指定的负责人可以执行此操作');
}

async function loadForChange(
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

async function bump(trx: Tx, s: Services, row: MeetingRow, set: Record<string, string | null>) {
  const res = await trx
    .updateTable('meetings')
    .set({ ...set, version: Number(row.version) + 1, updated_at: s.clock.now().toISOString() })
    .where('id', '=', row.id)
    .where('version', '=', Number(row.version))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
}

async function everyone(trx: Tx, meetingId: string): Promise<string[]> {
  return (await trx.selectFrom('participants').select('user_id').where('meeting_id', '=', meetingId).execute()).map(
    (p) => p.user_id,
  );
}

async function agendaText(trx: Tx, meetingId: string): Promise<string> {
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
 * Changes before the session. Once notified, every change of time, place,
 * chair, recorder, agenda or observers is recorded and re-notified, and the
 * read receipts start over (R2.3).
 */
export async function updateMeeting(
  s: Services,
  actor: Actor,
  id: string,
  u: MeetingUpdate,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row } = await loadForChange(trx, actor, id, u.version, 'edit');
    const { team, chair, recorder } = await resolveRoles(
      trx,
      actor,
      row.division_id,
      u.chairId ?? row.chair_id,
      u.recorderId ?? row.recorder_id,
    );
    const changes: Array<{ field: string; before: string | null; after: string | null }> = [];
    const set: Record<string, string | null> = {};
    const track = (
      field: string,
      column: string,
      before: string,
      after: string | undefined,
      show: (v: string) => string = (v) => v,
    ) => {
      if (after === undefined || after === before) return;
      set[column] = after;
      changes.push({ field, before: show(before), after: show(after) });
    };
    const names = new Map(team.map((m) => [m.user_id, m.display_name]));
    track('title', 'title', row.title, u.title);
    track(
      'startsAt',
      'starts_at',
      row.starts_at,
      u.startsAt === undefined ? undefined : new Date(u.startsAt).toISOString(),
      formatTime,
    );
    track('place', 'place', row.place, u.place);
    track('chair', 'chair_id', row.chair_id, chair, (v) => names.get(v) ?? v);
    track('recorder', 'recorder_id', row.recorder_id, recorder, (v) => names.get(v) ?? v);
    if (u.agenda) {
      await checkAgenda(trx, actor.unitId, row.division_id, u.agenda, row.id);
      const before = await agendaText(trx, row.id);
      await setAgenda(trx, s, actor, row.id, u.agenda);
      const after = await agendaText(trx, row.id);
      if (before !== after) changes.push({ field: 'agenda', before, after });
    }
    if (u.observerIds) {
      const wanted = [...new Set(u.observerIds)];
      await checkObservers(trx, actor.unitId, new Set(team.map((m) => m.user_id)), wanted);
      const current = (
        await trx
          .selectFrom('participants')
          .select('user_id')
          .where('meeting_id', '=', row.id)
          .where('role', '=', 'observer')
          .execute()
      ).map((p) => p.user_id);
      const gone = current.filter((x) => !wanted.includes(x));
      const added = wanted.filter((x) => !current.includes(x));
      if (gone.length)
        await trx.deleteFrom('participants').where('meeting_id', '=', row.id).where('user_id', 'in', gone).execute();
      if (added.length) {
        await trx
          .insertInto('participants')
          .values(
            added.map((userId) => ({
              id: randomUUID(),
              unit_id: actor.unitId,
              meeting_id: row.id,
              user_id: userId,
              role: 'observer',
              attendance: null,
              checked_in_at: null,
              marked_by: null,
              notice_read_at: null,
            })),
          )
          .execute();
      }
      if (gone.length || added.length)
        changes.push({ field: 'observers', before: String(current.length), after: String(wanted.length) });
    }
    await bump(trx, s, row, set);
    if (row.status === 'notified' && changes.length > 0) {
      const now = s.clock.now().toISOString();
      await trx
        .insertInto('meeting_changes')
        .values(
          changes.map((c) => ({
            id: randomUUID(),
            unit_id: actor.unitId,
            meeting_id: row.id,
            at: now,
            actor_id: actor.userId,
            ...c,
          })),
        )
        .execute();
      await trx.updateTable('participants').set({ notice_read_at: null }).where('meeting_id', '=', row.id).execute();
      const labels: Record<string, string> = {
        title: '会议名称',
        startsAt: '时间',
        place: '地点',
        chair: '主持人',
        recorder: '记录人',
        agenda: '议程',
        observers: '列席人员',
      };
      await notify(s, trx, {
        unitId: actor.unitId,
        userIds: await everyone(trx, row.id),
        kind: 'meeting.changed',
        subjectType: 'meeting',
        subjectId: row.id,
        title: `会议变更：${set.title ?? row.title}`,
        body: changes.map((c) => `${labels[c.field] ?? c.field}：${c.before ?? ''} → ${c.after ?? ''}`).join('\n'),
      });
    }
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.update',
      subjectType: 'meeting',
      subjectId: row.id,
      data: { changes },
    });
    return getMeetingDto(trx, actor, row.id, s.clock.now());
  });
}

/** R2.3: the notice with agenda and materials goes to participants and observers. */
export async function notifyMeeting(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row, next } = await loadForChange(trx, actor, id, version, 'notify');
    await bump(trx, s, row, { status: next, notified_at: s.clock.now().toISOString() });
    await trx.updateTable('participants').set({ notice_read_at: null }).where('meeting_id', '=', row.id).execute();
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: await everyone(trx, row.id),
      kind: 'meeting.notice',
      subjectType: 'meeting',
      subjectId: row.id,
      title: `会议通知：${row.title}`,
      body: `时间：${formatTime(row.starts_at)}\n地点：${row.place}\n议程：\n${await agendaText(trx, row.id)}\n会议材料请在会议页面查阅。`,
    });
    await audit(s, trx, { ...auditBy(actor, ip), action: 'meeting.notify', subjectType: 'meeting', subjectId: row.id });
    return getMeetingDto(trx, actor, row.id, s.clock.now());
  });
}

export async function startMeeting(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row, next } = await loadForChange(trx, actor, id, version, 'start', true);
    await bump(trx, s, row, { status: next, started_at: s.clock.now().toISOString() });
    await audit(s, trx, { ...auditBy(actor, ip), action: 'meeting.start', subjectType: 'meeting', subjectId: row.id });
    return getMeetingDto(trx, actor, row.id, s.clock.now());
  });
}

/**
 * Closing settles attendance (R3.7: present, late, on leave, or absent without
 * leave, flagged) and the agenda: discussed topics are decided, the others go
 * back to the pool with their history.
 */
export async function closeMeeting(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row, next } = await loadForChange(trx, actor, id, version, 'close', true);
    const now = s.clock.now().toISOString();
    const people = await trx
      .selectFrom('participants')
      .select(['id', 'user_id', 'role', 'attendance'])
      .where('meeting_id', '=', row.id)
      .execute();
    const approved = new Set(
      (
        await trx
          .selectFrom('leave_requests')
          .select('user_id')
          .where('meeting_id', '=', row.id)
          .where('status', '=', 'approved')
          .execute()
      ).map((l) => l.user_id),
    );
    const absent: string[] = [];
    for (const p of people) {
      if (p.role !== 'participant') continue;
      const final: Attendance = finalAttendance({
        role: 'participant',
        attendance: (p.attendance as Attendance | null) ?? null,
        leaveApproved: approved.has(p.user_id),
      });
      if (final !== p.attendance)
        await trx.updateTable('participants').set({ attendance: final }).where('id', '=', p.id).execute();
      if (final === 'absent') absent.push(p.user_id);
    }
    const items = await trx
      .selectFrom('agenda_items')
      .select(['id', 'topic_id', 'outcome'])
      .where('meeting_id', '=', row.id)
      .execute();
    for (const it of items) {
      const discussed = it.outcome === 'discussed';
      if (!it.outcome)
        await trx.updateTable('agenda_items').set({ outcome: 'not_discussed' }).where('id', '=', it.id).execute();
      await trx
        .updateTable('topics')
        .set({ status: discussed ? 'decided' : 'approved', updated_at: now })
        .where('id', '=', it.topic_id)
        .execute();
      await recordTopicEvent(trx, s, actor, it.topic_id, actor.unitId, discussed ? 'discussed' : 'deferred', row.id);
    }
    await bump(trx, s, row, { status: next, closed_at: now });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.close',
      subjectType: 'meeting',
      subjectId: row.id,
      data: { absentWithoutLeave: absent },
    });
    return getMeetingDto(trx, actor, row.id, s.clock.now());
  });
}

export async function cancelMeeting(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  reason: string,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row, next } = await loadForChange(trx, actor, id, version, 'cancel');
    const topics = (
      await trx.selectFrom('agenda_items').select('topic_id').where('meeting_id', '=', row.id).execute()
    ).map((t) => t.topic_id);
    if (topics.length)
      await trx
        .updateTable('topics')
        .set({ status: 'approved', updated_at: s.clock.now().toISOString() })
        .where('id', 'in', topics)
        .execute();
    for (const t of topics) await recordTopicEvent(trx, s, actor, t, actor.unitId, 'unscheduled', row.id);
    await bump(trx, s, row, { status: next, cancel_reason: reason });
    if (row.status === 'notified') {
      await notify(s, trx, {
        unitId: actor.unitId,
        userIds: await everyone(trx, row.id),
        kind: 'meeting.cancelled',
        subjectType: 'meeting',
        subjectId: row.id,
        title: `会议取消：${row.title}`,
        body: `取消原因：${reason}`,
      });
    }
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.cancel',
      subjectType: 'meeting',
      subjectId: row.id,
      data: { reason },
    });
    return getMeetingDto(trx, actor, row.id, s.clock.now());
  });
}

/** During the session the chair or recorder notes whether each topic was discussed or deferred. */
export async function setAgendaOutcome(
  s: Services,
  actor: Actor,
  id: string,
  topicId: string,
  outcome: string,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row } = await readableMeeting(trx, actor, id);
    if (
      actor.userId !== row.chair_id &&
      actor.userId !== row.recorder_id &&
      !(await isConvener(trx, actor, row.division_id))
    )
      throw new AppError('FORBIDDEN');
    meetingTransition(row.status as MeetingStatus, 'mark_attendance'); // in session only
    const res = await trx
      .updateTable('agenda_items')
      .set({ outcome })
      .where('meeting_id', '=', row.id)
      .where('topic_id', '=', topicId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', '该议题不在本次会议议程中');
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.agenda_outcome',
      subjectType: 'meeting',
      subjectId: row.id,
      data: { topicId, outcome },
    });
    return getMeetingDto(trx, actor, row.id, s.clock.now());
  });
}
