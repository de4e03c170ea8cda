import {
  mailStatusDto,
  regimeSettingsDto,
  securitySettingsDto,
  updateRegimeBody,
  updateSecurityBody,
} from '../../../core/contracts/settings.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { readSettings, unitCreatedMonth } from '../../platform/settings/settings.repository.js';
import { emailCounts } from './email-status.repository.js';
import { updateSettings } from './update-settings.js';

export function settingsRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/admin/settings/mail',
    {
      config: { requires: 'regime.manage' },
      schema: {
        tags: ['settings'],
        summary: '邮件通知状态（由部署时的 SMTP_URL 决定）',
        response: { 200: mailStatusDto },
      },
    },
    async (req) => ({ ...s.mailer.status(), ...(await emailCounts(s.db.kysely, actorOf(req).unitId)) }),
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
    async (req) => updateSettings(s, actorOf(req), 'security', req.body, clientIp(req)),
  );

  app.get(
    '/api/settings/regime',
    {
      config: { requires: 'regime.read' },
      schema: { tags: ['settings'], summary: '制度参数', response: { 200: regimeSettingsDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return {
        ...(await readSettings(s.db.kysely, actor.unitId, 'regime')),
        unitCreatedMonth: await unitCreatedMonth(s.db.kysely, actor.unitId),
      };
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
      return {
        ...(await updateSettings(s, actor, 'regime', req.body, clientIp(req))),
        unitCreatedMonth: await unitCreatedMonth(s.db.kysely, actor.unitId),
      };
    },
  );
}
