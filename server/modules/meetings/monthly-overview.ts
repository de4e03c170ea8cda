import { visibleDivisionIds, type Actor } from '../../../core/policy.js';
import { shanghaiMonth } from '../../../core/shanghai-time.js';
import type { Services } from '../../platform/services.js';
import { activeDivisions } from './meeting-list.repository.js';
import { monthlyTally } from './monthly.repository.js';

/** R3.5: each visible division's meetings in a month (this one by default) and whether it met the number. */
export async function monthlyOverview(s: Services, actor: Actor, monthAsked: string | undefined) {
  const now = s.clock.now();
  const month = monthAsked ?? shanghaiMonth(now);
  const divisions = await activeDivisions(s.db.kysely, actor.unitId);
  const visible = new Set(
    visibleDivisionIds(
      actor,
      divisions.map((d) => d.id),
    ),
  );
  const shown = divisions.filter((d) => visible.has(d.id) && d.kind !== 'leadership');
  return { month, divisions: await monthlyTally(s.db.kysely, actor.unitId, shown, month, now) };
}
