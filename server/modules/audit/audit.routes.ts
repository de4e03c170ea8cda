import { auditEventDto, auditQuery, page, verifyDto } from '../../../core/contracts.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { verifyChain } from '../../platform/audit/audit.js';
import { toNumber } from '../../platform/db/database.js';
import { auditorView } from './audit-view.js';
import { auditSubjectNames } from './audit-names.js';
import { auditActionLabel } from '../../../core/audit-events.js';

export function auditRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/audit/events',
    {
      config: { requires: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志（仅审计管理员；业务内容不显示）',
        querystring: auditQuery,
        response: { 200: page(auditEventDto) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const f = req.query;
      let q = s.db.kysely.selectFrom('audit_events').where('unit_id', '=', actor.unitId);
      if (f.from) q = q.where('occurred_at', '>=', new Date(f.from).toISOString());
      if (f.to) q = q.where('occurred_at', '<=', new Date(f.to).toISOString());
      if (f.action) q = q.where('action', '=', f.action);
      if (f.outcome) q = q.where('outcome', '=', f.outcome);
      if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
      if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
      if (f.actor) {
        const a = f.actor;
        q = q.where((eb) => eb.or([eb('actor_id', '=', a), eb('actor_name', '=', a)]));
      }
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('seq', 'desc')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const names = await auditSubjectNames(
        s.db.kysely,
        actor.unitId,
        rows.map((r) => ({ type: r.subject_type, id: r.subject_id })),
      );
      return {
        items: rows.map((r) => ({
          seq: toNumber(r.seq),
          occurredAt: r.occurred_at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          actionLabel: auditActionLabel(r.action),
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          subjectName: names.get(`${r.subject_type}:${r.subject_id}`) ?? null,
          outcome: r.outcome === 'failure' ? ('failure' as const) : ('success' as const),
          ip: r.ip,
          data: auditorView(r.action, parseData(r.data)),
          hash: r.hash,
        })),
        total: toNumber(count.n),
        page: f.page,
        pageSize: f.pageSize,
      };
    },
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

function parseData(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: text };
  }
}
