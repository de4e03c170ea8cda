import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import {
  caseAttachmentDto,
  caseDetailDto,
  caseNoteBody,
  caseNoticeDto,
  caseNoticesPageDto,
  casesPageDto,
  casesQuery,
  caseTextBody,
  decideCaseBody,
  dismissCaseBody,
  evidenceCheckDto,
  fileCaseBody,
  investigateCaseBody,
  myCasesQuery,
  openCaseBody,
  proposeCaseBody,
} from '../../../core/contracts/accountability.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { uploadedFile } from '../../platform/http/upload.js';
import { contentDisposition } from '../../platform/storage/file-type.js';
import { listCases, listMyCases, viewCase, viewNotice } from './view-case.js';
import { openCase } from './open-case.js';
import {
  archiveCase,
  decideCase,
  dismissCase,
  fileCase,
  investigateCase,
  proposeMeasure,
  startPreliminary,
} from './case-steps.js';
import { addEvidence, submitStatement } from './append-evidence.js';
import { openCaseAttachment, uploadCaseAttachment } from './case-attachments.js';
import { verifyEvidence } from './verify-evidence.js';

const tags = ['accountability'];
const params = z.strictObject({ id });
const detail = { 200: caseDetailDto };

/** 责任追究 (R6.3): the cases, one route per step, the person concerned's notices, the evidence check. */
export function accountabilityRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '问责案件列表（监察室、局纪委书记、局主要领导）',
        querystring: casesQuery,
        response: { 200: casesPageDto },
      },
    },
    async (req) => listCases(s, actorOf(req), req.query),
  );
  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '登记问责线索（依据督办事项、其他违反制度情形或问题线索），并固定证据',
        body: openCaseBody,
        response: { 201: caseDetailDto },
      },
    },
    async (req, reply) => reply.code(201).send(await openCase(s, actorOf(req), req.body, clientIp(req))),
  );
  app.get(
    '/api/cases/mine',
    {
      schema: {
        tags,
        summary: '我的问责通知（当事人）',
        querystring: myCasesQuery,
        response: { 200: caseNoticesPageDto },
      },
    },
    async (req) => listMyCases(s, actorOf(req), req.query),
  );
  app.get(
    '/api/cases/mine/:id',
    {
      schema: {
        tags,
        summary: '问责通知、本人的说明或申辩和处理决定（当事人）',
        params,
        response: { 200: caseNoticeDto },
      },
    },
    async (req) => viewNotice(s, actorOf(req), req.params.id),
  );
  app.get(
    '/api/cases/:id',
    { schema: { tags, summary: '问责案件及其全过程记录和证据', params, response: detail } },
    async (req) => viewCase(s, actorOf(req), req.params.id),
  );
  app.get(
    '/api/cases/:id/evidence/verify',
    {
      schema: {
        tags,
        summary: '校验证据：依据存储的内容重新计算哈希，与固定时的哈希比对',
        params,
        response: { 200: evidenceCheckDto },
      },
    },
    async (req) => verifyEvidence(s, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cases/:id/preliminary',
    { schema: { tags, summary: '开始初核', params, body: caseNoteBody, response: detail } },
    async (req) => startPreliminary(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/file',
    { schema: { tags, summary: '立案（可重新指定当事人）', params, body: fileCaseBody, response: detail } },
    async (req) => fileCase(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/dismiss',
    { schema: { tags, summary: '不予立案（须说明理由）', params, body: dismissCaseBody, response: detail } },
    async (req) => dismissCase(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/investigate',
    {
      schema: {
        tags,
        summary: '启动调查，通知当事人提交说明或申辩',
        params,
        body: investigateCaseBody,
        response: detail,
      },
    },
    async (req) => investigateCase(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/statements',
    {
      schema: {
        tags,
        summary: '提交书面说明或申辩（当事人，可附材料）',
        params,
        body: caseTextBody,
        response: { 200: caseNoticeDto },
      },
    },
    async (req) => submitStatement(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/evidence',
    { schema: { tags, summary: '补充证据材料（追加，不替换）', params, body: caseTextBody, response: detail } },
    async (req) => addEvidence(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/propose',
    { schema: { tags, summary: '提出处理意见', params, body: proposeCaseBody, response: detail } },
    async (req) => proposeMeasure(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/decide',
    {
      schema: {
        tags,
        summary: '记录处理决定（决定机关或人员、日期、会议）',
        params,
        body: decideCaseBody,
        response: detail,
      },
    },
    async (req) => decideCase(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/archive',
    { schema: { tags, summary: '归档', params, body: caseNoteBody, response: detail } },
    async (req) => archiveCase(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/cases/:id/attachments',
    {
      bodyLimit: s.config.uploadMaxBytes,
      schema: {
        tags,
        summary: '上传说明或证据材料（请求体为文件内容，文件名放在 X-Filename 头，URL 编码）',
        params,
        response: { 201: caseAttachmentDto },
      },
    },
    async (req, reply) => {
      const { name, data } = uploadedFile(req);
      return reply
        .code(201)
        .send(await uploadCaseAttachment(s, actorOf(req), req.params.id, name, data, clientIp(req)));
    },
  );
  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载问责材料', params: z.strictObject({ id, attachmentId: id }) } },
    async (req, reply) => {
      const f = await openCaseAttachment(s, actorOf(req), req.params.id, req.params.attachmentId);
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
