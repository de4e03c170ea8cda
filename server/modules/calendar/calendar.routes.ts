import { z } from 'zod';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { AppError } from '../../../core/errors.js';
import { isValidDay, WorkingDayCalendar } from '../../../core/calendar/working-days.js';
import { SHIPPED_SCHEDULES } from '../../../core/calendar/holiday-data/index.js';
import { readSettings } from '../settings/settings.repository.js';

const calendar = new WorkingDayCalendar(SHIPPED_SCHEDULES);

/** The working-day rule as an API (R5.8–R5.10); days default to the unit's setting. */
export function calendarRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        summary: '会议日后第 N 个工作日（纪要分送时限）',
        querystring: z.strictObject({
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD'),
          days: z.coerce.number().int().min(1).max(30).optional(),
        }),
        response: {
          200: z.object({ date: z.string(), deadline: z.string(), provisional: z.boolean(), days: z.number() }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!isValidDay(req.query.date)) throw new AppError('VALIDATION_FAILED', `日期无效：${req.query.date}`);
      const days =
        req.query.days ?? (await readSettings(s.db.kysely, actor.unitId, 'regime')).value.distributionWorkingDays;
      return { ...calendar.distributionDeadline(req.query.date, days), days };
    },
  );
}
