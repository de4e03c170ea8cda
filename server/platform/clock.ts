import { readFileSync, statSync } from 'node:fs';

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

/**
 * The end-to-end tests' clock (TEST_CLOCK_FILE): the wall clock plus an offset in milliseconds
 * read from a file, re-read whenever the file changes, so a test can move a running server's time
 * forward (a deadline passes, a job falls due). A missing or unreadable file means no offset.
 */
export class FileOffsetClock implements Clock {
  #offset = 0;
  #mtime = -1;
  constructor(private readonly path: string) {}
  now(): Date {
    try {
      const m = statSync(this.path).mtimeMs;
      if (m !== this.#mtime) {
        this.#mtime = m;
        const n = Number(readFileSync(this.path, 'utf8').trim());
        this.#offset = Number.isFinite(n) ? n : 0;
      }
    } catch {
      this.#offset = 0;
      this.#mtime = -1;
    }
    return new Date(Date.now() + this.#offset);
  }
}
