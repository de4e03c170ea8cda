import type { DeadlineRow } from './inbox.repository.js';

export function deadlineDto(r: DeadlineRow) {
  return {
    meetingId: r.meeting_id,
    meetingTitle: r.title,
    divisionName: r.name,
    meetingDay: r.meeting_day,
    dueDate: r.due_date,
    deadline: r.deadline,
    provisional: Number(r.provisional) === 1,
    status: r.status,
    minutesId: r.minutes_id,
    minutesNumber: r.number,
    issuedAt: r.issued_at,
  };
}
