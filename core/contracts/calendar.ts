import { z } from 'zod';

/** API shapes of the working-day calendar (R5.8–R5.10) and its upkeep by the general office. */

export const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD');
const calendarYear = z.coerce.number().int().min(2000).max(2100);

export const dueQuery = z.strictObject({ date: calendarDay, days: z.coerce.number().int().min(1).max(30).optional() });
export const dueDto = z.object({ date: z.string(), deadline: z.string(), provisional: z.boolean(), days: z.number() });

export const calendarYearDto = z.object({
  year: z.number(),
  source: z.enum(['shipped', 'imported', 'provisional']),
  days: z.number(),
  importedAt: z.string().nullable(),
  importedByName: z.string().nullable(),
  papers: z.array(z.string()),
});
export type CalendarYearDto = z.infer<typeof calendarYearDto>;
export const calendarYearListDto = z.array(calendarYearDto);

export const dayInfoDto = z.object({
  date: z.string(),
  workday: z.boolean(),
  name: z.string().nullable(),
  source: z.enum(['override', 'schedule', 'statutory-provisional', 'weekend', 'weekday']),
  provisional: z.boolean(),
});
export type DayInfoDto = z.infer<typeof dayInfoDto>;
export const calendarDaysQuery = z.strictObject({ year: calendarYear });
export const calendarDaysDto = z.object({ year: z.number(), provisional: z.boolean(), days: z.array(dayInfoDto) });

export const overrideDto = z.object({
  date: z.string(),
  isOffDay: z.boolean(),
  name: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type OverrideDto = z.infer<typeof overrideDto>;
export const overrideListDto = z.array(overrideDto);

/** How many open distribution deadlines a calendar change recomputed. */
export const calendarChangeDto = z.object({ recomputed: z.number() });
export const importScheduleDto = calendarChangeDto.extend({
  year: z.number(),
  days: z.number(),
  replaced: z.boolean(),
});
/** holiday-cn's format {year, days:[{name, date, isOffDay}]}, checked by the use case with Chinese messages. */
export const importScheduleBody = z.unknown();
export const scheduleYearParams = z.strictObject({ year: calendarYear });
export const overrideParams = z.strictObject({ date: calendarDay });
export const overrideBody = z.strictObject({
  isOffDay: z.boolean(),
  name: z.string().trim().max(20).nullable().optional(),
  note: z.string().trim().max(200).nullable().optional(),
});
