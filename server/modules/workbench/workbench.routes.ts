import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { workbenchDto } from '../../../core/contracts/workbench.js';
import { loadWorkbench } from './load-workbench.js';

/** 工作台: what waits on the user. */
export function workbenchRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/workbench',
    { schema: { tags: ['workbench'], summary: '我的待办', response: { 200: workbenchDto } } },
    async (req) => loadWorkbench(s, actorOf(req)),
  );
}
