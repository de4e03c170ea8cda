import { auditPageDto, auditQuery, verifyDto } from '../../../core/contracts/audit.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { verifyChain } from '../../platform/audit/audit.js';
import { listAuditEvents } from './list-audit-events.js';

export function auditRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/audit/events',
    {
      config: { requires: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志（仅审计管理员；业务内容不显示；按游标分页，最新的在前）',
        querystring: auditQuery,
        response: { 200: auditPageDto },
      },
    },
    async (req) => listAuditEvents(s, actorOf(req), req.query),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { requires: 'audit.read' },
      schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: { 200: verifyDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      const r = await verifyChain(s.db.kysely, actor.unitId);
      return { ok: r.ok, count: r.count, brokenAt: r.brokenAt, reason: r.reason };
    },
  );
}
