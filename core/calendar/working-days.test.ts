import { describe, expect, it } from 'vitest';
import { SHIPPED_SCHEDULES } from './holiday-data/index.js';
import { statutoryHolidays } from './statutory.js';
import { WorkingDayCalendar, addDays } from './working-days.js';
import { parseHolidaySchedule } from './parse-schedule.js';

const cal = new WorkingDayCalendar(SHIPPED_SCHEDULES);

describe('working-day calendar: published schedules', () => {
  it('knows the 2025 National Day and the 2026 Spring Festival with their adjusted working days', () => {
    expect(cal.isWorkday('2025-09-28')).toBe(true); // Sunday, 调休 上班
    expect(cal.isWorkday('2025-10-11')).toBe(true); // Saturday, 调休 上班
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.dayInfo('2026-02-17')).toMatchObject({
      workday: false,
      name: '春节',
      source: 'schedule',
      provisional: false,
    });
    expect(cal.dayInfo('2026-03-07')).toMatchObject({ workday: false, source: 'weekend' });
    expect(cal.dayInfo('2026-03-09')).toMatchObject({ workday: true, source: 'weekday' });
  });

  it('reads a late-December day from the next year’s notice', () => {
    expect(cal.dayInfo('2022-12-31')).toMatchObject({ workday: false, name: '元旦', source: 'schedule' });
  });

  it('the statutory days computed from the lunar calendar are rest days in every published year', () => {
    for (let y = 2020; y <= 2026; y++) {
      for (const s of statutoryHolidays(y)) {
        // 除夕 became a statutory holiday only with the 2024 amendment, in force from 2025.
        if (y < 2025 && s.eve) continue;
        expect(cal.isWorkday(s.date), `${y} ${s.name} ${s.date}`).toBe(false);
      }
    }
  });

  it('computes lunar and solar-term holidays', () => {
    const byName = (y: number) => statutoryHolidays(y).map((d) => `${d.name}:${d.date}`);
    expect(byName(2027)).toEqual(
      expect.arrayContaining([
        '春节:2027-02-05',
        '春节:2027-02-06',
        '清明节:2027-04-05',
        '端午节:2027-06-09',
        '中秋节:2027-09-15',
      ]),
    );
    expect(byName(2028)).toEqual(expect.arrayContaining(['春节:2028-01-26', '清明节:2028-04-04']));
  });
});

describe('working-day arithmetic behind the distribution deadline (N = 3)', () => {
  it('a meeting on the last working day before 国庆 2025 is due on the adjusted Saturday 10-11', () => {
    // After 09-30: 10-01…08 rest; 10-09 (1), 10-10 (2), Saturday 10-11 is a 调休 working day (3).
    expect(cal.distributionDeadline('2025-09-30', 3)).toEqual({
      date: '2025-10-11',
      provisional: false,
      deadline: '2025-10-11T15:59:59.999Z',
    });
  });

  it('a meeting before 春节 2026 runs past the holiday', () => {
    // After Friday 02-13: Saturday 02-14 works (1); 02-15…23 rest; 02-24 (2), 02-25 (3).
    expect(cal.addWorkingDays('2026-02-13', 3)).toEqual({ date: '2026-02-25', provisional: false });
  });

  it('a deadline can land on an adjusted Sunday working day', () => {
    // After Friday 2025-09-26: Sunday 09-28 works (1), 09-29 (2), 09-30 (3).
    expect(cal.addWorkingDays('2025-09-26', 1)).toEqual({ date: '2025-09-28', provisional: false });
    expect(cal.addWorkingDays('2025-09-26', 3)).toEqual({ date: '2025-09-30', provisional: false });
  });

  it('a meeting held on a Sunday: the day itself does not count', () => {
    expect(cal.addWorkingDays('2026-03-08', 3)).toEqual({ date: '2026-03-11', provisional: false });
  });

  it('a deadline running into 2027 is provisional, and 1 January 2027 rests', () => {
    expect(cal.isPublished(2027)).toBe(false);
    expect(cal.dayInfo('2027-01-01')).toMatchObject({
      workday: false,
      name: '元旦',
      source: 'statutory-provisional',
      provisional: true,
    });
    expect(cal.dayInfo('2027-01-04')).toMatchObject({ workday: true, provisional: true });
    // After Wednesday 2026-12-30: 12-31 (1); 01-01 rest; weekend; 01-04 (2), 01-05 (3).
    expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: true });
    // A deadline that stays in 2026 is not provisional.
    expect(cal.addWorkingDays('2026-12-28', 3)).toEqual({ date: '2026-12-31', provisional: false });
  });

  it('importing the 2027 schedule makes the deadline final and recomputes it', () => {
    const imported = parseHolidaySchedule({
      year: 2027,
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '元旦', date: '2027-01-04', isOffDay: true },
      ],
    });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const next = new WorkingDayCalendar([...SHIPPED_SCHEDULES, imported.schedule]);
    expect(next.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-06', provisional: false });
  });

  it('an administrator’s override wins over the schedule', () => {
    const c = new WorkingDayCalendar(SHIPPED_SCHEDULES, [{ date: '2025-10-11', isOffDay: true, name: '临时调整' }]);
    expect(c.dayInfo('2025-10-11')).toMatchObject({ workday: false, source: 'override', name: '临时调整' });
    expect(c.addWorkingDays('2025-09-30', 3)).toEqual({ date: '2025-10-13', provisional: false });
  });

  it('the number of days is the unit’s setting', () => {
    expect(cal.addWorkingDays('2026-03-09', 5)).toEqual({ date: '2026-03-16', provisional: false });
    expect(() => cal.addWorkingDays('2026-03-09', 0)).toThrow(RangeError);
  });
});

describe('schedule import', () => {
  it('names every bad line and returns no schedule', () => {
    const r = parseHolidaySchedule({
      year: 2027,
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '', date: '2027-02-30', isOffDay: 'yes' },
        { name: '春节', date: '2027-01-01', isOffDay: true },
        { name: '国庆', date: '2031-10-01', isOffDay: true },
        'junk',
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.index)).toEqual([1, 2, 3, 4]);
    expect(r.errors[0]?.message).toContain('第 2 条');
    expect(r.errors[0]?.message).toContain('date 须为有效日期');
    expect(r.errors[1]?.message).toContain('重复');
  });

  it('refuses a document that is not a schedule', () => {
    expect(parseHolidaySchedule([]).ok).toBe(false);
    expect(parseHolidaySchedule({ year: 1999, days: [] }).ok).toBe(false);
    expect(parseHolidaySchedule({ year: 2027 }).ok).toBe(false);
  });
});

describe('working days between two days (the lights and the scores count them)', () => {
  const walk = (c: WorkingDayCalendar, from: string, to: string) => {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (c.isWorkday(d)) n++;
    return n;
  };
  it('equals a walk over every day, across holidays, year ends and an unpublished year', () => {
    const c = new WorkingDayCalendar(SHIPPED_SCHEDULES, [{ date: '2026-10-10', isOffDay: true, name: '临时调整' }]);
    const days = ['2024-12-31', '2025-01-01', '2025-09-28', '2025-10-08', '2026-02-14', '2026-09-30', '2026-10-08'];
    days.push('2026-10-10', '2026-12-31', '2027-01-04', '2027-10-01', '2028-02-29');
    for (const a of days) for (const b of days) expect(c.workingDaysBetween(a, b)).toBe(walk(c, a, b));
  });
  it('counts nothing backwards and refuses what is not a day', () => {
    expect(cal.workingDaysBetween('2026-10-09', '2026-10-01')).toBe(0);
    expect(() => cal.workingDaysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});
