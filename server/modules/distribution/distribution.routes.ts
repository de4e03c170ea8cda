import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import {
  confirmReadBody,
  deadlinesQuery,
  distributionEntryDto,
  distributionEntryPageDto,
  distributionOverviewPageDto,
  inboxQuery,
  meetingDistributionDto,
} from '../../../core/contracts/distribution.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { entryDto, recipientEntry } from './distribution.repository.js';
import { listInbox } from './list-inbox.js';
import { confirmRead } from './confirm-read.js';
import { receiveFiling } from './receive-filing.js';
import { viewMeetingDistribution } from './view-meeting-distribution.js';
import { listDeadlines } from './list-deadlines.js';

const tags = ['distribution'];
const params = z.strictObject({ id });

/** R5.8–R5.10: the 待阅 list, the 报备 inbox, receipts, and each meeting's deadline and recipients. */
export function distributionRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/distributions',
    {
      schema: {
        tags,
        summary: '我的待阅纪要（box=reading）或监察室报备收件箱（box=filing）（按游标分页，最新的在前）',
        querystring: inboxQuery,
        response: { 200: distributionEntryPageDto },
      },
    },
    async (req) => listInbox(s, actorOf(req), req.query),
  );

  app.get(
    '/api/distributions/:id',
    { schema: { tags, summary: '一条分送记录（仅收件人）', params, response: { 200: distributionEntryDto } } },
    async (req) => {
      const actor = actorOf(req);
      return entryDto(actor, await recipientEntry(s.db.kysely, actor, req.params.id));
    },
  );

  app.post(
    '/api/distributions/:id/read',
    {
      schema: {
        tags,
        summary: '确认已阅，可附意见（领导批示）；重复确认不改变首次时间',
        params,
        body: confirmReadBody,
        response: { 200: distributionEntryDto },
      },
    },
    async (req) => confirmRead(s, actorOf(req), req.params.id, clientIp(req), req.body?.comment),
  );

  app.post(
    '/api/distributions/:id/receive',
    { schema: { tags, summary: '监察室备案签收（R5.10）', params, response: { 200: distributionEntryDto } } },
    async (req) => receiveFiling(s, actorOf(req), req.params.id, clientIp(req)),
  );

  // One meeting's recipients: bounded by the roles and the division's staff, not by data, so no cursor.
  app.get(
    '/api/meetings/:id/distribution',
    {
      schema: {
        tags,
        summary: '会议纪要的分送时限与各收件人状态',
        params,
        response: { 200: meetingDistributionDto },
      },
    },
    async (req) => viewMeetingDistribution(s, actorOf(req), req.params.id),
  );

  app.get(
    '/api/distribution-deadlines',
    {
      schema: {
        tags,
        summary: '纪要分送时限一览（监察室检查、领导查看；按游标分页，会议日最新的在前）',
        querystring: deadlinesQuery,
        response: { 200: distributionOverviewPageDto },
      },
    },
    async (req) => listDeadlines(s, actorOf(req), req.query),
  );
}
