import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { visibleDivisionsFiltered } from '../topics/topics.repository.js';
import { minutesList } from './minutes-list.repository.js';
import { decodeCursor, pageOf } from '../../platform/db/cursor.js';
import { minutesSummaryDto } from './minutes.presenter.js';

/** The minutes of the divisions the actor may see, a page at a time (newest first). */
export async function listMinutes(
  s: Services,
  actor: Actor,
  f: { divisionId?: string | undefined; year?: number | undefined; cursor?: string | undefined; limit: number },
) {
  const visible = await visibleDivisionsFiltered(s.db.kysely, actor, f.divisionId);
  const after = f.cursor ? decodeCursor(f.cursor, 3) : undefined;
  const rows = await minutesList(s.db.kysely, actor.unitId, visible, { ...f, after });
  const page = pageOf(rows, f.limit, (r) => [r.starts_at, Number(r.revision), r.id]);
  return { items: page.items.map(minutesSummaryDto), nextCursor: page.nextCursor };
}
