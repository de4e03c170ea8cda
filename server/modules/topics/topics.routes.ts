import { uploadedFile } from '../../platform/http/upload.js';
import { z } from 'zod';
import { id, versionBody } from '../../../core/contracts/common.js';
import {
  addFlagsBody,
  createTopicBody,
  approveTopicBody,
  decidedMatterPageDto,
  decidedMattersQuery,
  returnTopicBody,
  topicDto,
  topicsPageDto,
  topicsQuery,
  updateTopicBody,
  uploadedAttachmentDto,
} from '../../../core/contracts/topics.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { contentDisposition } from '../../platform/storage/file-type.js';
import { getTopicDto } from './topics.repository.js';
import { listTopics } from './list-topics.js';
import {
  addTopicFlags,
  approveTopic,
  createTopic,
  returnTopic,
  submitTopic,
  updateTopic,
  withdrawTopic,
} from './topic-commands.js';
import { listDecidedMatters } from './list-decided-matters.js';
import { openAttachment, removeAttachment, uploadAttachment } from './attachments.js';

const tags = ['topics'];
const idParams = z.strictObject({ id });
const attParams = z.strictObject({ id, attachmentId: id });

export function topicsRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/topics',
    {
      schema: {
        tags,
        summary: '议题列表（可见范围内；按游标分页，最近修改的在前）',
        querystring: topicsQuery,
        response: { 200: topicsPageDto },
      },
    },
    async (req) => listTopics(s, actorOf(req), req.query),
  );

  app.post(
    '/api/topics',
    {
      schema: {
        tags,
        summary: '提出议题（处长提出的直接通过，R2.1）',
        body: createTopicBody,
        response: { 201: topicDto },
      },
    },
    async (req, reply) => {
      const { divisionId, ...input } = req.body;
      return reply.code(201).send(await createTopic(s, actorOf(req), divisionId, input, clientIp(req)));
    },
  );

  app.get(
    '/api/topics/:id',
    { schema: { tags, summary: '议题详情', params: idParams, response: { 200: topicDto } } },
    async (req) => getTopicDto(s.db.kysely, actorOf(req), req.params.id),
  );

  app.put(
    '/api/topics/:id',
    {
      schema: {
        tags,
        summary: '修改议题（草稿或被退回时）',
        params: idParams,
        body: updateTopicBody,
        response: { 200: topicDto },
      },
    },
    async (req) => updateTopic(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );

  const act = (
    path: string,
    summary: string,
    fn: (actor: ReturnType<typeof actorOf>, topicId: string, version: number, ip: string | null) => Promise<unknown>,
  ) =>
    app.post(
      `/api/topics/:id/${path}`,
      { schema: { tags, summary, params: idParams, body: versionBody, response: { 200: topicDto } } },
      async (req) =>
        fn(actorOf(req), req.params.id, req.body.version, clientIp(req)) as Promise<z.infer<typeof topicDto>>,
    );
  act('submit', '提交审核（重要事项须附书面材料，R2.4）', (a, t, v, ip) => submitTopic(s, a, t, v, ip));
  app.post(
    '/api/topics/:id/approve',
    {
      schema: {
        tags,
        summary: '同意列入议题（R2.2；可附审核意见）',
        params: idParams,
        body: approveTopicBody,
        response: { 200: topicDto },
      },
    },
    async (req) => approveTopic(s, actorOf(req), req.params.id, req.body.version, clientIp(req), req.body.comment),
  );
  act('withdraw', '撤回议题', (a, t, v, ip) => withdrawTopic(s, a, t, v, ip));
  app.post(
    '/api/topics/:id/flags',
    {
      schema: {
        tags,
        summary: '审核人补充事项标注（只增不减，R1.2、R4.1）',
        params: idParams,
        body: addFlagsBody,
        response: { 200: topicDto },
      },
    },
    async (req) => addTopicFlags(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );

  app.get(
    '/api/decided-matters',
    {
      schema: {
        tags,
        summary: '经处务会决定的项目、资金、重大处罚、下放权力事项（R4.1）',
        querystring: decidedMattersQuery,
        response: { 200: decidedMatterPageDto },
      },
    },
    async (req) => listDecidedMatters(s, actorOf(req), req.query),
  );

  app.post(
    '/api/topics/:id/return',
    {
      schema: {
        tags,
        summary: '退回议题（须说明理由）',
        params: idParams,
        body: returnTopicBody,
        response: { 200: topicDto },
      },
    },
    async (req) => returnTopic(s, actorOf(req), req.params.id, req.body.version, req.body.reason, clientIp(req)),
  );

  app.post(
    '/api/topics/:id/attachments',
    {
      bodyLimit: s.config.uploadMaxBytes,
      schema: {
        tags,
        summary: '上传书面材料（请求体为文件内容，文件名放在 X-Filename 头，URL 编码）',
        params: idParams,
        response: { 201: uploadedAttachmentDto },
      },
    },
    async (req, reply) => {
      const { name, data } = uploadedFile(req);
      const r = await uploadAttachment(s, actorOf(req), req.params.id, name, data, clientIp(req));
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/api/topics/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载书面材料', params: attParams } },
    async (req, reply) => {
      const f = await openAttachment(s, actorOf(req), req.params.id, req.params.attachmentId);
      reply
        .header('content-type', f.mime)
        .header('content-length', String(f.size))
        .header('content-disposition', contentDisposition(f.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store');
      return reply.send(f.stream);
    },
  );

  app.delete(
    '/api/topics/:id/attachments/:attachmentId',
    { schema: { tags, summary: '删除书面材料（草稿或被退回时）', params: attParams } },
    async (req, reply) => {
      await removeAttachment(s, actorOf(req), req.params.id, req.params.attachmentId, clientIp(req));
      return reply.code(204).send();
    },
  );
}
