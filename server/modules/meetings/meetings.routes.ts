import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import { versionBody } from '../../../core/contracts/common.js';
import {
  agendaOutcomeBody,
  attendanceBody,
  cancelMeetingBody,
  checkInBody,
  checkinTicketBody,
  decideLeaveBody,
  leaveBody,
  meetingBody,
  meetingDto,
  meetingsQuery,
  meetingSummaryPageDto,
  monthlyDto,
  monthlyQuery,
  checkinTokenDto,
  checkinTicketDto,
  checkInOutcomeDto,
  updateMeetingBody,
} from '../../../core/contracts/meetings.js';
import { AppError } from '../../../core/errors.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { getMeetingDto, readableMeeting } from './meetings.repository.js';
import { createMeeting, updateMeeting } from './meeting-commands.js';
import { cancelMeeting, closeMeeting, notifyMeeting, setAgendaOutcome, startMeeting } from './meeting-lifecycle.js';
import {
  checkIn,
  checkinTicket,
  checkinToken,
  decideLeave,
  markAttendance,
  markNoticeRead,
  requestLeave,
} from './attendance.js';
import { listMeetings } from './list-meetings.js';
import { monthlyOverview } from './monthly-overview.js';
import { paperMinutesRoutes } from './backfill.routes.js';

const tags = ['meetings'];
const params = z.strictObject({ id });

export function meetingsRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: '会议列表：可见处室的会议和本人受邀的会议；可按处室、月份筛选（按游标分页，最新的在前）',
        querystring: meetingsQuery,
        response: { 200: meetingSummaryPageDto },
      },
    },
    async (req) => listMeetings(s, actorOf(req), req.query),
  );

  app.get(
    '/api/meetings/monthly',
    {
      schema: {
        tags,
        // One row per active division of the unit: bounded by the org chart, not by data, so no cursor.
        summary: '各处室某月处务会召开情况及是否达标（R3.5，按实际召开时间计入月份）',
        querystring: monthlyQuery,
        response: { 200: monthlyDto },
      },
    },
    async (req) => monthlyOverview(s, actorOf(req), req.query.month),
  );

  app.post(
    '/api/meetings',
    { schema: { tags, summary: '召集处务会（R3.1、R3.2、R3.6）', body: meetingBody, response: { 201: meetingDto } } },
    async (req, reply) => reply.code(201).send(await createMeeting(s, actorOf(req), req.body, clientIp(req))),
  );

  app.get(
    '/api/meetings/:id',
    { schema: { tags, summary: '会议详情', params, response: { 200: meetingDto } } },
    async (req) => getMeetingDto(s.db.kysely, actorOf(req), req.params.id, s.clock.now()),
  );

  app.patch(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary: '修改会议（通知后修改将重新通知并留痕）',
        params,
        body: updateMeetingBody,
        response: { 200: meetingDto },
      },
    },
    async (req) => updateMeeting(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );

  paperMinutesRoutes(app, s);

  const step = (path: string, summary: string, fn: typeof notifyMeeting) =>
    app.post(
      `/api/meetings/:id/${path}`,
      { schema: { tags, summary, params, body: versionBody, response: { 200: meetingDto } } },
      async (req) => fn(s, actorOf(req), req.params.id, req.body.version, clientIp(req)),
    );
  step('notify', '发出会议通知和会前传阅材料（R2.3）', notifyMeeting);
  step('start', '开始会议', startMeeting);
  step('close', '结束会议（结算出席情况，R3.7）', closeMeeting);

  app.post(
    '/api/meetings/:id/cancel',
    { schema: { tags, summary: '取消会议', params, body: cancelMeetingBody, response: { 200: meetingDto } } },
    async (req) => cancelMeeting(s, actorOf(req), req.params.id, req.body.version, req.body.reason, clientIp(req)),
  );

  app.post(
    '/api/meetings/:id/read',
    { schema: { tags, summary: '确认已阅会议通知（回执）', params } },
    async (req, reply) => {
      const actor = actorOf(req);
      const { row, myRole } = await readableMeeting(s.db.kysely, actor, req.params.id);
      if (!myRole) throw new AppError('NOT_A_PARTICIPANT');
      if (!row.notified_at) throw new AppError('INVALID_TRANSITION', '会议尚未发出通知');
      await markNoticeRead(s, actor, row.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/meetings/:id/leave',
    { schema: { tags, summary: '请假（R3.7）', params, body: leaveBody, response: { 200: meetingDto } } },
    async (req) => requestLeave(s, actorOf(req), req.params.id, req.body.reason, clientIp(req)),
  );

  app.post(
    '/api/meetings/:id/leave/:leaveId/decide',
    {
      schema: {
        tags,
        summary: '审批请假',
        params: z.strictObject({ id, leaveId: id }),
        body: decideLeaveBody,
        response: { 200: meetingDto },
      },
    },
    async (req) =>
      decideLeave(s, actorOf(req), req.params.id, req.params.leaveId, req.body.approve, req.body.note, clientIp(req)),
  );

  app.post(
    '/api/meetings/:id/attendance',
    { schema: { tags, summary: '登记出席、迟到', params, body: attendanceBody, response: { 200: meetingDto } } },
    async (req) => markAttendance(s, actorOf(req), req.params.id, req.body.marks, clientIp(req)),
  );

  app.put(
    '/api/meetings/:id/agenda/:topicId/outcome',
    {
      schema: {
        tags,
        summary: '标记议题已研究或暂缓',
        params: z.strictObject({ id, topicId: id }),
        body: agendaOutcomeBody,
        response: { 200: meetingDto },
      },
    },
    async (req) =>
      setAgendaOutcome(s, actorOf(req), req.params.id, req.params.topicId, req.body.outcome, clientIp(req)),
  );

  app.get(
    '/api/meetings/:id/checkin-token',
    {
      schema: {
        tags,
        summary: '会场签到二维码的当前签到码（每 30 秒更换）',
        params,
        response: { 200: checkinTokenDto },
      },
    },
    async (req) => checkinToken(s, actorOf(req), req.params.id),
  );

  app.post(
    '/api/meetings/:id/checkin-ticket',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '未登录扫码：以当前签到码换取签到凭证（登录后凭此签到，以扫码时间为准）',
        params,
        body: checkinTicketBody,
        response: { 200: checkinTicketDto },
      },
    },
    async (req) => checkinTicket(s, req.params.id, req.body.token),
  );

  app.post(
    '/api/meetings/:id/check-in',
    {
      schema: {
        tags,
        summary: '扫码签到',
        params,
        body: checkInBody,
        response: { 200: checkInOutcomeDto },
      },
    },
    async (req) => checkIn(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
}
