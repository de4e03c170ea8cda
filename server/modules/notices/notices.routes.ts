import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import { noticesPageDto, noticesQuery } from '../../../core/contracts/notices.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { listNotices } from './list-notices.js';
import { markRead } from './mark-notice-read.js';
import { markAllRead } from './mark-all-notices-read.js';

export function noticesRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/notices',
    {
      schema: {
        tags: ['notices'],
        summary: '我的通知（按游标分页，最新的在前；附未读条数）',
        querystring: noticesQuery,
        response: { 200: noticesPageDto },
      },
    },
    async (req) => listNotices(s, actorOf(req), req.query),
  );

  app.post(
    '/api/notices/:id/read',
    { schema: { tags: ['notices'], summary: '标为已读', params: z.strictObject({ id }) } },
    async (req, reply) => {
      await markRead(s, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post('/api/notices/read-all', { schema: { tags: ['notices'], summary: '全部标为已读' } }, async (req, reply) => {
    await markAllRead(s, actorOf(req));
    return reply.code(204).send();
  });
}
