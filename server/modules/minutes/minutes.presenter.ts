import type { MinutesListRow } from './minutes-list.repository.js';

export function minutesSummaryDto(r: MinutesListRow) {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    meetingTitle: r.title,
    meetingDate: r.starts_at,
    divisionName: r.name,
    status: r.status,
    number: r.number,
    issuedAt: r.issued_at,
  };
}
