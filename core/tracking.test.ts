import { describe, expect, it } from 'vitest';
import { SHIPPED_SCHEDULES } from './calendar/holiday-data/index.js';
import { addDays, WorkingDayCalendar } from './calendar/working-days.js';
import { DEFAULT_REGIME } from './settings.js';
import {
  canRun,
  firstWorkdayOfWeek,
  isoWeek,
  lightBounds,
  lightOf,
  describeLedgerFilters,
  lightWords,
  nextStatus,
  overdueBefore,
  type LightSettings,
} from './tracking.js';

const cal = new WorkingDayCalendar(SHIPPED_SCHEDULES);
const S: LightSettings = {
  dueSoonWorkingDays: DEFAULT_REGIME.trackingDueSoonWorkingDays,
  stalledWorkingDays: DEFAULT_REGIME.trackingStalledWorkingDays,
};
const open = (deadline: string | null, lastActivityDay = '2026-09-01') => ({
  status: 'in_progress' as const,
  deadline,
  lastActivityDay,
});

describe('R6.2: the lights count the unit’s working days, holidays and 调休 included', () => {
  // 2026 National Day: 10-01…10-07 off, Sat 10-10 worked; Mid-Autumn 09-25…09-27 off.
  // 2026 Spring Festival: Sat 02-14 worked, 02-15…02-23 off, Sat 02-28 worked.
  const table: Array<[string, string, string, 'green' | 'yellow' | 'red', number]> = [
    ['yellow across National Day: only 10-08 and 10-09 are left', '2026-09-30', '2026-10-09', 'yellow', 0],
    ['three working days left is still yellow', '2026-09-29', '2026-10-09', 'yellow', 0],
    ['four working days left is green, though the holiday sits between', '2026-09-28', '2026-10-09', 'green', 0],
    ['the deadline day itself is yellow', '2026-10-09', '2026-10-09', 'yellow', 0],
    ['asked on a holiday, counted from the next working day', '2026-10-05', '2026-10-09', 'yellow', 0],
    ['one working day overdue after the whole holiday', '2026-10-08', '2026-09-30', 'red', 1],
    ['the 调休 Saturday counts as overdue working day', '2026-10-12', '2026-09-30', 'red', 4],
    ['red on a holiday, with no working day overdue yet', '2026-10-03', '2026-09-30', 'red', 0],
    ['before Spring Festival: 02-14 (worked Saturday), 02-24, 02-25, 02-26', '2026-02-13', '2026-02-26', 'green', 0],
    ['on the worked Saturday three are left', '2026-02-14', '2026-02-26', 'yellow', 0],
    ['a plain week in March: Tuesday to Thursday left', '2026-03-02', '2026-03-05', 'yellow', 0],
    ['a plain week in March: four left is green', '2026-03-02', '2026-03-06', 'green', 0],
  ];
  it.each(table)('%s', (_what, today, deadline, light, overdue) => {
    expect(lightOf(cal, today, S, open(deadline, today))).toEqual({
      light,
      overdueWorkingDays: overdue,
      stalled: false,
    });
  });

  it('stalled after M working days without a report, holidays not counted', () => {
    // (09-25, 10-09] holds 09-28, 09-29, 09-30, 10-08, 10-09: five working days.
    expect(lightOf(cal, '2026-10-09', S, open('2026-12-31', '2026-09-25')).stalled).toBe(true);
    expect(lightOf(cal, '2026-10-09', S, open('2026-12-31', '2026-09-28')).stalled).toBe(false);
    // Waiting for the head's confirmation is not the executor's stall.
    expect(
      lightOf(cal, '2026-10-09', S, {
        status: 'completion_requested',
        deadline: '2026-12-31',
        lastActivityDay: '2026-09-01',
      }).stalled,
    ).toBe(false);
  });

  it('closed items and items without a deadline have no light', () => {
    for (const status of ['completed', 'verified', 'terminated'] as const)
      expect(
        lightOf(cal, '2026-10-12', S, { status, deadline: '2026-09-30', lastActivityDay: '2026-09-01' }).light,
      ).toBe(null);
    expect(lightOf(cal, '2026-10-12', S, open(null)).light).toBe(null);
  });

  it('the day bounds a query filters with give the same lights, stalls and overdue days as lightOf', () => {
    for (let today = '2026-09-20'; today <= '2026-10-20'; today = addDays(today, 1)) {
      const b = lightBounds(cal, today, S);
      for (let deadline = '2026-09-10'; deadline <= '2026-10-31'; deadline = addDays(deadline, 1)) {
        const l = lightOf(cal, today, S, open(deadline, deadline));
        const byBounds = deadline < b.today ? 'red' : deadline < b.yellowBefore ? 'yellow' : 'green';
        expect(byBounds, `${today} ${deadline}`).toBe(l.light);
        expect(deadline < (b.stalledBefore ?? ''), `stalled ${today} ${deadline}`).toBe(l.stalled);
        for (const n of [1, 3, 5])
          expect(deadline < overdueBefore(cal, today, n), `overdue ${n} ${today} ${deadline}`).toBe(
            l.overdueWorkingDays >= n,
          );
      }
    }
  });
});

describe('R6.2: the tracked item’s state machine', () => {
  it('reports move to 办理中, completion is asked from there and confirmed or returned; closed is closed', () => {
    expect(nextStatus('pending', 'report')).toBe('in_progress');
    expect(nextStatus('in_progress', 'request_completion')).toBe('completion_requested');
    expect(nextStatus('completion_requested', 'confirm')).toBe('completed');
    expect(nextStatus('completion_requested', 'return')).toBe('in_progress');
    expect(nextStatus('completed', 'verify')).toBe('verified');
    expect(nextStatus('in_progress', 'request_extension')).toBe('in_progress');
    expect(canRun('completion_requested', 'report')).toBe(false);
    expect(canRun('pending', 'confirm')).toBe(false);
    for (const closed of ['completed', 'verified', 'terminated'] as const) {
      expect(canRun(closed, 'terminate')).toBe(false);
      expect(canRun(closed, 'report')).toBe(false);
      expect(canRun(closed, 'request_extension')).toBe(false);
    }
  });
});

describe('R6.2: the weekly digest’s week', () => {
  it('ISO weeks, across a year end', () => {
    expect(isoWeek('2026-09-28')).toEqual({ key: '2026-W40', monday: '2026-09-28' });
    expect(isoWeek('2026-10-04')).toEqual({ key: '2026-W40', monday: '2026-09-28' });
    expect(isoWeek('2026-10-08')).toEqual({ key: '2026-W41', monday: '2026-10-05' });
    expect(isoWeek('2027-01-01')).toEqual({ key: '2026-W53', monday: '2026-12-28' });
    expect(isoWeek('2025-12-29')).toEqual({ key: '2026-W01', monday: '2025-12-29' });
  });
  it('the first working day of the week: Monday, or the first after a holiday', () => {
    expect(firstWorkdayOfWeek(cal, '2026-09-30')).toBe('2026-09-28');
    // 国庆 2026: Monday 10-05 to Wednesday 10-07 are off.
    expect(firstWorkdayOfWeek(cal, '2026-10-09')).toBe('2026-10-08');
    // 春节 2026: 02-15…02-23 off — the week of Monday 02-16 has no working day, so no digest.
    expect(firstWorkdayOfWeek(cal, '2026-02-18')).toBe(null);
  });
});

describe('R6.2: the ledger in words (the export’s title row and the print view’s heading)', () => {
  it('names every filter set, in the ledger’s order, and nothing else', () => {
    expect(describeLedgerFilters({})).toBe('');
    expect(
      describeLedgerFilters({
        scope: 'supervised',
        status: 'in_progress',
        light: 'stalled',
        divisionName: '外资处',
        deadlineTo: '2026-12-31',
        overdueDays: 5,
        matterFlag: 'funds',
        sourceNumber: '〔2026〕3号',
        needsCompletion: false,
      }),
    ).toBe(
      '范围：分管处室；状态：办理中；灯号：停滞；责任处室：外资处；完成时限：不限 至 2026-12-31；逾期 5 个工作日以上；事项标记：资金；来源纪要：〔2026〕3号；已明确责任人和时限',
    );
    expect(describeLedgerFilters({ needsCompletion: true })).toBe('待补全');
  });

  it('a light is always said in words, stalled beside it; 待补全 or — without one', () => {
    expect(lightWords({ light: 'red', stalled: true, needsCompletion: false })).toBe('红灯（逾期）、停滞');
    expect(lightWords({ light: 'green', stalled: false, needsCompletion: false })).toBe('绿灯（正常）');
    expect(lightWords({ light: null, stalled: false, needsCompletion: true })).toBe('待补全');
    expect(lightWords({ light: null, stalled: false, needsCompletion: false })).toBe('—');
  });
});
