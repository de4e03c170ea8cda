import type { MeetingStatus } from '../meetings.js';

/**
 * Who may do what to a meeting's record (R5.2–R5.4): the designated recorder
 * writes it while the meeting is in session; after the close, until the
 * minutes are issued, the recorder amends it with a reason.
 */
export interface RecordFacts {
  meetingStatus: MeetingStatus;
  recorderId: string;
  /** Minutes of the meeting were issued (or issued and corrected). */
  minutesIssued: boolean;
}

export function recordAbilities(actorId: string, r: RecordFacts) {
  const recorder = actorId === r.recorderId;
  return {
    edit: recorder && r.meetingStatus === 'in_session',
    amend: recorder && r.meetingStatus === 'closed' && !r.minutesIssued,
    locked: r.meetingStatus === 'closed',
  };
}
