import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import {
  confirmLineBody,
  dismissLineBody,
  importRegisterDto,
  registerKindParams,
  registerLineDto,
  registerLinesPageDto,
  registerLinesQuery,
  registersPageDto,
  registersQuery,
  reopenLineBody,
} from '../../../core/contracts/registers.js';
import { REGISTER_MAX_BYTES } from '../../../core/registers.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { uploadedFile } from '../../platform/http/upload.js';
import { importRegister } from './import-register.js';
import { reopenRegisterLine, reviewRegisterLine } from './review-line.js';
import { viewRegisterLines, viewRegisters } from './view-registers.js';

const tags = ['registers'];
const params = z.strictObject({ id });

/**
 * R4.1 / R6.4: the bureau's registers (登记簿) held against the topics division meetings
 * decided. Read: `oversight.read`; import and review: `register.manage` (the supervision
 * office, the general office). Anyone else 404.
 */
export function registersRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/registers',
    {
      schema: {
        tags,
        summary: '已导入的登记簿（新导入的在前），各状态的事项数',
        querystring: registersQuery,
        response: { 200: registersPageDto },
      },
    },
    async (req) => viewRegisters(s, actorOf(req), req.query),
  );
  app.post(
    '/api/registers/import/:kind',
    {
      bodyLimit: REGISTER_MAX_BYTES,
      schema: {
        tags,
        summary:
          '导入某类登记簿（CSV 或 XLSX，列：处室、日期、金额（元）、事项；请求体为文件内容，文件名放在 X-Filename 头，URL 编码）',
        params: registerKindParams,
        response: { 201: importRegisterDto },
      },
    },
    async (req, reply) => {
      const { name, data } = uploadedFile(req);
      return reply.code(201).send(await importRegister(s, actorOf(req), req.params.kind, name, data, clientIp(req)));
    },
  );
  app.get(
    '/api/registers/:id/lines',
    {
      schema: {
        tags,
        summary: '登记簿的事项及其与处务会议题的匹配状态（可按处室、状态筛选）',
        params,
        querystring: registerLinesQuery,
        response: { 200: registerLinesPageDto },
      },
    },
    async (req) => viewRegisterLines(s, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/registers/lines/:id/confirm',
    {
      schema: {
        tags,
        summary: '确认匹配（理由可选）',
        params,
        body: confirmLineBody,
        response: { 200: registerLineDto },
      },
    },
    async (req) =>
      reviewRegisterLine(s, actorOf(req), req.params.id, { action: 'confirm', ...req.body }, clientIp(req)),
  );
  app.post(
    '/api/registers/lines/:id/dismiss',
    {
      schema: {
        tags,
        summary: '驳回匹配（须填写理由），该事项记为未经处务会研究',
        params,
        body: dismissLineBody,
        response: { 200: registerLineDto },
      },
    },
    async (req) =>
      reviewRegisterLine(s, actorOf(req), req.params.id, { action: 'dismiss', ...req.body }, clientIp(req)),
  );
  app.post(
    '/api/registers/lines/:id/reopen',
    {
      schema: {
        tags,
        summary: '重新复核已确认、已驳回或未经处务会研究的事项（须填写理由）：按现有的处务会议题重新匹配，回到待复核',
        params,
        body: reopenLineBody,
        response: { 200: registerLineDto },
      },
    },
    async (req) => reopenRegisterLine(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
}
