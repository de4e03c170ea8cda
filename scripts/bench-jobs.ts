/**
 * `npm run bench:jobs` — what the scheduled jobs (R5.8–R5.10 reminders, overdue marks) cost on a
 * year of busy bureaus, from the generator every bench shares (scripts/scale/generate.ts, as
 * `npm run seed:scale` writes it): BENCH_SCALE units,divisions,years (default 6,20,1: ≈ 2000 meetings
 * in the year up to the clock, their minutes issued with distribution entries — the last two months'
 * largely unread — the last days' pending or past their deadline, upcoming meetings notified).
 * Measures, on SQLite and (with BENCH_DATABASE_URL) on PostgreSQL in a fresh schema:
 *   - the first tick at 09:30 on a working day (marks every overdue meeting, sends every unread and
 *     unsigned reminder: thousands of notices, each unit of work claimed),
 *   - a second tick a minute later (all claimed: nothing to do — the steady state).
 * Prints the figures and, last, one JSON line. Never fails for slowness.
 */

import type { Services } from '../server/platform/services.js';
import { Scheduler } from '../server/platform/jobs/scheduler.js';
import { ALL_JOBS } from '../server/jobs.js';
import { generateScale } from './scale/generate.js';
import { benchServices } from './scale/bench-services.js';

/** units,divisions,years: 6 × 20 × 1 is ≈ 2000 meetings a year, the busy bureau of before. */
const [units = 6, divisions = 20, years = 1] = (process.env.BENCH_SCALE ?? '6,20,1').split(',').map(Number);
const SCALE = { units, divisions, years };
const PG_URL = process.env.BENCH_DATABASE_URL;

const setUp = (kind: 'sqlite' | 'postgres') => benchServices('jobs', kind, PG_URL, '2026-11-02T01:00:00Z');

/** The shared generator's data (scripts/scale/generate.ts) around the clock's now; the use cases are measured by the tests. */
async function fill(s: Services): Promise<{ meetings: number; entries: number }> {
  const r = await generateScale(s.db, { ...SCALE, now: s.clock.now() });
  return { meetings: r.rows.meetings ?? 0, entries: r.rows.distribution_entries ?? 0 };
}

async function measure(kind: 'sqlite' | 'postgres') {
  const { s, clock, drop } = await setUp(kind);
  try {
    const t0 = performance.now();
    const { meetings, entries } = await fill(s);
    const fillMs = performance.now() - t0;
    const jobs = new Scheduler(s, ALL_JOBS);
    clock.set('2026-11-03T09:30:00+08:00'); // a Tuesday, a working day
    let t = performance.now();
    const first = await jobs.tick();
    const firstMs = performance.now() - t;
    clock.advanceMinutes(1);
    t = performance.now();
    const second = await jobs.tick();
    const secondMs = performance.now() - t;
    const notices = Number(
      (
        await s.db.kysely
          .selectFrom('notices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const errors = { ...first.errors, ...second.errors };
    if (Object.keys(errors).length > 0) throw new Error(`job errors: ${JSON.stringify(errors)}`);
    const r = {
      kind,
      scale: SCALE,
      meetings,
      entries,
      fillSeconds: Math.round(fillMs / 100) / 10,
      firstTickMs: Math.round(firstMs),
      firstTickWork: first.jobs,
      steadyTickMs: Math.round(secondMs),
      steadyTickWork: second.jobs,
      notices,
    };
    console.log(
      `${kind.padEnd(8)} ${units} 个单位、${meetings} 次会议、${entries} 条分送记录：首次运行 ${r.firstTickMs} ms（${JSON.stringify(first.jobs)}，通知 ${notices} 条）；` +
        `此后每分钟 ${r.steadyTickMs} ms（${JSON.stringify(second.jobs)}）`,
    );
    return r;
  } finally {
    await drop();
  }
}

const results = [await measure('sqlite')];
if (PG_URL) results.push(await measure('postgres'));
else console.log('（设置 BENCH_DATABASE_URL=postgres://… 同时测量 PostgreSQL）');
console.log(JSON.stringify(results));
