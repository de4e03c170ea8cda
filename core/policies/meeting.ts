import { meetingAllows, type MeetingStatus } from '../meetings.js';

/**
 * Who may do what to a meeting (§3), as sentences. The use cases refuse with
 * these answers and the DTO carries them, so the page offers exactly what the
 * server allows.
 */
export interface MeetingFacts {
  status: MeetingStatus;
  chairId: string;
  recorderId: string;
  startsAt: string;
  /** The division's head, if it has one. */
  headId: string | null;
  /** 补录: held on paper and entered afterwards (R3.5); its paper minutes are attached or not yet. */
  backfill: boolean;
  hasPaperMinutes: boolean;
}
export interface MeetingActor {
  userId: string;
  /** The head, or a deputy the head authorised to convene (R3.2). */
  convener: boolean;
  /** Invited as participant (member) or observer (R3.4), or not invited. */
  role: 'participant' | 'observer' | null;
  /** May see the division's business (member, its leaders, the bureau's oversight). */
  seesDivision: boolean;
}

export function meetingAbilities(a: MeetingActor, m: MeetingFacts, now: Date, hasOpenLeave: boolean) {
  const chairOrRecorder = a.userId === m.chairId || a.userId === m.recorderId;
  const runs = a.convener || a.userId === m.chairId;
  return {
    edit: a.convener && meetingAllows(m.status, 'edit'),
    // A backfill was held on paper: no notice; it starts (on its paper date) once the paper minutes are in.
    notify: a.convener && meetingAllows(m.status, 'notify') && !m.backfill,
    start: runs && meetingAllows(m.status, 'start') && (!m.backfill || m.hasPaperMinutes),
    close: runs && meetingAllows(m.status, 'close'),
    cancel: a.convener && meetingAllows(m.status, 'cancel'),
    markAttendance: (a.convener || chairOrRecorder) && meetingAllows(m.status, 'mark_attendance'),
    // R3.7: a participant who cannot attend asks for leave before the meeting starts, once. The chair
    // (the convening head unless he designated another, R3.2) does not: he designates a chair or moves
    // the meeting instead — then his request goes to that chair.
    requestLeave:
      a.role === 'participant' &&
      a.userId !== m.chairId &&
      meetingAllows(m.status, 'request_leave') &&
      new Date(m.startsAt).getTime() > now.getTime() &&
      !hasOpenLeave,
    showCheckin: (a.convener || chairOrRecorder) && meetingAllows(m.status, 'check_in') && !m.backfill,
    uploadPaperMinutes: a.convener && m.backfill && meetingAllows(m.status, 'edit'),
    /** R3.4: observers see the meeting, agenda, materials and counts — not the record, others' leave, receipts. */
    readInternals: a.seesDivision || a.role === 'participant',
  };
}
export type MeetingAbilities = ReturnType<typeof meetingAbilities>;

/** R3.7: the head decides leave; the head's own request goes to the chair. Null when nobody can. */
export function leaveDecider(m: Pick<MeetingFacts, 'headId' | 'chairId'>, requesterId: string): string | null {
  if (m.headId && m.headId !== requesterId) return m.headId;
  if (m.chairId !== requesterId) return m.chairId;
  return null;
}

/**
 * R3.7: a pending request may be decided by its decider until the meeting
 * closes — also when it was still open as the meeting started.
 */
export function canDecideLeave(
  actorId: string,
  m: Pick<MeetingFacts, 'headId' | 'chairId' | 'status'>,
  leave: { userId: string; status: 'pending' | 'approved' | 'rejected' },
): boolean {
  return (
    leave.status === 'pending' &&
    (m.status === 'planned' || m.status === 'notified' || m.status === 'in_session') &&
    leaveDecider(m, leave.userId) === actorId
  );
}
