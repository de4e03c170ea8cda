import type { MeetingListRow } from './meeting-list.repository.js';

export function meetingSummaryDto(r: MeetingListRow) {
  return {
    id: r.id,
    divisionId: r.division_id,
    divisionName: r.division_name,
    kind: r.kind,
    title: r.title,
    startsAt: r.starts_at,
    place: r.place,
    status: r.status,
    chairName: r.chair_name,
    backfilled: r.backfill_at !== null,
  };
}
