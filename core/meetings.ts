import { AppError } from './errors.js';
import { shanghaiDay } from './shanghai-time.js';

/**
 * A meeting's life (§3): planned → notified (agenda and materials circulated,
 * R2.3) → in_session → closed; cancelled with a reason before it starts. The
 * agenda is fixed once the session starts.
 */
export const MEETING_STATUSES = ['planned', 'notified', 'in_session', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: '筹备中',
  notified: '已通知',
  in_session: '进行中',
  closed: '已结束',
  cancelled: '已取消',
};

export const MEETING_KINDS = ['regular', 'urgent'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { regular: '例会', urgent: '临时会议' };

export type MeetingAction =
  'edit' | 'notify' | 'start' | 'close' | 'cancel' | 'request_leave' | 'mark_attendance' | 'check_in';

const ALLOWED: Record<MeetingAction, readonly MeetingStatus[]> = {
  edit: ['planned', 'notified'],
  notify: ['planned', 'notified'],
  start: ['planned', 'notified'],
  close: ['in_session'],
  cancel: ['planned', 'notified'],
  request_leave: ['planned', 'notified'],
  mark_attendance: ['in_session'],
  check_in: ['in_session'],
};

const NEXT: Partial<Record<MeetingAction, MeetingStatus>> = {
  notify: 'notified',
  start: 'in_session',
  close: 'closed',
  cancel: 'cancelled',
};

export function meetingTransition(status: MeetingStatus, action: MeetingAction): MeetingStatus {
  if (!ALLOWED[action].includes(status)) {
    throw new AppError('INVALID_TRANSITION', `会议当前状态为“${MEETING_STATUS_LABELS[status]}”，不能执行此操作`);
  }
  return NEXT[action] ?? status;
}

export function meetingAllows(status: MeetingStatus, action: MeetingAction): boolean {
  return ALLOWED[action].includes(status);
}

export const ATTENDANCE = ['present', 'late', 'leave', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  present: '出席',
  late: '迟到',
  leave: '请假',
  absent: '缺席（未请假）',
};

export interface AttendanceRow {
  role: 'participant' | 'observer';
  attendance: Attendance | null;
  leaveApproved: boolean;
}

/**
 * R3.7: at close everyone expected is present, late, on approved leave, or
 * absent without leave — the last is flagged.
 */
export function finalAttendance(r: AttendanceRow): Attendance {
  if (r.attendance === 'present' || r.attendance === 'late') return r.attendance;
  return r.leaveApproved ? 'leave' : 'absent';
}

/** 应到 / 实到 / 请假 / 缺席 / 列席. */
export function attendanceCounts(rows: readonly AttendanceRow[]): {
  expected: number;
  present: number;
  leave: number;
  absent: number;
  observers: number;
} {
  const participants = rows.filter((r) => r.role === 'participant');
  const finals = participants.map(finalAttendance);
  return {
    expected: participants.length,
    present: finals.filter((a) => a === 'present' || a === 'late').length,
    leave: finals.filter((a) => a === 'leave').length,
    absent: finals.filter((a) => a === 'absent').length,
    observers: rows.filter((r) => r.role === 'observer' && (r.attendance === 'present' || r.attendance === 'late'))
      .length,
  };
}

/** Rotating check-in window: a token is valid in its 30-second window and the one before. */
export const CHECKIN_WINDOW_SECONDS = 30;
export function checkinWindow(at: Date): number {
  return Math.floor(at.getTime() / 1000 / CHECKIN_WINDOW_SECONDS);
}

/** A check-in this many minutes after the start counts as late. */
export const LATE_AFTER_MINUTES = 5;

/** The default title: 对外贸易处2026年11月3日处务会. */
export function defaultMeetingTitle(divisionName: string, startsAt: Date, kind: MeetingKind): string {
  const [y, m, d] = shanghaiDay(startsAt).split('-').map(Number) as [number, number, number];
  return `${divisionName}${y}年${m}月${d}日${kind === 'urgent' ? '临时' : ''}处务会`;
}
