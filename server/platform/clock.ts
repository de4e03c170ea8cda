/** Injectable time: tests move it; the server uses the wall clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance. */
export class ManualClock implements Clock {
  #t: number;
  constructor(start: Date | string = '2026-11-02T01:00:00Z') {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  advanceMinutes(m: number): void {
    this.#t += m * 60_000;
  }
  set(t: Date | string): void {
    this.#t = new Date(t).getTime();
  }
}

export function iso(d: Date): string {
  return d.toISOString();
}
