import { isValidDay, type HolidaySchedule } from './working-days.js';

export interface ScheduleError {
  /** Index in `days`, or null for the whole document. */
  index: number | null;
  message: string;
}

/**
 * Validates an import in the holiday-cn format `{year, days:[{name, date,
 * isOffDay}]}`. Every bad entry is named; a schedule with any error is not
 * returned, so nothing half-valid is ever imported.
 */
export function parseHolidaySchedule(
  json: unknown,
): { ok: true; schedule: HolidaySchedule } | { ok: false; errors: ScheduleError[] } {
  const errors: ScheduleError[] = [];
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, errors: [{ index: null, message: '内容须为 JSON 对象：{year, days:[…]}' }] };
  const doc = json as Record<string, unknown>;
  const year = doc.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100)
    errors.push({ index: null, message: 'year 须为 2000–2100 之间的整数' });
  if (!Array.isArray(doc.days)) {
    errors.push({ index: null, message: 'days 须为数组' });
    return { ok: false, errors };
  }
  const seen = new Set<string>();
  const days: HolidaySchedule['days'] = [];
  doc.days.forEach((raw: unknown, index) => {
    const at = (message: string) => errors.push({ index, message: `第 ${index + 1} 条：${message}` });
    if (!raw || typeof raw !== 'object') return at('须为对象 {name, date, isOffDay}');
    const d = raw as Record<string, unknown>;
    const bad: string[] = [];
    if (typeof d.name !== 'string' || d.name.trim() === '' || d.name.length > 20) bad.push('name 须为 1–20 个字符');
    if (typeof d.date !== 'string' || !isValidDay(d.date)) bad.push('date 须为有效日期 YYYY-MM-DD');
    else if (typeof year === 'number' && Math.abs(Number(d.date.slice(0, 4)) - year) > 1)
      bad.push(`date ${d.date} 不在 ${String(year)} 年前后`);
    else if (seen.has(d.date)) bad.push(`date ${d.date} 重复`);
    if (typeof d.isOffDay !== 'boolean') bad.push('isOffDay 须为 true 或 false');
    if (bad.length > 0) return at(bad.join('；'));
    seen.add(d.date as string);
    days.push({ name: (d.name as string).trim(), date: d.date as string, isOffDay: d.isOffDay as boolean });
  });
  if (errors.length > 0 || typeof year !== 'number') return { ok: false, errors };
  const papers = Array.isArray(doc.papers)
    ? doc.papers.filter((p): p is string => typeof p === 'string').slice(0, 10)
    : [];
  return { ok: true, schedule: { year, papers, days: days.sort((a, b) => a.date.localeCompare(b.date)) } };
}
