import { uploadedFile } from '../../platform/http/upload.js';
import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import { meetingDto } from '../../../core/contracts/meetings.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { contentDisposition } from '../../platform/storage/file-type.js';
import { openPaperMinutes, uploadPaperMinutes } from './backfill.js';

const tags = ['meetings'];
const params = z.strictObject({ id });

/** 补录 (R3.5): the paper minutes a backfilled meeting rests on. */
export function paperMinutesRoutes(app: ZApp, s: Services): void {
  app.put(
    '/api/meetings/:id/paper-minutes',
    {
      bodyLimit: s.config.uploadMaxBytes,
      schema: {
        tags,
        summary: '上传补录会议的纸质会议记录（请求体为文件内容，文件名放在 X-Filename 头，URL 编码）',
        params,
        response: { 200: meetingDto },
      },
    },
    async (req) => {
      const { name, data } = uploadedFile(req);
      return uploadPaperMinutes(s, actorOf(req), req.params.id, name, data, clientIp(req));
    },
  );

  app.get(
    '/api/meetings/:id/paper-minutes',
    { schema: { tags, summary: '下载补录会议的纸质会议记录', params } },
    async (req, reply) => {
      const f = await openPaperMinutes(s, actorOf(req), req.params.id);
      reply
        .header('content-type', f.mime)
        .header('content-length', String(f.size))
        .header('content-disposition', contentDisposition(f.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store');
      return reply.send(f.stream);
    },
  );
}
