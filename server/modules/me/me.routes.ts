import { meDto } from '../../../core/contracts/me.js';
import { AppError } from '../../../core/errors.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { loadMe } from './load-me.js';

export function meRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/me',
    {
      config: { allowPasswordChange: true },
      schema: { tags: ['me'], summary: '当前用户：处室、角色、权限', response: { 200: meDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      const session = req.session;
      if (!session) throw new AppError('UNAUTHENTICATED');
      return loadMe(s, actor, session);
    },
  );
}
