import type { AuditAction } from '../../../core/audit-events.js';
import { z } from 'zod';
import type { Services, Tx } from '../../platform/services.js';
import { audit, auditBy, inTransaction } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import { addDays, isValidDay } from '../../../core/calendar/working-days.js';
import { parseHolidaySchedule } from '../../../core/calendar/parse-schedule.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { calendarYears, loadCalendar } from './calendar.service.js';
import { emit } from '../../platform/events.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD');
const dayInfoDto = z.object({
  date: z.string(),
  workday: z.boolean(),
  name: z.string().nullable(),
  source: z.enum(['override', 'schedule', 'statutory-provisional', 'weekend', 'weekday']),
  provisional: z.boolean(),
});
const yearDto = z.object({
  year: z.number(),
  source: z.enum(['shipped', 'imported', 'provisional']),
  days: z.number(),
  importedAt: z.string().nullable(),
  importedByName: z.string().nullable(),
  papers: z.array(z.string()),
});
const overrideDto = z.object({
  date: z.string(),
  isOffDay: z.boolean(),
  name: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
const changeResult = z.object({ recomputed: z.number() });

function requireManager(actor: Actor) {
  if (!can(actor, 'calendar.manage')) throw new AppError('FORBIDDEN', '工作日历由办公室或系统管理员维护');
}

/** The days a year's schedule can change: the year, and listed days of its neighbours (e.g. 12-31 of the year before). */
function yearRange(year: number, days: readonly { date: string }[]) {
  const dates = [`${year}-01-01`, `${year}-12-31`, ...days.map((d) => d.date)].sort();
  return { from: dates[0] as string, to: dates[dates.length - 1] as string };
}

/** After a calendar change in `trx`: the deadlines it touches are recomputed and the change audited. */
async function recomputeAndAudit(
  s: Services,
  trx: Tx,
  actor: Actor,
  ip: string | null,
  change: {
    action: AuditAction;
    subjectId: string;
    range: { from: string; to: string };
    data?: Record<string, unknown>;
  },
): Promise<number> {
  const recomputed = await emit(s, trx, 'calendar.changed', { unitId: actor.unitId, ...change.range });
  await audit(s, trx, {
    ...auditBy(actor, ip),
    action: change.action,
    subjectType: 'calendar',
    subjectId: change.subjectId,
    data: { ...change.data, recomputed },
  });
  return recomputed;
}

function checkDay(d: string) {
  if (!isValidDay(d)) throw new AppError('VALIDATION_FAILED', `日期无效：${d}`);
}

/** The working-day rule as an API (R5.8–R5.10), and the calendar's upkeep by the general office. */
export function calendarRoutes(app: ZApp, s: Services): void {
  const tags = ['calendar'];
  app.get(
    '/api/calendar/due',
    {
      schema: {
        tags,
        summary: '会议日后第 N 个工作日（纪要分送时限）',
        querystring: z.strictObject({ date: day, days: z.coerce.number().int().min(1).max(30).optional() }),
        response: {
          200: z.object({ date: z.string(), deadline: z.string(), provisional: z.boolean(), days: z.number() }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      checkDay(req.query.date);
      const days =
        req.query.days ?? (await readSettings(s.db.kysely, actor.unitId, 'regime')).value.distributionWorkingDays;
      const cal = await loadCalendar(s.db.kysely, actor.unitId);
      return { ...cal.distributionDeadline(req.query.date, days), days };
    },
  );

  app.get(
    '/api/calendar/years',
    {
      schema: {
        tags,
        summary: '已公布节假日安排的年份（以及下一年是否仍为暂定）',
        response: { 200: z.array(yearDto) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const years = await calendarYears(s.db.kysely, actor.unitId);
      const out: z.infer<typeof yearDto>[] = years.map((y) => ({ ...y }));
      const thisYear = Number(shanghaiDay(s.clock.now()).slice(0, 4));
      for (const y of [thisYear, thisYear + 1])
        if (!years.some((x) => x.year === y))
          out.push({ year: y, source: 'provisional', days: 0, importedAt: null, importedByName: null, papers: [] });
      return out.sort((a, b) => a.year - b.year);
    },
  );

  app.get(
    '/api/calendar/days',
    {
      schema: {
        tags,
        summary: '某年的节假日、调休上班日与单日调整（不含普通周末与工作日）',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: z.object({ year: z.number(), provisional: z.boolean(), days: z.array(dayInfoDto) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const cal = await loadCalendar(s.db.kysely, actor.unitId);
      const days = [];
      for (let d = `${req.query.year}-01-01`; d.startsWith(String(req.query.year)); d = addDays(d, 1)) {
        const info = cal.dayInfo(d);
        if (info.source !== 'weekday' && info.source !== 'weekend') days.push(info);
      }
      return { year: req.query.year, provisional: !cal.isPublished(req.query.year), days };
    },
  );

  app.get(
    '/api/calendar/overrides',
    { schema: { tags, summary: '单日调整', response: { 200: z.array(overrideDto) } } },
    async (req) => {
      const actor = actorOf(req);
      const rows = await s.db.kysely
        .selectFrom('calendar_overrides as o')
        .leftJoin('users as u', 'u.id', 'o.created_by')
        .select(['o.date', 'o.is_off_day', 'o.name', 'o.note', 'o.created_at', 'u.display_name'])
        .where('o.unit_id', '=', actor.unitId)
        .orderBy('o.date')
        .execute();
      return rows.map((r) => ({
        date: r.date,
        isOffDay: Number(r.is_off_day) === 1,
        name: r.name,
        note: r.note,
        createdAt: r.created_at,
        createdByName: r.display_name,
      }));
    },
  );

  app.post(
    '/api/calendar/schedules',
    {
      schema: {
        tags,
        summary: '导入一年的国务院节假日安排（holiday-cn 格式 {year, days:[{name, date, isOffDay}]}）',
        body: z.unknown(),
        response: { 200: changeResult.extend({ year: z.number(), days: z.number(), replaced: z.boolean() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requireManager(actor);
      const parsed = parseHolidaySchedule(req.body);
      if (!parsed.ok)
        throw new AppError(
          'CALENDAR_IMPORT_INVALID',
          `节假日安排有误，未导入任何内容：${parsed.errors.map((e) => e.message).join('；')}`,
          { errors: parsed.errors },
        );
      const sch = parsed.schedule;
      return inTransaction(s, async (trx) => {
        const now = s.clock.now().toISOString();
        const before = await trx
          .selectFrom('calendar_schedules')
          .select('days')
          .where('unit_id', '=', actor.unitId)
          .where('year', '=', sch.year)
          .executeTakeFirst();
        await trx
          .deleteFrom('calendar_schedules')
          .where('unit_id', '=', actor.unitId)
          .where('year', '=', sch.year)
          .execute();
        await trx
          .insertInto('calendar_schedules')
          .values({
            unit_id: actor.unitId,
            year: sch.year,
            days: JSON.stringify(sch.days),
            papers: JSON.stringify(sch.papers ?? []),
            imported_by: actor.userId,
            imported_at: now,
          })
          .execute();
        const recomputed = await recomputeAndAudit(s, trx, actor, clientIp(req), {
          action: 'calendar.import',
          subjectId: String(sch.year),
          range: yearRange(sch.year, sch.days),
          data: { year: sch.year, days: sch.days, replaced: Boolean(before) },
        });
        return { year: sch.year, days: sch.days.length, replaced: Boolean(before), recomputed };
      });
    },
  );

  app.delete(
    '/api/calendar/schedules/:year',
    {
      schema: {
        tags,
        summary: '撤销导入的年度安排（恢复随系统发布的安排，或暂定）',
        params: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: changeResult },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requireManager(actor);
      return inTransaction(s, async (trx) => {
        const row = await trx
          .selectFrom('calendar_schedules')
          .select('days')
          .where('unit_id', '=', actor.unitId)
          .where('year', '=', req.params.year)
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', '该年度没有导入的安排');
        await trx
          .deleteFrom('calendar_schedules')
          .where('unit_id', '=', actor.unitId)
          .where('year', '=', req.params.year)
          .execute();
        const days = JSON.parse(row.days) as { date: string }[];
        const recomputed = await recomputeAndAudit(s, trx, actor, clientIp(req), {
          action: 'calendar.import_revert',
          subjectId: String(req.params.year),
          range: yearRange(req.params.year, days),
        });
        return { recomputed };
      });
    },
  );

  app.put(
    '/api/calendar/overrides/:date',
    {
      schema: {
        tags,
        summary: '单日调整（设为休息日或工作日）',
        params: z.strictObject({ date: day }),
        body: z.strictObject({
          isOffDay: z.boolean(),
          name: z.string().trim().max(20).nullable().optional(),
          note: z.string().trim().max(200).nullable().optional(),
        }),
        response: { 200: changeResult },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requireManager(actor);
      checkDay(req.params.date);
      return inTransaction(s, async (trx) => {
        const before = await trx
          .selectFrom('calendar_overrides')
          .selectAll()
          .where('unit_id', '=', actor.unitId)
          .where('date', '=', req.params.date)
          .executeTakeFirst();
        const values = {
          is_off_day: req.body.isOffDay ? 1 : 0,
          name: req.body.name || null,
          note: req.body.note || null,
          created_by: actor.userId,
          created_at: s.clock.now().toISOString(),
        };
        if (before)
          await trx
            .updateTable('calendar_overrides')
            .set(values)
            .where('unit_id', '=', actor.unitId)
            .where('date', '=', req.params.date)
            .execute();
        else
          await trx
            .insertInto('calendar_overrides')
            .values({ unit_id: actor.unitId, date: req.params.date, ...values })
            .execute();
        const recomputed = await recomputeAndAudit(s, trx, actor, clientIp(req), {
          action: 'calendar.override',
          subjectId: req.params.date,
          range: { from: req.params.date, to: req.params.date },
          data: {
            before: before ? { isOffDay: Number(before.is_off_day) === 1, name: before.name } : null,
            after: req.body,
          },
        });
        return { recomputed };
      });
    },
  );

  app.delete(
    '/api/calendar/overrides/:date',
    {
      schema: { tags, summary: '撤销单日调整', params: z.strictObject({ date: day }), response: { 200: changeResult } },
    },
    async (req) => {
      const actor = actorOf(req);
      requireManager(actor);
      return inTransaction(s, async (trx) => {
        const res = await trx
          .deleteFrom('calendar_overrides')
          .where('unit_id', '=', actor.unitId)
          .where('date', '=', req.params.date)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw new AppError('NOT_FOUND', '该日没有单日调整');
        const recomputed = await recomputeAndAudit(s, trx, actor, clientIp(req), {
          action: 'calendar.override_remove',
          subjectId: req.params.date,
          range: { from: req.params.date, to: req.params.date },
        });
        return { recomputed };
      });
    },
  );
}
