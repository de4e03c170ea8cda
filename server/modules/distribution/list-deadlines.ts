import type { Actor } from '../../../core/policy.js';
import type { DistributionStatus } from '../../../core/distribution.js';
import type { Services } from '../../platform/services.js';
import type { PageRequest } from '../../platform/db/cursor.js';
import { visibleDivisions } from '../topics/topics.repository.js';
import { deadlineRows } from './inbox.repository.js';
import { deadlineDto } from './distribution.presenter.js';

/** A page of the distribution deadlines of the divisions the actor may see (supervision, leaders). */
export async function listDeadlines(
  s: Services,
  actor: Actor,
  f: { status?: DistributionStatus | undefined; year?: number | undefined } & PageRequest,
) {
  const visible = await visibleDivisions(s.db.kysely, actor);
  const page = await deadlineRows(s.db.kysely, actor.unitId, visible, f);
  return { items: page.items.map(deadlineDto), nextCursor: page.nextCursor };
}
