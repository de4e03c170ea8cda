import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import { finalAttendance, meetingTransition, type Attendance, type MeetingStatus } from '../../../core/meetings.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { formatTime } from './format.js';
import { getMeetingDto, isConvener, readableMeeting } from './meetings.repository.js';
import { recordTopicEvent } from '../topics/topic-commands.js';
import { notify } from '../notices/notices.js';
import { emit } from '../../platform/events.js';
import { agendaText, bump, everyone, loadForChange, requireAgenda, resetReceipts } from './meeting-rules.js';
import { asRecordEntries, attendeesOf, loadRecord } from './record.repository.js';
import { entryProblems, MEETING_DECIDES, refuseIncomplete } from '../../../core/record.js';
import { isBackfill, requirePaperMinutes } from './backfill.js';

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
    if (isBackfill(row)) throw new AppError('INVALID_TRANSITION', '补录的会议已在线下召开，不发会议通知');
    await bump(trx, s, row, { status: next, notified_at: s.clock.now().toISOString() });
    await resetReceipts(trx, row.id, actor.userId, s.clock.now().toISOString());
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: (await everyone(trx, row.id)).filter((u) => u !== actor.userId),
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
    await requireAgenda(trx, row.id);
    requirePaperMinutes(row);
    // R3.5: a backfill took place on its paper date, not on the day it is entered.
    const startedAt = isBackfill(row) ? row.starts_at : s.clock.now().toISOString();
    await bump(trx, s, row, { status: next, started_at: startedAt });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.start',
      subjectType: 'meeting',
      subjectId: row.id,
      data: { startedAt, backfill: isBackfill(row) },
    });
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
    requirePaperMinutes(row);
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
      .selectFrom('agenda_items as a')
      .innerJoin('topics as t', 't.id', 'a.topic_id')
      .select(['a.id', 'a.topic_id', 'a.outcome', 't.title'])
      .where('a.meeting_id', '=', row.id)
      .execute();
    // R5.3: every topic is recorded, or marked not discussed or deferred.
    const open = items.filter((it) => !it.outcome);
    if (open.length > 0) {
      throw new AppError(
        'RECORD_INCOMPLETE',
        `以下议题尚未记录，也未标记为未研究或暂缓：${open.map((it) => it.title).join('、')}`,
      );
    }
    // R5.3 / R6.1 / R4.1: each recorded topic has its discussion, every present
    // participant's stance, and — for larger matters — a decision of the meeting.
    const attendees = await attendeesOf(trx, row.id);
    refuseIncomplete(
      asRecordEntries(await loadRecord(trx, row.id)).map((e) => ({
        title: e.topicTitle,
        problems: entryProblems(e, attendees, MEETING_DECIDES),
      })),
    );
    for (const it of items) {
      const discussed = it.outcome === 'discussed';
      await trx
        .updateTable('topics')
        .set({ status: discussed ? 'decided' : 'approved', updated_at: now })
        .where('id', '=', it.topic_id)
        .execute();
      await recordTopicEvent(trx, s, actor, it.topic_id, actor.unitId, discussed ? 'discussed' : 'deferred', row.id);
    }
    await bump(trx, s, row, { status: next, closed_at: now });
    // R5.8–R5.10: the clock for distributing the minutes runs from the meeting's day.
    await emit(s, trx, 'meeting.closed', { meetingId: row.id });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.close',
      subjectType: 'meeting',
      subjectId: row.id,
      data: { absentWithoutLeave: absent, backfill: isBackfill(row) },
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
