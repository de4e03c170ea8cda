import { z } from 'zod';
import { id, versionBody } from '../../../core/contracts/common.js';
import {
  assignItemBody,
  decideExtensionBody,
  extensionBody,
  reasonBody,
  reportBody,
  terminateBody,
  trackingAttachmentDto,
  trackingDetailDto,
  trackingExportQuery,
  trackingListQuery,
  trackingPageDto,
  trackingScoresDto,
  trackingScoresQuery,
  verifyBody,
} from '../../../core/contracts/tracking.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { uploadedFile } from '../../platform/http/upload.js';
import { contentDisposition } from '../../platform/storage/file-type.js';
import { listItems } from './list-items.js';
import { viewScores } from './view-scores.js';
import { exportLedger } from './export-ledger.js';
import { viewItem } from './view-item.js';
import { assignItem } from './assign-item.js';
import { reportProgress, requestCompletion } from './report-progress.js';
import { confirmCompletion, returnCompletion, verifyItem } from './decide-completion.js';
import { decideExtension, requestExtension } from './extensions.js';
import { terminateItem } from './terminate-item.js';
import { openItemAttachment, uploadItemAttachment } from './item-attachments.js';

const tags = ['tracking'];
const params = z.strictObject({ id });
const detail = { 200: trackingDetailDto };

/** 督办 (R6.2): the ledger, the item page and one route per command. */
export function trackingRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/tracking/items',
    {
      schema: {
        tags,
        summary: '督办台账（范围由角色决定：我的、本处室、分管处室、全部）',
        querystring: trackingListQuery,
        response: { 200: trackingPageDto },
      },
    },
    async (req) => listItems(s, actorOf(req), req.query),
  );
  app.get(
    '/api/tracking/scores',
    {
      schema: {
        tags,
        summary: '督办考评：各处室按期办结率、逾期工作日、延期次数和得分（附计算公式）',
        querystring: trackingScoresQuery,
        response: { 200: trackingScoresDto },
      },
    },
    async (req) => viewScores(s, actorOf(req), req.query),
  );
  app.get(
    '/api/tracking/items.xlsx',
    {
      schema: {
        tags,
        summary: '导出督办台账（XLSX，筛选条件与台账相同，导出全部页）',
        querystring: trackingExportQuery,
      },
    },
    async (req, reply) => {
      const f = await exportLedger(s, actorOf(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(f.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(f.data);
    },
  );
  app.get(
    '/api/tracking/items/:id',
    { schema: { tags, summary: '督办事项及其全过程记录', params, response: detail } },
    async (req) => viewItem(s, actorOf(req), req.params.id),
  );
  app.post(
    '/api/tracking/items/:id/assign',
    {
      schema: {
        tags,
        summary: '补全责任人和完成时限（处室主要负责人）',
        params,
        body: assignItemBody,
        response: detail,
      },
    },
    async (req) => assignItem(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/tracking/items/:id/attachments',
    {
      bodyLimit: s.config.uploadMaxBytes,
      schema: {
        tags,
        summary: '上传办理材料（请求体为文件内容，文件名放在 X-Filename 头，URL 编码）',
        params,
        response: { 201: trackingAttachmentDto },
      },
    },
    async (req, reply) => {
      const { name, data } = uploadedFile(req);
      return reply
        .code(201)
        .send(await uploadItemAttachment(s, actorOf(req), req.params.id, name, data, clientIp(req)));
    },
  );
  app.get(
    '/api/tracking/items/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载办理材料', params: z.strictObject({ id, attachmentId: id }) } },
    async (req, reply) => {
      const f = await openItemAttachment(s, actorOf(req), req.params.id, req.params.attachmentId);
      reply
        .header('content-type', f.mime)
        .header('content-length', String(f.size))
        .header('content-disposition', contentDisposition(f.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store');
      return reply.send(f.stream);
    },
  );
  app.post(
    '/api/tracking/items/:id/reports',
    { schema: { tags, summary: '报告办理进展', params, body: reportBody, response: detail } },
    async (req) => reportProgress(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/tracking/items/:id/completion',
    { schema: { tags, summary: '申请办结（附证明材料）', params, body: reportBody, response: detail } },
    async (req) => requestCompletion(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/tracking/items/:id/confirm',
    { schema: { tags, summary: '确认办结', params, body: versionBody, response: detail } },
    async (req) => confirmCompletion(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/tracking/items/:id/return',
    { schema: { tags, summary: '退回办结申请', params, body: reasonBody, response: detail } },
    async (req) => returnCompletion(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/tracking/items/:id/verify',
    { schema: { tags, summary: '核验办结（监察室）', params, body: verifyBody, response: detail } },
    async (req) => verifyItem(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/tracking/items/:id/extensions',
    { schema: { tags, summary: '申请延期（完成时限前）', params, body: extensionBody, response: detail } },
    async (req) => requestExtension(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/tracking/items/:id/extensions/:extensionId/decide',
    {
      schema: {
        tags,
        summary: '审批延期申请',
        params: z.strictObject({ id, extensionId: id }),
        body: decideExtensionBody,
        response: detail,
      },
    },
    async (req) =>
      decideExtension(
        s,
        actorOf(req),
        req.params.id,
        { ...req.body, extensionId: req.params.extensionId },
        clientIp(req),
      ),
  );
  app.post(
    '/api/tracking/items/:id/terminate',
    {
      schema: { tags, summary: '终止督办（须引用此后会议的纪要编号）', params, body: terminateBody, response: detail },
    },
    async (req) => terminateItem(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
}
