/**
 * Asia/Shanghai time, in one place: instants are stored in UTC; days, months
 * and clock times the users see are Shanghai's. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The calendar day in Asia/Shanghai of an instant: `YYYY-MM-DD`. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since midnight in Asia/Shanghai (0–1439). */
export function shanghaiMinuteOfDay(at: Date): number {
  const t = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

/** The instant a Shanghai calendar day begins, as an ISO string in UTC. */
export function shanghaiDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS).toISOString();
}

/** `YYYY-MM` in Asia/Shanghai, and the UTC bounds of that month. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDay(at).slice(0, 7);
}
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS);
  const to = new Date(Date.UTC(y, m, 1) - SHANGHAI_OFFSET_MS);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Day of the month in Asia/Shanghai. */
export function shanghaiDayOfMonth(at: Date): number {
  return Number(shanghaiDay(at).slice(8, 10));
}

/** An instant's wall-clock time in Shanghai as a Date whose UTC fields read as local ones (for formatters). */
export function shanghaiWallClock(at: Date): Date {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS);
}

/** `2026-11-03 09:30` in Asia/Shanghai. */
export function shanghaiDateTime(iso: string): string {
  return shanghaiWallClock(new Date(iso)).toISOString().slice(0, 16).replace('T', ' ');
}
