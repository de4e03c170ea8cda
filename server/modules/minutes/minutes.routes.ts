import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import { versionBody } from '../../../core/contracts/common.js';
import {
  issueMinutesBody,
  minutesDto,
  minutesPageDto,
  minutesQuery,
  updateMinutesBody,
} from '../../../core/contracts/minutes.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { contentDisposition } from '../../platform/storage/file-type.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { minutesDto as loadDto } from './minutes.repository.js';
import { listMinutes } from './list-minutes.js';
import {
  correctMinutes,
  createMinutes,
  issueMinutes,
  returnMinutes,
  submitMinutes,
  updateMinutes,
} from './minutes-commands.js';

const tags = ['minutes'];
const params = z.strictObject({ id });

export function minutesRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/minutes',
    {
      schema: {
        tags,
        summary: '纪要列表（按处室、年度；按游标分页，最新的在前）',
        querystring: minutesQuery,
        response: { 200: minutesPageDto },
      },
    },
    async (req) => listMinutes(s, actorOf(req), req.query),
  );

  app.post(
    '/api/meetings/:id/minutes',
    { schema: { tags, summary: '依据会议记录生成纪要草稿（R5.1）', params, response: { 201: minutesDto } } },
    async (req, reply) => reply.code(201).send(await createMinutes(s, actorOf(req), req.params.id, clientIp(req))),
  );

  app.get(
    '/api/minutes/:id',
    { schema: { tags, summary: '纪要', params, response: { 200: minutesDto } } },
    async (req) => loadDto(s.db.kysely, actorOf(req), req.params.id, s.clock.now()),
  );

  app.get(
    '/api/minutes/:id/document.pdf',
    { schema: { tags, summary: '纪要 PDF（GB/T 9704 版式，嵌入字体）', params } },
    async (req, reply) => {
      const m = await loadDto(s.db.kysely, actorOf(req), req.params.id);
      // Loaded on first use: the PDF and Word engines stay out of the idle server's memory.
      // Issued minutes come from a bounded cache of their bytes (pdf-cache.ts); drafts render each time.
      const { minutesPdf } = await import('../../documents/pdf-cache.js');
      const buf = await minutesPdf({
        id: m.id,
        content: m.content,
        number: m.number,
        divisionName: m.divisionName,
        issuedAt: m.issuedAt,
      });
      const name = `${m.divisionName}处务会会议纪要${m.number ?? '（草稿）'}.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(name, true))
        .header('cache-control', 'private, no-store')
        .send(buf);
    },
  );

  app.get(
    '/api/minutes/:id/document.docx',
    { schema: { tags, summary: '纪要 Word 文档（GB/T 9704 版式）', params } },
    async (req, reply) => {
      const m = await loadDto(s.db.kysely, actorOf(req), req.params.id);
      const { renderMinutesDocx } = await import('../../documents/minutes-docx.js');
      const buf = await renderMinutesDocx({
        content: m.content,
        number: m.number,
        divisionName: m.divisionName,
        issuedAt: m.issuedAt,
      });
      const name = `${m.divisionName}处务会会议纪要${m.number ?? '（草稿）'}.docx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'private, no-store')
        .send(buf);
    },
  );

  app.put(
    '/api/minutes/:id',
    { schema: { tags, summary: '修改纪要草稿', params, body: updateMinutesBody, response: { 200: minutesDto } } },
    async (req) => updateMinutes(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );

  const step = (path: string, summary: string, fn: typeof submitMinutes) =>
    app.post(
      `/api/minutes/:id/${path}`,
      { schema: { tags, summary, params, body: versionBody, response: { 200: minutesDto } } },
      async (req) => fn(s, actorOf(req), req.params.id, req.body.version, clientIp(req)),
    );
  step('submit', '提交签发', submitMinutes);
  step('return', '退回修改', returnMinutes);
  app.post(
    '/api/minutes/:id/issue',
    {
      schema: {
        tags,
        summary: '签发印发（编号、封存，R5.4–R5.7；可附签发意见）',
        params,
        body: issueMinutesBody,
        response: { 200: minutesDto },
      },
    },
    async (req) => issueMinutes(s, actorOf(req), req.params.id, req.body.version, clientIp(req), req.body.comment),
  );
  app.post(
    '/api/minutes/:id/correct',
    { schema: { tags, summary: '发起更正（新版本沿用原编号）', params, response: { 201: minutesDto } } },
    async (req, reply) => reply.code(201).send(await correctMinutes(s, actorOf(req), req.params.id, clientIp(req))),
  );
}
