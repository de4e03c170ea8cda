import type { Actor } from '../../../core/policy.js';
import type { DistributionStatus } from '../../../core/distribution.js';
import type { Services } from '../../platform/services.js';
import { memoVisibleDivisions } from '../topics/topics.repository.js';
import { deadlineRows } from './inbox.repository.js';
import { deadlineDto } from './distribution.presenter.js';

/** The distribution deadlines of the divisions the actor may see (supervision, leaders). */
export async function listDeadlines(s: Services, actor: Actor, f: { status?: DistributionStatus; year?: number }) {
  const visible = await memoVisibleDivisions(s.db, actor);
  return (await deadlineRows(s.db.kysely, actor.unitId, visible, f)).map(deadlineDto);
}
