import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileOffsetClock } from './clock.js';
import { loadConfig } from './config.js';

describe('the end-to-end tests’ clock (TEST_CLOCK_FILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-clock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is off unless set: the server runs on the wall clock', () => {
    expect(loadConfig({}).testClockFile).toBeNull();
    expect(loadConfig({ TEST_CLOCK_FILE: join(dir, 'x') }).testClockFile).toBe(join(dir, 'x'));
  });

  it('runs ahead of the wall clock by the file’s milliseconds, re-read when the file changes', () => {
    const file = join(dir, 'offset');
    const clock = new FileOffsetClock(file);
    const near = (d: Date, offset: number) => Math.abs(d.getTime() - (Date.now() + offset)) < 2_000;
    expect(near(clock.now(), 0)).toBe(true); // no file: no offset
    const week = 7 * 86_400_000;
    writeFileSync(file, String(week));
    expect(near(clock.now(), week)).toBe(true);
    writeFileSync(file, String(2 * week));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000)); // a later mtime, as a later write has
    expect(near(clock.now(), 2 * week)).toBe(true);
    writeFileSync(file, 'not a number');
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect(near(clock.now(), 0)).toBe(true);
  });
});
