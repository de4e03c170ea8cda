import { z } from 'zod';
import {
  regimeSettingsDto,
  securitySettingsDto,
  updateRegimeBody,
  updateSecurityBody,
} from '../../../core/contracts.js';
import { AppError } from '../../../core/errors.js';
import type { SettingsSection } from '../../../core/settings.js';
import type { Actor } from '../../../core/policy.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { invalidateSecuritySettings } from '../../platform/settings-cache.js';
import { readSettings, writeSettings } from '../../platform/settings/settings.repository.js';

async function update<S extends SettingsSection>(
  s: Services,
  actor: Actor,
  section: S,
  body: { value: object; version: number },
  ip: string | null,
) {
  return inTransaction(s, async (trx) => {
    const before = await readSettings(trx, actor.unitId, section);
    if (before.version !== body.version) throw new AppError('CONFLICT', undefined, { current: before });
    const version = await writeSettings(
      trx,
      actor.unitId,
      section,
      body.value,
      body.version,
      actor.userId,
      s.clock.now(),
    );
    if (version === null) throw new AppError('CONFLICT');
    const changes = Object.fromEntries(
      Object.entries(body.value)
        .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((before.value as Record<string, unknown>)[k]))
        .map(([k, v]) => [k, { from: (before.value as Record<string, unknown>)[k], to: v }]),
    );
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: `settings.${section}`,
      subjectType: 'settings',
      subjectId: section,
      data: { changes },
    });
    return readSettings(trx, actor.unitId, section);
  });
}

export function settingsRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/admin/settings/mail',
    {
      config: { requires: 'regime.manage' },
      schema: {
        tags: ['settings'],
        summary: '邮件通知状态（由部署时的 SMTP_URL 决定）',
        response: {
          200: z.object({
            enabled: z.boolean(),
            server: z.string().nullable(),
            from: z.string(),
            pending: z.number(),
            failed: z.number(),
            sent: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const rows = await s.db.kysely
        .selectFrom('notices')
        .select(['email_status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('unit_id', '=', actor.unitId)
        .groupBy('email_status')
        .execute();
      const count = (st: string) => Number(rows.find((r) => r.email_status === st)?.n ?? 0);
      return { ...s.mailer.status(), pending: count('pending'), failed: count('failed'), sent: count('sent') };
    },
  );

  app.get(
    '/api/admin/settings/security',
    {
      config: { requires: 'security.read' },
      schema: { tags: ['settings'], summary: '安全设置', response: { 200: securitySettingsDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return readSettings(s.db.kysely, actor.unitId, 'security');
    },
  );

  app.put(
    '/api/admin/settings/security',
    {
      config: { requires: 'security.manage' },
      schema: {
        tags: ['settings'],
        summary: '修改安全设置（仅安全管理员）',
        body: updateSecurityBody,
        response: { 200: securitySettingsDto },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await update(s, actor, 'security', req.body, clientIp(req));
      invalidateSecuritySettings(s, actor.unitId);
      return result;
    },
  );

  app.get(
    '/api/settings/regime',
    {
      config: { requires: 'regime.read' },
      schema: { tags: ['settings'], summary: '制度参数', response: { 200: regimeSettingsDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return readSettings(s.db.kysely, actor.unitId, 'regime');
    },
  );

  app.put(
    '/api/admin/settings/regime',
    {
      config: { requires: 'regime.manage' },
      schema: {
        tags: ['settings'],
        summary: '修改制度参数',
        body: updateRegimeBody,
        response: { 200: regimeSettingsDto },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return update(s, actor, 'regime', req.body, clientIp(req));
    },
  );
}
