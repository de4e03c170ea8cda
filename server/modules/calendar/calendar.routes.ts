import type { z } from 'zod';
import type { calendarYearDto } from '../../../core/contracts/calendar.js';
import {
  calendarChangeDto,
  calendarDaysDto,
  calendarDaysQuery,
  calendarYearListDto,
  dueDto,
  dueQuery,
  importScheduleBody,
  importScheduleDto,
  overrideBody,
  overrideListDto,
  overrideParams,
  scheduleYearParams,
} from '../../../core/contracts/calendar.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { addDays } from '../../../core/calendar/working-days.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { calendarYears, loadCalendar } from './calendar.service.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { listOverrides } from './calendar.repository.js';
import { overrideDto as presentOverride } from './calendar.presenter.js';
import { checkDay } from './calendar-change.js';
import { importSchedule } from './import-schedule.js';
import { revertSchedule } from './revert-schedule.js';
import { setOverride } from './set-override.js';
import { removeOverride } from './remove-override.js';

/** The working-day rule as an API (R5.8–R5.10), and the calendar's upkeep by the general office. */
export function calendarRoutes(app: ZApp, s: Services): void {
  const tags = ['calendar'];
  app.get(
    '/api/calendar/due',
    {
      schema: {
        tags,
        summary: '会议日后第 N 个工作日（纪要分送时限）',
        querystring: dueQuery,
        response: { 200: dueDto },
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

  // The calendar lists stay whole arrays: published years, a year's holidays and adjusted days,
  // and hand-made overrides are a few dozen rows a year, kept by an administrator.
  app.get(
    '/api/calendar/years',
    {
      schema: {
        tags,
        summary: '已公布节假日安排的年份（以及下一年是否仍为暂定）',
        response: { 200: calendarYearListDto },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const years = await calendarYears(s.db.kysely, actor.unitId);
      const out: z.infer<typeof calendarYearDto>[] = years.map((y) => ({ ...y }));
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
        querystring: calendarDaysQuery,
        response: { 200: calendarDaysDto },
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
    { schema: { tags, summary: '单日调整', response: { 200: overrideListDto } } },
    async (req) => (await listOverrides(s.db.kysely, actorOf(req).unitId)).map(presentOverride),
  );

  app.post(
    '/api/calendar/schedules',
    {
      schema: {
        tags,
        summary: '导入一年的国务院节假日安排（holiday-cn 格式 {year, days:[{name, date, isOffDay}]}）',
        body: importScheduleBody,
        response: { 200: importScheduleDto },
      },
    },
    async (req) => importSchedule(s, actorOf(req), req.body, clientIp(req)),
  );

  app.delete(
    '/api/calendar/schedules/:year',
    {
      schema: {
        tags,
        summary: '撤销导入的年度安排（恢复随系统发布的安排，或暂定）',
        params: scheduleYearParams,
        response: { 200: calendarChangeDto },
      },
    },
    async (req) => revertSchedule(s, actorOf(req), req.params.year, clientIp(req)),
  );

  app.put(
    '/api/calendar/overrides/:date',
    {
      schema: {
        tags,
        summary: '单日调整（设为休息日或工作日）',
        params: overrideParams,
        body: overrideBody,
        response: { 200: calendarChangeDto },
      },
    },
    async (req) => setOverride(s, actorOf(req), req.params.date, req.body, clientIp(req)),
  );

  app.delete(
    '/api/calendar/overrides/:date',
    {
      schema: { tags, summary: '撤销单日调整', params: overrideParams, response: { 200: calendarChangeDto } },
    },
    async (req) => removeOverride(s, actorOf(req), req.params.date, clientIp(req)),
  );
}
