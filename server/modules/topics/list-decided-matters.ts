import type { Actor } from '../../../core/policy.js';
import { monthBounds } from '../../../core/shanghai-time.js';
import type { Services } from '../../platform/services.js';
import type { PageRequest } from '../../platform/db/cursor.js';
import { visibleDivisionsFiltered } from './topics.repository.js';
import { decidedMatters } from './decided-matters.repository.js';

/** R4.1: a page of a year's decided larger matters of the divisions the actor may see (or of one). */
export async function listDecidedMatters(
  s: Services,
  actor: Actor,
  f: { divisionId?: string | undefined; year: number } & PageRequest,
) {
  const visible = await visibleDivisionsFiltered(s.db, actor, f.divisionId);
  const ids = f.divisionId ? [f.divisionId] : visible;
  const { from } = monthBounds(`${f.year}-01`);
  const { from: to } = monthBounds(`${f.year + 1}-01`);
  return decidedMatters(s.db.kysely, actor, ids, { from, to }, f);
}
