import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { visibleDivisions } from '../topics/topics.repository.js';
import { minutesList } from './minutes-list.repository.js';
import { minutesSummaryDto } from './minutes.presenter.js';

/** The minutes of the divisions the actor may see. */
export async function listMinutes(s: Services, actor: Actor, f: { divisionId?: string; year?: number }) {
  const visible = await visibleDivisions(s.db.kysely, actor);
  if (f.divisionId && !visible.includes(f.divisionId)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
  return (await minutesList(s.db.kysely, actor.unitId, visible, f)).map(minutesSummaryDto);
}
