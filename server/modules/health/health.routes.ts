import { healthDto } from '../../../core/contracts/health.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { pingDatabase } from './health.repository.js';

export function healthRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], summary: '健康检查', response: { 200: healthDto } } },
    async () => {
      await pingDatabase(s.db.kysely);
      return { status: 'ok' as const, db: s.db.kind, version: s.version };
    },
  );
}
