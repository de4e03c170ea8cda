import type { OverrideListRow } from './calendar.repository.js';

export function overrideDto(r: OverrideListRow) {
  return {
    date: r.date,
    isOffDay: Number(r.is_off_day) === 1,
    name: r.name,
    note: r.note,
    createdAt: r.created_at,
    createdByName: r.display_name,
  };
}
