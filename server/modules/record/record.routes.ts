import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import { recordDto, recordEntryBody, recordEntryDto } from '../../../core/contracts/record.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { saveEntry } from './record.js';
import { loadRecord } from './load-record.js';

export function recordRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/meetings/:id/record',
    { schema: { tags: ['record'], summary: '会议记录', params: z.strictObject({ id }), response: { 200: recordDto } } },
    async (req) => loadRecord(s, actorOf(req), req.params.id),
  );

  app.put(
    '/api/meetings/:id/record/:topicId',
    {
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags: ['record'],
        summary: '保存一个议题的记录（带版本号；过期版本返回 409 和服务器上的最新内容）',
        params: z.strictObject({ id, topicId: id }),
        body: recordEntryBody,
        response: { 200: recordEntryDto },
      },
    },
    async (req) => saveEntry(s, actorOf(req), req.params.id, req.params.topicId, req.body, clientIp(req)),
  );
}
