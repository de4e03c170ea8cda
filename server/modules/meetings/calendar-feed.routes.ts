import { z } from 'zod';
import { calendarFeedDto } from '../../../core/contracts/meetings.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { AppError } from '../../../core/errors.js';
import { feedFor, newFeedToken } from './ical.js';

export function calendarFeedRoutes(app: ZApp, s: Services): void {
  app.post(
    '/api/me/calendar-feed',
    {
      schema: {
        tags: ['meetings'],
        summary: '生成个人会议日历订阅地址（旧地址失效）',
        response: { 200: calendarFeedDto },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const token = await newFeedToken(s, actor.unitId, actor.userId);
      return { url: `${s.config.publicUrl}/api/calendar/${token}.ics` };
    },
  );

  app.get(
    '/api/calendar/:file',
    {
      config: { public: true },
      schema: {
        tags: ['meetings'],
        summary: '个人会议日历（iCal，私密地址）',
        params: z.strictObject({ file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }),
      },
    },
    async (req, reply) => {
      const body = await feedFor(s.db.kysely, req.params.file.replace(/\.ics$/, ''), s.clock.now());
      if (!body) throw new AppError('NOT_FOUND', '订阅地址无效或已失效');
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  );
}
