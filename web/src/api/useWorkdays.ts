import { useEffect, useState } from 'react';
import type { DayInfoDto } from '../../../core/contracts/calendar';
import { api } from './client';

/**
 * The unit's working days (the same calendar the server counts deadlines on): for this year and
 * the next two, the days that differ from Monday–Friday (holidays, adjusted working Saturdays,
 * the office's single-day overrides). Answers `undefined` until loaded, so a picker disables
 * nothing it cannot yet judge — the server still refuses a rest day. Loads once, when first `active`
 * (a dialog that is open), not on every page that merely holds the dialog.
 */
export function useWorkdays(active = true): (day: string) => boolean | undefined {
  const [exceptions, setExceptions] = useState<Map<string, boolean> | null>(null);
  useEffect(() => {
    if (!active || exceptions) return;
    let live = true;
    const year = new Date().getFullYear();
    void Promise.all(
      [year, year + 1, year + 2].map((y) =>
        api.get('/api/calendar/days', { year: y }).then(
          (r) => r.days,
          () => [] as DayInfoDto[],
        ),
      ),
    ).then((lists) => {
      if (live) setExceptions(new Map(lists.flat().map((d) => [d.date, d.workday])));
    });
    return () => {
      live = false;
    };
  }, [active, exceptions]);
  return (day) => {
    if (!exceptions) return undefined;
    const known = exceptions.get(day);
    if (known !== undefined) return known;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
}
