import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import {
  WorkingDayCalendar,
  type DayOverride,
  type HolidaySchedule,
  type ScheduleDay,
} from '../../../core/calendar/working-days.js';
import { SHIPPED_SCHEDULES } from '../../../core/calendar/holiday-data/index.js';

type Q = Kysely<Database> | Tx;

export interface YearSource {
  year: number;
  source: 'shipped' | 'imported';
  days: number;
  importedAt: string | null;
  importedByName: string | null;
  papers: string[];
}

/**
 * The unit's working-day calendar: the State Council schedules shipped with
 * jiyao, replaced year by year by schedules the general office imported, with
 * single-day overrides on top. Read afresh from the database on every use (a
 * handful of rows), so every server process sees an import at once.
 */
export async function loadCalendar(db: Q, unitId: string): Promise<WorkingDayCalendar> {
  const [imported, overrides] = await Promise.all([
    db.selectFrom('calendar_schedules').select(['year', 'days', 'papers']).where('unit_id', '=', unitId).execute(),
    db.selectFrom('calendar_overrides').select(['date', 'is_off_day', 'name']).where('unit_id', '=', unitId).execute(),
  ]);
  const byYear = new Map<number, HolidaySchedule>(SHIPPED_SCHEDULES.map((s) => [s.year, s]));
  for (const r of imported) {
    byYear.set(Number(r.year), {
      year: Number(r.year),
      papers: JSON.parse(r.papers) as string[],
      days: JSON.parse(r.days) as ScheduleDay[],
    });
  }
  return new WorkingDayCalendar(
    [...byYear.values()],
    overrides.map((o): DayOverride => ({ date: o.date, isOffDay: Number(o.is_off_day) === 1, name: o.name })),
  );
}

/** Which years have a published schedule, and where each comes from. */
export async function calendarYears(db: Q, unitId: string): Promise<YearSource[]> {
  const imported = await db
    .selectFrom('calendar_schedules as c')
    .leftJoin('users as u', 'u.id', 'c.imported_by')
    .select(['c.year', 'c.days', 'c.papers', 'c.imported_at', 'u.display_name'])
    .where('c.unit_id', '=', unitId)
    .execute();
  const out = new Map<number, YearSource>();
  for (const s of SHIPPED_SCHEDULES)
    out.set(s.year, {
      year: s.year,
      source: 'shipped',
      days: s.days.length,
      importedAt: null,
      importedByName: null,
      papers: s.papers ?? [],
    });
  for (const r of imported)
    out.set(Number(r.year), {
      year: Number(r.year),
      source: 'imported',
      days: (JSON.parse(r.days) as unknown[]).length,
      importedAt: r.imported_at,
      importedByName: r.display_name,
      papers: JSON.parse(r.papers) as string[],
    });
  return [...out.values()].sort((a, b) => a.year - b.year);
}
