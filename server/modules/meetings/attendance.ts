import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import {
  CHECKIN_WINDOW_SECONDS,
  checkinWindow,
  LATE_AFTER_MINUTES,
  meetingTransition,
  type MeetingStatus,
} from '../../../core/meetings.js';
import { audit, auditBy, inTransaction, lock, type Services } from '../../platform/services.js';
import { getMeetingDto, isConvener, readableMeeting, type MeetingRow } from './meetings.repository.js';
import { notify, settleNotices } from '../notices/notices.js';
import { canDecideLeave, leaveDecider } from '../../../core/policies/meeting.js';

/** R3.7: a participant asks for leave, with a reason, before the meeting starts. */
export async function requestLeave(
  s: Services,
  actor: Actor,
  meetingId: string,
  reason: string,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row, myRole } = await readableMeeting(trx, actor, meetingId);
    if (myRole !== 'participant') throw new AppError('NOT_A_PARTICIPANT', '只有本处室参会人员需要请假');
    // The chair runs the meeting: he designates another chair or moves it rather than ask leave (R3.2, R3.7).
    if (actor.userId === row.chair_id) throw new AppError('LEAVE_NOT_FOR_HOST');
    await lock(s, trx, 'meetings', meetingId);
    meetingTransition(row.status as MeetingStatus, 'request_leave');
    if (s.clock.now() >= new Date(row.starts_at)) throw new AppError('LEAVE_TOO_LATE');
    const open = await trx
      .selectFrom('leave_requests')
      .select('status')
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', actor.userId)
      .where('status', '!=', 'rejected')
      .executeTakeFirst();
    if (open)
      throw new AppError('ALREADY_EXISTS', open.status === 'approved' ? '请假已获批准' : '已提交请假申请，等待审批');
    const id = randomUUID();
    await trx
      .insertInto('leave_requests')
      .values({
        id,
        unit_id: actor.unitId,
        meeting_id: meetingId,
        user_id: actor.userId,
        reason,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        created_at: s.clock.now().toISOString(),
      })
      .execute();
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: [await leaveDeciderOf(trx, row, actor.userId)],
      kind: 'leave.requested',
      subjectType: 'meeting',
      subjectId: meetingId,
      title: `请假申请：${actor.displayName}`,
      body: `${row.title}\n理由：${reason}`,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.leave_request',
      subjectType: 'meeting',
      subjectId: meetingId,
      data: { leaveId: id, reason },
    });
    return getMeetingDto(trx, actor, meetingId, s.clock.now());
  });
}

/** The head of the meeting's division, if any. */
async function headOf(trx: Parameters<typeof readableMeeting>[0], divisionId: string): Promise<string | null> {
  const head = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('division_id', '=', divisionId)
    .where('position', '=', 'head')
    .executeTakeFirst();
  return head?.user_id ?? null;
}

/** The head decides leave; when the head asks, the chair does (R3.7). */
async function leaveDeciderOf(
  trx: Parameters<typeof readableMeeting>[0],
  row: MeetingRow,
  requester: string,
): Promise<string> {
  const decider = leaveDecider({ headId: await headOf(trx, row.division_id), chairId: row.chair_id }, requester);
  if (!decider) throw new AppError('VALIDATION_FAILED', '主持人本人请假，请先指定其他负责人主持会议');
  return decider;
}

/**
 * R3.7: the head (for the head's own request, the chair) decides — before the
 * meeting, and a request still pending at the start until the meeting closes;
 * the decision time is recorded.
 */
export async function decideLeave(
  s: Services,
  actor: Actor,
  meetingId: string,
  leaveId: string,
  approve: boolean,
  note: string | undefined,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row } = await readableMeeting(trx, actor, meetingId);
    const leave = await trx
      .selectFrom('leave_requests')
      .selectAll()
      .where('id', '=', leaveId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!leave) throw new AppError('NOT_FOUND', '请假申请不存在');
    const facts = {
      headId: await headOf(trx, row.division_id),
      chairId: row.chair_id,
      status: row.status as MeetingStatus,
    };
    const request = { userId: leave.user_id, status: leave.status as 'pending' | 'approved' | 'rejected' };
    if (!canDecideLeave(actor.userId, facts, request)) {
      if (leaveDecider(facts, leave.user_id) !== actor.userId)
        throw new AppError('FORBIDDEN', '请假由处室主要负责人审批；主要负责人请假由主持人审批');
      if (leave.status !== 'pending') throw new AppError('INVALID_TRANSITION', '该请假申请已处理');
      throw new AppError('INVALID_TRANSITION', '会议已结束，不能再审批请假');
    }
    const decided = await trx
      .updateTable('leave_requests')
      .set({
        status: approve ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: s.clock.now().toISOString(),
        decision_note: note ?? null,
      })
      .where('id', '=', leaveId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', '该请假申请已处理');
    const stillOpen = await trx
      .selectFrom('leave_requests')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    // The decider's to-do is done once no request of this meeting waits.
    if (!stillOpen)
      await settleNotices(s, trx, { subjectType: 'meeting', subjectId: meetingId, kinds: ['leave.requested'] });
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: [leave.user_id],
      kind: approve ? 'leave.approved' : 'leave.rejected',
      subjectType: 'meeting',
      subjectId: meetingId,
      title: `${approve ? '请假已批准' : '请假未批准'}：${row.title}`,
      body: note ? `审批意见：${note}` : '',
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: approve ? 'meeting.leave_approve' : 'meeting.leave_reject',
      subjectType: 'meeting',
      subjectId: meetingId,
      data: { leaveId, userId: leave.user_id, note: note ?? null, meetingStatus: row.status },
    });
    return getMeetingDto(trx, actor, meetingId, s.clock.now());
  });
}

/** The chair or recorder marks people present or late during the session. */
export async function markAttendance(
  s: Services,
  actor: Actor,
  meetingId: string,
  marks: Array<{ userId: string; attendance: 'present' | 'late' }>,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row } = await readableMeeting(trx, actor, meetingId);
    if (
      actor.userId !== row.chair_id &&
      actor.userId !== row.recorder_id &&
      !(await isConvener(trx, actor, row.division_id))
    ) {
      throw new AppError('FORBIDDEN', '只有主持人或记录人可以登记出席情况');
    }
    meetingTransition(row.status as MeetingStatus, 'mark_attendance');
    for (const m of marks) {
      const res = await trx
        .updateTable('participants')
        .set({ attendance: m.attendance, marked_by: actor.userId })
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', m.userId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', '该人员不是本次会议的参会或列席人员');
    }
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.attendance',
      subjectType: 'meeting',
      subjectId: meetingId,
      data: { marks },
    });
    return getMeetingDto(trx, actor, meetingId, s.clock.now());
  });
}

function tokenFor(secret: string, meetingId: string, window: number): string {
  return createHmac('sha256', secret).update(`${meetingId}:${window}`).digest('base64url').slice(0, 24);
}

/** A scan may be honoured this long after it happened, so a phone without a session can log in first. */
export const CHECKIN_TICKET_SECONDS = 15 * 60;

function validToken(row: Pick<MeetingRow, 'id' | 'checkin_secret'>, token: string, now: Date): boolean {
  const w = checkinWindow(now);
  return [w, w - 1].some((win) => {
    const expected = Buffer.from(tokenFor(row.checkin_secret, row.id, win));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function ticketSignature(secret: string, meetingId: string, scannedAt: number): string {
  return createHmac('sha256', secret).update(`ticket:${meetingId}:${scannedAt}`).digest('base64url');
}

/**
 * Someone scans the room's QR code before logging in (a phone in a meeting room
 * rarely has a session): while the token is fresh it is exchanged for a ticket
 * naming the moment of the scan; after login the ticket checks them in — the
 * time of the scan counts, not the time of the login.
 */
export async function checkinTicket(s: Services, meetingId: string, token: string): Promise<{ ticket: string }> {
  const row = await s.db.kysely
    .selectFrom('meetings')
    .select(['id', 'checkin_secret', 'status'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  const now = s.clock.now();
  if (!row || row.status !== 'in_session' || !validToken(row, token, now)) throw new AppError('CHECKIN_TOKEN_INVALID');
  const scannedAt = Math.floor(now.getTime() / 1000);
  return { ticket: `${scannedAt}.${ticketSignature(row.checkin_secret, row.id, scannedAt)}` };
}

/** The moment a ticket says the QR code was scanned, if the ticket is this meeting's and still fresh. */
function ticketTime(row: Pick<MeetingRow, 'id' | 'checkin_secret'>, ticket: string, now: Date): Date | null {
  const [at, sig] = ticket.split('.');
  const scannedAt = Number(at);
  if (!Number.isInteger(scannedAt) || !sig) return null;
  const expected = Buffer.from(ticketSignature(row.checkin_secret, row.id, scannedAt));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const age = now.getTime() / 1000 - scannedAt;
  return age >= 0 && age <= CHECKIN_TICKET_SECONDS ? new Date(scannedAt * 1000) : null;
}

/** The rotating token shown as a QR code on the meeting screen (changes every 30 s). */
export async function checkinToken(
  s: Services,
  actor: Actor,
  meetingId: string,
): Promise<{ token: string; url: string; validForSeconds: number }> {
  const { row } = await readableMeeting(s.db.kysely, actor, meetingId);
  if (
    actor.userId !== row.chair_id &&
    actor.userId !== row.recorder_id &&
    !(await isConvener(s.db.kysely, actor, row.division_id))
  )
    throw new AppError('FORBIDDEN');
  meetingTransition(row.status as MeetingStatus, 'check_in');
  if (row.backfill_at)
    throw new AppError('INVALID_TRANSITION', '补录的会议已在线下召开，不扫码签到，请由记录人登记出席情况');
  const now = s.clock.now();
  const token = tokenFor(row.checkin_secret, row.id, checkinWindow(now));
  const elapsed = Math.floor(now.getTime() / 1000) % CHECKIN_WINDOW_SECONDS;
  return {
    token,
    url: `${s.config.publicUrl}/checkin/${row.id}?t=${token}`,
    validForSeconds: CHECKIN_WINDOW_SECONDS - elapsed,
  };
}

/**
 * Check-in by QR: valid for the current and the previous 30-second window, only
 * for this meeting's participants and observers; a second check-in changes nothing.
 */
export async function checkIn(
  s: Services,
  actor: Actor,
  meetingId: string,
  proof: { token: string } | { ticket: string },
  ip: string | null,
): Promise<{ attendance: string; checkedInAt: string; already: boolean }> {
  return inTransaction(s, async (trx) => {
    const { row, myRole } = await readableMeeting(trx, actor, meetingId);
    if (!myRole) throw new AppError('NOT_A_PARTICIPANT');
    meetingTransition(row.status as MeetingStatus, 'check_in');
    if (row.backfill_at)
      throw new AppError('INVALID_TRANSITION', '补录的会议已在线下召开，不扫码签到，请由记录人登记出席情况');
    // With a ticket, the scan's moment is the check-in's: late or not is judged by it.
    const now =
      'ticket' in proof
        ? ticketTime(row, proof.ticket, s.clock.now())
        : validToken(row, proof.token, s.clock.now())
          ? s.clock.now()
          : null;
    if (!now) throw new AppError('CHECKIN_TOKEN_INVALID');
    const me = await trx
      .selectFrom('participants')
      .select(['attendance', 'checked_in_at'])
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (me.checked_in_at || me.attendance === 'present' || me.attendance === 'late') {
      return {
        attendance: me.attendance ?? 'present',
        checkedInAt: me.checked_in_at ?? now.toISOString(),
        already: true,
      };
    }
    const late = now.getTime() > new Date(row.starts_at).getTime() + LATE_AFTER_MINUTES * 60_000;
    const attendance = late ? 'late' : 'present';
    await trx
      .updateTable('participants')
      .set({ attendance, checked_in_at: now.toISOString(), marked_by: actor.userId })
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', actor.userId)
      .execute();
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.check_in',
      subjectType: 'meeting',
      subjectId: meetingId,
      data: { attendance },
    });
    return { attendance, checkedInAt: now.toISOString(), already: false };
  });
}

/** Opening the meeting page counts as reading its notice (R2.3 read receipt). */
export async function markNoticeRead(s: Services, actor: Actor, meetingId: string): Promise<void> {
  const now = s.clock.now().toISOString();
  await s.db.kysely
    .updateTable('participants')
    .set({ notice_read_at: now })
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', actor.userId)
    .where('notice_read_at', 'is', null)
    .execute();
  await s.db.kysely
    .updateTable('notices')
    .set({ read_at: now })
    .where('user_id', '=', actor.userId)
    .where('subject_type', '=', 'meeting')
    .where('subject_id', '=', meetingId)
    .where('read_at', 'is', null)
    .execute();
}
