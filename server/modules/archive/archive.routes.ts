import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import {
  appraisalPageDto,
  appraisalQuery,
  appraiseBody,
  archiveCheckDto,
  archiveDetailDto,
  archiveItemDto,
  archivesOverviewDto,
  archivesQuery,
  createArchiveBody,
} from '../../../core/contracts/archive.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { contentDisposition } from '../../platform/storage/file-type.js';
import { archiveYear } from './archive-year.js';
import { appraiseItem } from './appraise-item.js';
import {
  checkArchive,
  checkReportPdf,
  openPackage,
  viewAppraisal,
  viewArchive,
  viewArchives,
} from './view-archives.js';

const tags = ['archive'];
const params = z.strictObject({ id });

/**
 * R5.7 / R1.3: yearly archiving per division (归档) with its verifiable package and 四性检测, and
 * the appraisal of records whose retention has run out (到期鉴定). The general office archives and
 * appraises (`archive.manage`); the supervision office reads and verifies (`archive.read`); anyone
 * else gets 404.
 */
export function archiveRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/archives',
    {
      schema: {
        tags,
        summary: '各处室某年度的归档状态（默认上一年度）：已归档、可归档、暂不能归档（列出原因）',
        querystring: archivesQuery,
        response: { 200: archivesOverviewDto },
      },
    },
    async (req) => viewArchives(s, actorOf(req), req.query.year),
  );
  app.post(
    '/api/archives',
    {
      schema: {
        tags,
        summary: '年度归档：生成归档信息包（纪要各版本与会议记录为 PDF/A，材料为原格式，XML 清单），四性检测通过后归档',
        body: createArchiveBody,
        response: { 201: archiveDetailDto },
      },
    },
    async (req, reply) => reply.code(201).send(await archiveYear(s, actorOf(req), req.body, clientIp(req))),
  );
  app.get(
    '/api/archives/appraisal',
    {
      schema: {
        tags,
        summary: '到期鉴定：保管期限已届满的档案（最早到期的在前）',
        querystring: appraisalQuery,
        response: { 200: appraisalPageDto },
      },
    },
    async (req) => viewAppraisal(s, actorOf(req), req.query),
  );
  app.get(
    '/api/archives/:id',
    {
      schema: {
        tags,
        summary: '归档记录：件目录、元数据、文件清单和归档时的四性检测报告',
        params,
        response: { 200: archiveDetailDto },
      },
    },
    async (req) => viewArchive(s, actorOf(req), req.params.id),
  );
  app.get(
    '/api/archives/:id/package.zip',
    { schema: { tags, summary: '下载归档信息包（ZIP）', params } },
    async (req, reply) => {
      const f = await openPackage(s, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(f.filename))
        .header('cache-control', 'private, no-store')
        .send(f.data);
    },
  );
  app.get(
    '/api/archives/:id/check',
    {
      schema: {
        tags,
        summary: '对已存储的归档信息包重新进行四性检测，并与归档记录的 SHA-256 核对',
        params,
        response: { 200: archiveCheckDto },
      },
    },
    async (req) => checkArchive(s, actorOf(req), req.params.id),
  );
  app.get(
    '/api/archives/:id/report.pdf',
    { schema: { tags, summary: '四性检测报告（PDF，检测时重新检测）', params } },
    async (req, reply) => {
      const f = await checkReportPdf(s, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(f.filename, true))
        .header('cache-control', 'private, no-store')
        .send(f.data);
    },
  );
  app.post(
    '/api/archives/items/:id/appraise',
    {
      schema: {
        tags,
        summary: '到期鉴定处置：销毁（永久保管的不能销毁）或延长保管期限，须记录理由、鉴定人员和批准文号',
        params,
        body: appraiseBody,
        response: { 200: archiveItemDto },
      },
    },
    async (req) => appraiseItem(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
}
