import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import {
  checklistBody,
  closeFindingBody,
  concludeBody,
  createInspectionBody,
  findingBody,
  findingDetailDto,
  findingFileDto,
  findingsPageDto,
  findingsQuery,
  inspectionDetailDto,
  inspectionsPageDto,
  inspectionsQuery,
  notifyBody,
  rectificationReportBody,
  redrawBody,
  resultBody,
  returnFindingBody,
  startBody,
} from '../../../core/contracts/inspections.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { uploadedFile } from '../../platform/http/upload.js';
import { contentDisposition } from '../../platform/storage/file-type.js';
import { createInspection, redrawSample, setChecklist, startInspection } from './plan-inspection.js';
import { addFinding, concludeInspection, recordResult } from './work-inspection.js';
import {
  closeFinding,
  notifyFinding,
  openFindingFile,
  reportRectification,
  returnFinding,
  uploadFindingFile,
} from './rectification.js';
import { listFindings, listInspections, viewFinding, viewInspection } from './view-inspections.js';
import { inspectionDocument } from './inspection-report.js';

const tags = ['inspections'];
const params = z.strictObject({ id });
const detail = { 200: inspectionDetailDto };
const findingDetail = { 200: findingDetailDto };

/**
 * R6.4: inspections (专项检查) by the supervision office, assisted by the general
 * office, and the rectification of their findings (整改) by the divisions.
 */
export function inspectionsRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/inspections',
    {
      schema: {
        tags,
        summary: '专项检查（新建的在前）',
        querystring: inspectionsQuery,
        response: { 200: inspectionsPageDto },
      },
    },
    async (req) => listInspections(s, actorOf(req), req.query),
  );
  app.post(
    '/api/inspections',
    {
      schema: {
        tags,
        summary: '制定检查方案：范围（处室、期间、检查项目）、检查清单、按种子抽取纪要样本',
        body: createInspectionBody,
        response: { 201: inspectionDetailDto },
      },
    },
    async (req, reply) => reply.code(201).send(await createInspection(s, actorOf(req), req.body, clientIp(req))),
  );
  app.get(
    '/api/inspections/:id',
    { schema: { tags, summary: '检查方案、样本、检查结果和发现的问题', params, response: detail } },
    async (req) => viewInspection(s, actorOf(req), req.params.id),
  );
  app.post(
    '/api/inspections/:id/sample',
    {
      schema: { tags, summary: '重新抽取样本（给定种子可复现此前的抽样）', params, body: redrawBody, response: detail },
    },
    async (req) => redrawSample(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.put(
    '/api/inspections/:id/checklist',
    { schema: { tags, summary: '修改检查清单（开始检查前）', params, body: checklistBody, response: detail } },
    async (req) => setChecklist(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/inspections/:id/start',
    { schema: { tags, summary: '开始检查（范围、清单、样本不再变动）', params, body: startBody, response: detail } },
    async (req) => startInspection(s, actorOf(req), req.params.id, req.body.version, clientIp(req)),
  );
  app.put(
    '/api/inspections/:id/results',
    { schema: { tags, summary: '填写一份样本纪要的一项检查结果', params, body: resultBody, response: detail } },
    async (req) => recordResult(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/inspections/:id/findings',
    { schema: { tags, summary: '登记发现的问题', params, body: findingBody, response: { 201: inspectionDetailDto } } },
    async (req, reply) =>
      reply.code(201).send(await addFinding(s, actorOf(req), req.params.id, req.body, clientIp(req))),
  );
  app.post(
    '/api/inspections/:id/conclude',
    { schema: { tags, summary: '形成检查通报（监察室）：编号并定稿', params, body: concludeBody, response: detail } },
    async (req) => concludeInspection(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/inspections/:id/report/:format',
    {
      schema: {
        tags,
        summary: '下载检查通报（docx、pdf）或问题台账（xlsx）',
        params: z.strictObject({ id, format: z.enum(['docx', 'pdf', 'xlsx']) }),
      },
    },
    async (req, reply) => {
      const f = await inspectionDocument(s, actorOf(req), req.params.id, req.params.format);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', contentDisposition(f.filename))
        .header('cache-control', 'private, no-store')
        .send(f.data);
    },
  );

  app.get(
    '/api/rectifications',
    {
      schema: {
        tags,
        summary: '整改事项：专项检查发现的问题及其整改情况',
        querystring: findingsQuery,
        response: { 200: findingsPageDto },
      },
    },
    async (req) => listFindings(s, actorOf(req), req.query),
  );
  app.get(
    '/api/rectifications/:id',
    { schema: { tags, summary: '问题及整改的全过程', params, response: findingDetail } },
    async (req) => viewFinding(s, actorOf(req), req.params.id),
  );
  app.post(
    '/api/rectifications/:id/notify',
    { schema: { tags, summary: '发出整改通知（监察室）', params, body: notifyBody, response: findingDetail } },
    async (req) => notifyFinding(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/rectifications/:id/report',
    {
      schema: {
        tags,
        summary: '报送整改报告（被检查处室负责人）',
        params,
        body: rectificationReportBody,
        response: findingDetail,
      },
    },
    async (req) => reportRectification(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/rectifications/:id/close',
    {
      schema: {
        tags,
        summary: '核验通过，整改完成（监察室）',
        params,
        body: closeFindingBody,
        response: findingDetail,
      },
    },
    async (req) => closeFinding(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/rectifications/:id/return',
    {
      schema: {
        tags,
        summary: '退回整改报告并重定期限（监察室）',
        params,
        body: returnFindingBody,
        response: findingDetail,
      },
    },
    async (req) => returnFinding(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/rectifications/:id/files',
    {
      bodyLimit: s.config.uploadMaxBytes,
      schema: {
        tags,
        summary: '上传整改佐证材料（请求体为文件内容，文件名放在 X-Filename 头，URL 编码）',
        params,
        response: { 201: findingFileDto },
      },
    },
    async (req, reply) => {
      const { name, data } = uploadedFile(req);
      return reply.code(201).send(await uploadFindingFile(s, actorOf(req), req.params.id, name, data, clientIp(req)));
    },
  );
  app.get(
    '/api/rectifications/:id/files/:fileId',
    { schema: { tags, summary: '下载整改佐证材料', params: z.strictObject({ id, fileId: id }) } },
    async (req, reply) => {
      const f = await openFindingFile(s, actorOf(req), req.params.id, req.params.fileId);
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
