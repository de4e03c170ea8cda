import type { TrackingScoresDto } from '../../../core/contracts/tracking.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { scoreDivisions } from '../../../core/policies/tracking.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { executionScores, scoreFormula, type ScoreItem } from '../../../core/tracking-score.js';
import type { Services } from '../../platform/services.js';
import { itemsDueBetween, unitDivisions } from './tracking-list.repository.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { readSettings } from '../../platform/settings/settings.repository.js';

/**
 * 考评 (R6.2): each division's execution score over [from, to], with the
 * formula the unit's settings make. The head and deputies see their own
 * division, a supervising leader theirs, the supervision office, the principal
 * leaders and the discipline secretary all; anyone else is refused (403).
 */
export async function viewScores(
  s: Services,
  actor: Actor,
  q: { from: string; to: string; divisionId?: string | undefined },
): Promise<TrackingScoresDto> {
  const scope = scoreDivisions(actor);
  if (scope !== 'all' && scope.length === 0)
    throw new AppError('FORBIDDEN', '考评结果仅向处室负责人、分管领导、监察室、局主要领导和纪委书记显示');
  const db = s.db.kysely;
  const divisions = await unitDivisions(db, actor.unitId);
  if (q.divisionId) {
    if (!divisions.some((d) => d.id === q.divisionId)) throw new AppError('NOT_FOUND', '处室不存在');
    if (scope !== 'all' && !scope.includes(q.divisionId)) throw new AppError('FORBIDDEN', '无权查看该处室的考评结果');
  }
  const ids = divisions
    .map((d) => d.id)
    .filter((id) => (q.divisionId ? id === q.divisionId : scope === 'all' || scope.includes(id)));
  const today = shanghaiDay(s.clock.now());
  const [cal, regime] = await Promise.all([
    loadCalendar(db, actor.unitId),
    readSettings(db, actor.unitId, 'regime').then((r) => r.value),
  ]);
  const items: ScoreItem[] = (await itemsDueBetween(db, actor.unitId, q.from, q.to, ids)).map((r) => ({
    divisionId: r.division_id,
    status: r.status,
    deadline: r.deadline ?? q.to,
    closedDay: r.closed_at ? shanghaiDay(new Date(r.closed_at)) : null,
    extensions: Number(r.extensions),
  }));
  const name = new Map(divisions.map((d) => [d.id, d.name]));
  return {
    from: q.from,
    to: q.to,
    asOf: today,
    ...scoreFormula(regime),
    rows: executionScores(cal, today, regime, ids, items).map((r) => ({
      ...r,
      divisionName: name.get(r.divisionId) ?? '',
    })),
  };
}
