import { statutoryHolidays } from './statutory.js';

/**
 * China's working-day calendar (R5.8–R5.10 "within N working days", N a unit setting): Saturdays
 * and Sundays rest unless a published schedule makes them adjusted working days
 * (调休); listed days follow the schedule; an administrator's override wins. A
 * year without a published schedule is provisional: its statutory holidays rest,
 * and every answer that touches it says so. Days are `YYYY-MM-DD` strings;
 * arithmetic is done in UTC so the machine's time zone never matters.
 */
export interface ScheduleDay {
  date: string;
  name: string;
  isOffDay: boolean;
}
export interface HolidaySchedule {
  year: number;
  papers?: string[];
  days: ScheduleDay[];
}
export interface DayOverride {
  date: string;
  isOffDay: boolean;
  name?: string | null;
}

export type DaySource = 'override' | 'schedule' | 'statutory-provisional' | 'weekend' | 'weekday';
export interface DayInfo {
  date: string;
  workday: boolean;
  name: string | null;
  source: DaySource;
  provisional: boolean;
}

export interface DueDate {
  date: string;
  provisional: boolean;
}

export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** The longest run of rest days anyone will see is far below this. */
const MAX_SCAN_DAYS = 400;

export class WorkingDayCalendar {
  readonly #published = new Set<number>();
  readonly #days = new Map<string, ScheduleDay>();
  readonly #overrides = new Map<string, DayOverride>();

  constructor(schedules: readonly HolidaySchedule[], overrides: readonly DayOverride[] = []) {
    for (const s of schedules) {
      this.#published.add(s.year);
      for (const d of s.days) this.#days.set(d.date, d);
    }
    for (const o of overrides) this.#overrides.set(o.date, o);
  }

  isPublished(year: number): boolean {
    return this.#published.has(year);
  }

  publishedYears(): number[] {
    return [...this.#published].sort((a, b) => a - b);
  }

  dayInfo(day: string): DayInfo {
    if (!isValidDay(day)) throw new RangeError(`not a day: ${day}`);
    const year = Number(day.slice(0, 4));
    const provisional = !this.isPublished(year);
    const o = this.#overrides.get(day);
    if (o) return { date: day, workday: !o.isOffDay, name: o.name ?? null, source: 'override', provisional: false };
    const listed = this.#days.get(day);
    if (listed)
      return { date: day, workday: !listed.isOffDay, name: listed.name, source: 'schedule', provisional: false };
    if (provisional) {
      const statutory = statutoryHolidays(year).find((d) => d.date === day);
      if (statutory)
        return { date: day, workday: false, name: statutory.name, source: 'statutory-provisional', provisional };
    }
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    return { date: day, workday: !weekend, name: null, source: weekend ? 'weekend' : 'weekday', provisional };
  }

  isWorkday(day: string): boolean {
    return this.dayInfo(day).workday;
  }

  /** Per year, cum[i] = working days among the year's days 0..i (built once per year asked). */
  readonly #cumulative = new Map<number, Int32Array>();
  #yearCounts(year: number): Int32Array {
    let cum = this.#cumulative.get(year);
    if (cum) return cum;
    const start = Date.UTC(year, 0, 1);
    const length = (Date.UTC(year + 1, 0, 1) - start) / 86400_000;
    cum = new Int32Array(length);
    let n = 0;
    for (let i = 0; i < length; i++) {
      if (this.dayInfo(new Date(start + i * 86400_000).toISOString().slice(0, 10)).workday) n++;
      cum[i] = n;
    }
    this.#cumulative.set(year, cum);
    return cum;
  }

  /**
   * Working days in (from, to]; 0 when to ≤ from. Counted from per-year running totals, so a
   * ledger of items long overdue costs a lookup per item, not a walk over every day since.
   */
  workingDaysBetween(from: string, to: string): number {
    if (!isValidDay(from) || !isValidDay(to)) throw new RangeError(`not a day: ${from} / ${to}`);
    if (to <= from) return 0;
    const at = (day: string): [number, number] => {
      const y = Number(day.slice(0, 4));
      return [y, (Date.parse(`${day}T00:00:00Z`) - Date.UTC(y, 0, 1)) / 86400_000];
    };
    const [fy, fi] = at(from);
    const [ty, ti] = at(to);
    let n = (this.#yearCounts(ty)[ti] as number) - (this.#yearCounts(fy)[fi] as number);
    for (let y = fy; y < ty; y++) {
      const c = this.#yearCounts(y);
      n += c[c.length - 1] as number;
    }
    return n;
  }

  /** The n-th working day strictly after `day` (the day itself never counts, even when it is a working day). */
  addWorkingDays(day: string, n: number): DueDate {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
    let d = day;
    let count = 0;
    let provisional = false;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addDays(d, 1);
      const info = this.dayInfo(d);
      provisional ||= info.provisional;
      if (info.workday && ++count === n) return { date: d, provisional };
    }
    throw new RangeError(`no ${n} working days within ${MAX_SCAN_DAYS} days after ${day}`);
  }

  /**
   * "Within n working days after the meeting": the end (23:59:59.999 Asia/Shanghai,
   * UTC+8 without daylight saving) of the n-th working day after the meeting's day.
   */
  distributionDeadline(meetingDay: string, n: number): DueDate & { deadline: string } {
    const due = this.addWorkingDays(meetingDay, n);
    return { ...due, deadline: `${due.date}T15:59:59.999Z` };
  }
}
