import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import { eligibleObserverListDto } from '../../../core/contracts/meetings.js';
import { AppError } from '../../../core/errors.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { canSeeDivision } from '../topics/topics.repository.js';
import { isConvener } from './meetings.repository.js';
import { eligibleObserverList } from './meeting-rules.js';

const params = z.strictObject({ id });

/** R3.4: who may observe a division's meetings. */
export function observersRoutes(app: ZApp, s: Services): void {
  // R3.4: whom the convener may invite, with why — the picker lists exactly these.
  // Whole array: the people of the unit who may observe, bounded by its headcount, for a picker.
  app.get(
    '/api/divisions/:id/eligible-observers',
    {
      schema: {
        tags: ['org'],
        summary: '可列席本处室处务会的人员（R3.4）',
        params,
        response: { 200: eligibleObserverListDto },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!canSeeDivision(actor, req.params.id)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
      if (!(await isConvener(s.db.kysely, actor, req.params.id)))
        throw new AppError('FORBIDDEN', '只有处室主要负责人或其指定的负责人可以邀请列席人员');
      return eligibleObserverList(s.db.kysely, actor.unitId, req.params.id);
    },
  );
}
