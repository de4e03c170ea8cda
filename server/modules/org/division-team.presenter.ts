import type { Position } from '../../../core/org.js';
import type { DirectoryRow } from './division-team.repository.js';

/** The directory: each person once, under their first division in the unit's order. */
export function directoryDto(rows: readonly DirectoryRow[]) {
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ userId: r.id, name: r.display_name, divisionName: r.name }));
}

const ORDER: Record<Position, number> = { head: 0, deputy: 1, staff: 2 };

/** Members by position (head, deputies, staff), then by name. */
export function membersDto<M extends { name: string; position: Position }>(members: M[]): M[] {
  return members.sort((a, b) => ORDER[a.position] - ORDER[b.position] || a.name.localeCompare(b.name, 'zh-CN'));
}
