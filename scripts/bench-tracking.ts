/**
 * `npm run bench:tracking` — the 督办 ledger (R6.2) on a year of a large bureau, from the generator
 * every bench shares (scripts/scale/generate.ts): one unit of BENCH_TRACKING_DIVISIONS divisions
 * (default 100: ≈ 2,000 meetings in the year up to the clock and ≈ 6,000 tracked items, most of the
 * past ones done, some overdue, the recent ones open). Measures, on SQLite and (with
 * BENCH_DATABASE_URL) on PostgreSQL in a fresh schema, through the app (HTTP inject, signed in):
 *   - the all-division ledger's first page with lights (the principal leader, scope=all, 100 rows),
 *     the red-light filter and the whole ledger walked page by page (median of BENCH_RUNS);
 *   - beside them, from the same run: the hand-written SQL of the same first page (one SELECT on
 *     tracking_items in the ledger's order) and the app's cheapest signed-in read (GET /api/me);
 *   - the XLSX export of the whole ledger, when the route exists;
 *   - the job tick at 09:30 on a working day: the first (every reminder, overdue notice and
 *     escalation sent and claimed) and the steady one a minute later (all claimed).
 * Prints the figures and, last, one JSON line. Never fails for slowness.
 */

import { sql } from 'kysely';
import { Scheduler } from '../server/platform/jobs/scheduler.js';
import { ALL_JOBS } from '../server/jobs.js';
import { createApp } from '../server/app.js';
import { generateScale, SCALE_PASSWORD } from './scale/generate.js';
import { benchServices } from './scale/bench-services.js';

const DIVISIONS = Number(process.env.BENCH_TRACKING_DIVISIONS ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PG_URL = process.env.BENCH_DATABASE_URL;
/** A Monday: the generated year ends here. */
const NOW = '2026-11-02T01:00:00Z';

const setUp = (kind: 'sqlite' | 'postgres') => benchServices('tracking', kind, PG_URL, NOW);

function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.floor(a.length / 2)] as number;
}
async function timed(runs: number, f: () => Promise<void>): Promise<number> {
  await f(); // warm
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return Math.round(median(t) * 10) / 10;
}

async function measure(kind: 'sqlite' | 'postgres') {
  const { s, clock, drop } = await setUp(kind);
  const app = await createApp(s, { webDir: null });
  try {
    await app.ready();
    const t0 = performance.now();
    const gen = await generateScale(s.db, { units: 1, divisions: DIVISIONS, years: 1, now: clock.now() });
    const fillSeconds = Math.round((performance.now() - t0) / 100) / 10;
    // What autovacuum would have done by the time anyone reads a year of data.
    if (kind === 'postgres') await sql`analyze`.execute(s.db.kysely);
    const meetings = gen.rows.meetings ?? 0;
    const items = gen.rows.tracking_items ?? 0;

    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: gen.users.director, password: SCALE_PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };

    const first = '/api/tracking/items?scope=all&limit=100';
    const firstPage = (await get(first)).json() as { items: Array<{ light: string | null }> };
    const reds = (await get(`${first}&light=red`)).json() as { items: unknown[] };
    const pageMs = await timed(RUNS, async () => void (await get(first)));
    const redMs = await timed(RUNS, async () => void (await get(`${first}&light=red`)));
    let walked = 0;
    let pages = 0;
    const walk = async () => {
      walked = 0;
      pages = 0;
      let cursor: string | null = null;
      do {
        const res = await get(`${first}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        const page = res.json() as { items: unknown[]; nextCursor: string | null };
        walked += page.items.length;
        pages++;
        cursor = page.nextCursor;
      } while (cursor);
    };
    const walkMs = await timed(Math.max(3, Math.floor(RUNS / 5)), walk);
    const meMs = await timed(RUNS, async () => void (await get('/api/me')));

    // The same first page as one hand-written statement: the reference the app's read is set beside.
    const unitId = (await s.db.kysely.selectFrom('units').select('unit_id').executeTakeFirstOrThrow()).unit_id;
    const rawMs = await timed(RUNS, async () => {
      await sql`select i.*, d.name as division_name, sd.name as source_division_name
        from tracking_items i join divisions d on d.id = i.division_id join divisions sd on sd.id = i.source_division_id
        where i.unit_id = ${unitId} order by coalesce(i.deadline, '9999-12-31'), i.id limit 101`.execute(s.db.kysely);
    });

    let exportMs: number | null = null;
    let exportBytes = 0;
    const probe = await app.inject({
      method: 'GET',
      url: '/api/tracking/items.xlsx?scope=all',
      headers: { cookie },
    });
    if (probe.statusCode === 200) {
      exportBytes = probe.rawPayload.length;
      exportMs = await timed(3, async () => void (await get('/api/tracking/items.xlsx?scope=all')));
    }

    // The jobs on the ledger's day: 09:30 on the Tuesday after the generated year's last day.
    const jobs = new Scheduler(s, ALL_JOBS);
    clock.set('2026-11-03T09:30:00+08:00');
    let t = performance.now();
    const tick1 = await jobs.tick();
    const firstTickMs = Math.round(performance.now() - t);
    clock.advanceMinutes(1);
    t = performance.now();
    const tick2 = await jobs.tick();
    const steadyTickMs = Math.round(performance.now() - t);
    const errors = { ...tick1.errors, ...tick2.errors };
    if (Object.keys(errors).length > 0) throw new Error(`job errors: ${JSON.stringify(errors)}`);
    const trackingWork = Object.fromEntries(Object.entries(tick1.jobs).filter(([k]) => k.startsWith('tracking')));

    const r = {
      kind,
      divisions: DIVISIONS,
      meetings,
      items,
      fillSeconds,
      ledger: {
        firstPageMs: pageMs,
        firstPageRows: firstPage.items.length,
        redFilterMs: redMs,
        redRows: reds.items.length,
        wholeLedgerMs: Math.round(walkMs),
        wholeLedgerRows: walked,
        pages,
      },
      reference: { rawSqlFirstPageMs: rawMs, apiMeMs: meMs },
      ratioToRawSql: Math.round((pageMs / rawMs) * 10) / 10,
      export: exportMs === null ? null : { ms: Math.round(exportMs), bytes: exportBytes },
      jobs: { firstTickMs, firstTickWork: tick1.jobs, trackingWork, steadyTickMs, steadyTickWork: tick2.jobs },
    };
    console.log(
      [
        `${kind}：1 个单位 ${DIVISIONS} 个处室、一年 ${meetings} 次会议、督办事项 ${items} 项（生成 ${fillSeconds} s）`,
        `  全局台账首页（100 行，含灯号）${pageMs} ms；红灯筛选 ${redMs} ms（${reds.items.length} 行）；` +
          `逐页读完全部台账 ${Math.round(walkMs)} ms（${walked} 行，${pages} 页）`,
        `  参照（同次运行）：同一页的手写 SQL ${rawMs} ms（应用/SQL = ${r.ratioToRawSql}×）；GET /api/me ${meMs} ms`,
        exportMs === null
          ? '  导出 Excel：接口未提供'
          : `  导出 Excel（全部台账）${Math.round(exportMs)} ms，${Math.round(exportBytes / 1024)} KB`,
        `  定时任务：首次运行 ${firstTickMs} ms（督办：${JSON.stringify(trackingWork)}）；此后每分钟 ${steadyTickMs} ms`,
      ].join('\n'),
    );
    return r;
  } finally {
    await app.close();
    s.mailer.close();
    await drop();
  }
}

const results = [await measure('sqlite')];
if (PG_URL) results.push(await measure('postgres'));
else console.log('（设置 BENCH_DATABASE_URL=postgres://… 同时测量 PostgreSQL）');
console.log(JSON.stringify(results));
