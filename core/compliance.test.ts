import { describe, expect, it } from 'vitest';
import { countsAsHeld, heldInMonth, monthlyVerdict, type CountableMeeting, type MonthlyVerdict } from './compliance.js';

describe('R3.5: monthly compliance', () => {
  const cases: Array<[string, number, number, string, string, MonthlyVerdict]> = [
    // name, held, required, month, now, verdict
    ['enough held during the month', 1, 1, '2026-11', '2026-11-10T00:00:00Z', 'met'],
    ['more than enough', 3, 2, '2026-11', '2026-12-10T00:00:00Z', 'met'],
    ['one of two, month running', 1, 2, '2026-11', '2026-11-25T00:00:00Z', 'not_yet'],
    ['one of two, month over', 1, 2, '2026-11', '2026-12-01T00:00:00Z', 'missed'],
    ['none, month over years ago', 0, 1, '2025-01', '2026-11-10T00:00:00Z', 'missed'],
    ['none, a future month', 0, 1, '2026-12', '2026-11-10T00:00:00Z', 'not_yet'],
    ['nothing required', 0, 0, '2026-10', '2026-11-10T00:00:00Z', 'met'],
    // 2026-11-30T16:30Z is already 1 December in Shanghai: November is over.
    ['the month ends at Shanghai midnight', 0, 1, '2026-11', '2026-11-30T16:30:00Z', 'missed'],
    ['the last Shanghai minute of the month', 0, 1, '2026-11', '2026-11-30T15:59:00Z', 'not_yet'],
  ];
  it.each(cases)('R3.5: %s', (_name, held, required, month, now, verdict) => {
    expect(monthlyVerdict(held, required, month, new Date(now))).toBe(verdict);
  });

  const held: CountableMeeting = { status: 'closed', startedAt: '2026-11-30T15:30:00Z', discussedTopics: 1 };
  const countCases: Array<[string, CountableMeeting, string | null]> = [
    ['closed with a discussed topic, Shanghai month of its start', held, '2026-11'],
    ['in session counts', { ...held, status: 'in_session' }, '2026-11'],
    ['started 23:30 on 30 Nov Shanghai (UTC 15:30) counts for November', held, '2026-11'],
    [
      'started 00:30 on 1 Dec Shanghai (UTC 30 Nov) counts for December',
      { ...held, startedAt: '2026-11-30T16:30:00Z' },
      '2026-12',
    ],
    ['no topic discussed', { ...held, discussedTopics: 0 }, null],
    ['cancelled', { ...held, status: 'cancelled', startedAt: null }, null],
    ['planned', { ...held, status: 'planned', startedAt: null }, null],
    ['notified', { ...held, status: 'notified', startedAt: null }, null],
  ];
  it.each(countCases)('R3.5: %s', (_name, m, month) => {
    expect(heldInMonth(m)).toBe(month);
    expect(countsAsHeld(m)).toBe(month !== null);
  });
});
