import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { visibleDivisionsFiltered } from '../topics/topics.repository.js';
import { minutesList } from './minutes-list.repository.js';
import { minutesSummaryDto } from './minutes.presenter.js';

/** The minutes of the divisions the actor may see, a page at a time (newest first). */
export async function listMinutes(
  s: Services,
  actor: Actor,
  f: { divisionId?: string | undefined; year?: number | undefined; cursor?: string | undefined; limit: number },
) {
  const visible = await visibleDivisionsFiltered(s.db, actor, f.divisionId);
  const page = await minutesList(s.db.kysely, actor.unitId, visible, f);
  return { items: page.items.map(minutesSummaryDto), nextCursor: page.nextCursor };
}
