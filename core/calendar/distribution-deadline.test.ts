import { describe, expect, it } from 'vitest';
import { SHIPPED_SCHEDULES } from './holiday-data/index.js';
import { WorkingDayCalendar } from './working-days.js';

/**
 * The holidays of 2026 the working-days suite does not walk through, each with
 * the distribution deadline (3 working days, the default regime) of a meeting
 * held just before, on, or just after it.
 */
const cal = new WorkingDayCalendar(SHIPPED_SCHEDULES);

describe('the distribution deadline around the 2026 holidays (N = 3)', () => {
  it.each<[string, string, string]>([
    // 01-01…03 rest; Sunday 01-04 is a 调休 working day (1); 01-05 (2); 01-06 (3).
    ['元旦: a meeting on New Year’s Eve 2025', '2025-12-31', '2026-01-06'],
    // 04-03 (1); 04-04…06 rest; 04-07 (2); 04-08 (3).
    ['清明节: a meeting two days before', '2026-04-02', '2026-04-08'],
    // 05-01…05 rest; 05-06 (1), 05-07 (2), 05-08 (3).
    ['劳动节: a meeting the day before', '2026-04-30', '2026-05-08'],
    // 05-07 (1), 05-08 (2), Saturday 05-09 is a 调休 working day (3).
    ['劳动节: a meeting after it lands on the adjusted Saturday', '2026-05-06', '2026-05-09'],
    // 06-19…21 rest; 06-22 (1), 06-23 (2), 06-24 (3).
    ['端午节: a meeting the day before', '2026-06-18', '2026-06-24'],
    // Sunday 09-20 is a 调休 working day (1); 09-21 (2); 09-22 (3).
    ['国庆节: a meeting before the adjusted Sunday', '2026-09-18', '2026-09-22'],
    // 09-25…27 rest (中秋节); 09-28 (1), 09-29 (2), 09-30 (3).
    ['中秋节: a meeting the day before', '2026-09-24', '2026-09-30'],
    // 10-01…07 rest; 10-08 (1), 10-09 (2), Saturday 10-10 is a 调休 working day (3).
    ['国庆节: a meeting the day before', '2026-09-30', '2026-10-10'],
    ['国庆节: a meeting held during the holiday', '2026-10-03', '2026-10-10'],
  ])('R5.8: %s (%s) is due %s', (_name, meetingDay, due) => {
    expect(cal.distributionDeadline(meetingDay, 3)).toEqual({
      date: due,
      provisional: false,
      deadline: `${due}T15:59:59.999Z`,
    });
  });
});
