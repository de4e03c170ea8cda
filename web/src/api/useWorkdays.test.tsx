import { describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { useWorkdays } from './useWorkdays';

describe('useWorkdays (the unit calendar on the client)', () => {
  it('R6.2: holidays and adjusted working days from the server, weekends otherwise; nothing judged before it loads', async () => {
    const year = new Date().getFullYear();
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        asked.push(url);
        const y = Number(new URL(url, 'http://x').searchParams.get('year'));
        const days =
          y === year
            ? [
                { date: `${year}-10-01`, workday: false, name: '国庆节', source: 'schedule', provisional: false },
                { date: `${year}-09-27`, workday: true, name: '国庆节', source: 'schedule', provisional: false },
              ]
            : [];
        return new Response(JSON.stringify({ year: y, provisional: false, days }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    // A closed dialog asks for nothing.
    const { result, rerender } = renderHook(({ active }) => useWorkdays(active), { initialProps: { active: false } });
    expect(asked).toEqual([]);
    rerender({ active: true });
    expect(result.current(`${year}-10-01`)).toBeUndefined();
    await waitFor(() => expect(result.current(`${year}-10-01`)).toBe(false));
    expect(asked.map((u) => new URL(u, 'http://x').searchParams.get('year'))).toEqual(
      [year, year + 1, year + 2].map(String),
    );
    expect(result.current(`${year}-09-27`)).toBe(true);
    // 2026-12-12 is a Saturday, 2026-12-14 a Monday (weekdays fixed by the date, not the year).
    expect(result.current('2026-12-12')).toBe(false);
    expect(result.current('2026-12-14')).toBe(true);
  });
});
