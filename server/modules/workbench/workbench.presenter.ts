import type {
  MeetingToAttend,
  MeetingToRecord,
  MinutesDue,
  PendingLeave,
  TopicToApprove,
} from './workbench.repository.js';

export function workbenchDto(w: {
  topics: TopicToApprove[];
  leaves: PendingLeave[];
  meetings: MeetingToAttend[];
  unread: number;
  reminders: { divisionId: string; divisionName: string; scheduled: number; held: number; required: number }[];
  toRead: number;
  toSign: number;
  due: MinutesDue[];
  toRecord: MeetingToRecord[];
  tracking: { dueSoon: number; overdue: number };
  rectifications: { toReport: number; overdue: number; toVerify: number };
}) {
  return {
    tracking: w.tracking,
    rectifications: w.rectifications,
    minutesToRead: w.toRead,
    filingsToSign: w.toSign,
    minutesDue: w.due.map((d) => ({
      meetingId: d.meeting_id,
      meetingTitle: d.title,
      dueDate: d.due_date,
      provisional: Number(d.provisional) === 1,
      status: d.status,
      step: d.step,
    })),
    meetingsToRecord: w.toRecord.map((m) => ({
      id: m.id,
      title: m.title,
      startedAt: m.started_at ?? '',
      place: m.place,
    })),
    topicsToApprove: w.topics.map((t) => ({
      id: t.id,
      title: t.title,
      divisionName: t.name,
      proposerName: t.display_name,
      submittedAt: t.submitted_at,
    })),
    leaveToDecide: w.leaves.map((l) => ({
      meetingId: l.meeting_id,
      leaveId: l.id,
      meetingTitle: l.title,
      userName: l.display_name,
      reason: l.reason,
    })),
    meetingsToAttend: w.meetings.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.starts_at,
      place: m.place,
      status: m.status,
      role: m.role,
      noticeRead: !!m.notice_read_at,
    })),
    unreadNotices: w.unread,
    monthlyReminders: w.reminders.map(({ divisionId, divisionName, scheduled, held, required }) => ({
      divisionId,
      divisionName,
      scheduled,
      held,
      required,
    })),
  };
}
