import { z } from 'zod';
import { id } from '../../../core/contracts.js';
import {
  distributionEntryDto,
  distributionOverviewDto,
  inboxQuery,
  meetingDistributionDto,
} from '../../../core/contracts-distribution.js';
import { DISTRIBUTION_STATUSES, type DistributionStatus } from '../../../core/distribution.js';
import { AppError } from '../../../core/errors.js';
import { can, visibleDivisionIds } from '../../../core/policy.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { internalMeeting } from '../meetings/meetings.repository.js';
import { entriesQuery, entryDto, isRecipient, meetingDistribution, recipientEntry } from './distribution.repository.js';

const tags = ['distribution'];
const params = z.strictObject({ id });

/** R5.8–R5.10: the 待阅 list, the 报备 inbox, receipts, and each meeting's deadline and recipients. */
export function distributionRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/distributions',
    {
      schema: {
        tags,
        summary: '我的待阅纪要（box=reading）或监察室报备收件箱（box=filing）',
        querystring: inboxQuery,
        response: { 200: z.array(distributionEntryDto) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { box, state } = req.query;
      let q = entriesQuery(s.db.kysely, actor.unitId);
      if (box === 'reading') {
        q = q.where('e.recipient_id', '=', actor.userId).where('e.purpose', 'in', ['report', 'circulate']);
        // A superseded version's unread entry is not a to-do: its correction came as an entry of its own.
        if (state === 'open') q = q.where('e.read_at', 'is', null).where('n.status', '=', 'issued');
        if (state === 'done') q = q.where('e.read_at', 'is not', null);
      } else {
        if (!can(actor, 'filing.receive')) throw new AppError('FORBIDDEN', '报备收件箱仅供监察室使用');
        const offices = actor.memberships
          .filter((m) => m.divisionKind === 'supervision_office')
          .map((m) => m.divisionId);
        q = q.where('e.purpose', '=', 'file').where('e.recipient_division_id', 'in', offices);
        if (state === 'open') q = q.where('e.received_at', 'is', null).where('n.status', '=', 'issued');
        if (state === 'done') q = q.where('e.received_at', 'is not', null);
      }
      const rows = await q.orderBy('e.sent_at', 'desc').limit(500).execute();
      return rows.map((r) => entryDto(actor, r));
    },
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
      schema: { tags, summary: '确认已阅（重复确认不改变首次时间）', params, response: { 200: distributionEntryDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return inTransaction(s, async (trx) => {
        const e = await recipientEntry(trx, actor, req.params.id);
        if (e.purpose === 'file') throw new AppError('INVALID_TRANSITION', '备案纪要由监察室签收，无需确认已阅');
        if (e.read_at === null) {
          await trx
            .updateTable('distribution_entries')
            .set({ read_at: s.clock.now().toISOString() })
            .where('id', '=', e.id)
            .where('read_at', 'is', null)
            .execute();
          await audit(s, trx, {
            ...auditBy(actor, clientIp(req)),
            action: 'distribution.read',
            subjectType: 'minutes',
            subjectId: e.minutes_id,
            data: { entryId: e.id, purpose: e.purpose },
          });
        }
        return entryDto(actor, await recipientEntry(trx, actor, e.id));
      });
    },
  );

  app.post(
    '/api/distributions/:id/receive',
    { schema: { tags, summary: '监察室备案签收（R5.10）', params, response: { 200: distributionEntryDto } } },
    async (req) => {
      const actor = actorOf(req);
      return inTransaction(s, async (trx) => {
        const e = await entriesQuery(trx, actor.unitId).where('e.id', '=', req.params.id).executeTakeFirst();
        if (!e) throw new AppError('NOT_FOUND', '分送记录不存在');
        if (!can(actor, 'filing.receive')) throw new AppError('FORBIDDEN', '备案签收须由监察室办理');
        if (e.purpose !== 'file') throw new AppError('INVALID_TRANSITION', '这不是备案件，无需签收');
        if (!isRecipient(actor, e)) throw new AppError('NOT_FOUND', '分送记录不存在或不是发给您的');
        if (e.received_at === null) {
          await trx
            .updateTable('distribution_entries')
            .set({ received_at: s.clock.now().toISOString(), received_by: actor.userId })
            .where('id', '=', e.id)
            .where('received_at', 'is', null)
            .execute();
          await audit(s, trx, {
            ...auditBy(actor, clientIp(req)),
            action: 'distribution.receive',
            subjectType: 'minutes',
            subjectId: e.minutes_id,
            data: { entryId: e.id },
          });
        }
        return entryDto(actor, await recipientEntry(trx, actor, e.id));
      });
    },
  );

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
    async (req) => {
      const actor = actorOf(req);
      const db = s.db.kysely;
      const readable = await internalMeeting(db, actor, req.params.id).catch(() => null);
      if (!readable) {
        // A recipient from outside the division sees the distribution of what was sent to them.
        const sent = await db
          .selectFrom('distribution_entries')
          .select(['recipient_id', 'recipient_division_id'])
          .where('unit_id', '=', actor.unitId)
          .where('meeting_id', '=', req.params.id)
          .execute();
        if (!sent.some((e) => isRecipient(actor, e))) throw new AppError('NOT_FOUND', '会议不存在或无权查看');
      }
      return meetingDistribution(db, actor, req.params.id, s.clock.now());
    },
  );

  app.get(
    '/api/distribution-deadlines',
    {
      schema: {
        tags,
        summary: '纪要分送时限一览（监察室检查、领导查看）',
        querystring: z.strictObject({
          status: z.enum(DISTRIBUTION_STATUSES).optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: { 200: distributionOverviewDto },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const all = await s.db.kysely.selectFrom('divisions').select('id').where('unit_id', '=', actor.unitId).execute();
      const visible = visibleDivisionIds(
        actor,
        all.map((d) => d.id),
      );
      let q = s.db.kysely
        .selectFrom('distributions as x')
        .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
        .innerJoin('divisions as d', 'd.id', 'x.division_id')
        .leftJoin('minutes as n', 'n.id', 'x.minutes_id')
        .select([
          'x.meeting_id',
          'm.title',
          'd.name',
          'x.meeting_day',
          'x.due_date',
          'x.deadline',
          'x.provisional',
          'x.status',
          'x.minutes_id',
          'n.number',
          'x.issued_at',
        ])
        .where('x.unit_id', '=', actor.unitId)
        .where('x.division_id', 'in', visible.length ? visible : ['-']);
      if (req.query.status) q = q.where('x.status', '=', req.query.status);
      if (req.query.year)
        q = q
          .where('x.meeting_day', '>=', `${req.query.year}-01-01`)
          .where('x.meeting_day', '<=', `${req.query.year}-12-31`);
      const rows = await q.orderBy('x.meeting_day', 'desc').limit(1000).execute();
      return rows.map((r) => ({
        meetingId: r.meeting_id,
        meetingTitle: r.title,
        divisionName: r.name,
        meetingDay: r.meeting_day,
        dueDate: r.due_date,
        deadline: r.deadline,
        provisional: Number(r.provisional) === 1,
        status: r.status as DistributionStatus,
        minutesId: r.minutes_id,
        minutesNumber: r.number,
        issuedAt: r.issued_at,
      }));
    },
  );
}
