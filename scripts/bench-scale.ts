/**
 * `npm run bench:scale` — the reads users make all day, on generated data (scripts/scale/generate.ts),
 * each beside its references from the same run:
 *   1. throughput at BENCH_CONNECTIONS (10): a bare Fastify hello-world; GET /api/me, /api/workbench,
 *      the meetings list, the minutes list, a minutes page (GET /api/minutes/:id), 待阅 and the notices;
 *      and each read's own SQL statements (recorded from the app, then replayed as raw SQL over the
 *      same pool by scripts/scale/bench-server.ts). Printed as req/s and the ratio to hello-world.
 *   2. PostgreSQL only: the same reads at BENCH_HIGH_CONNECTIONS (100), p50/p95/p99 against the 50 ms aim.
 *   3. every recorded statement timed alone (median of 20); EXPLAIN (ANALYZE, BUFFERS) of the slowest.
 * On SQLite (a temporary file, BENCH_SQLITE_SCALE units,divisions,years — default 10,20,10) and, when
 * BENCH_DATABASE_URL (postgres://…) is set, on PostgreSQL: the database BENCH_SCALE_DATABASE_URL as it
 * is (seeded before with `npm run seed:scale`), else a fresh database on that server seeded with
 * BENCH_PG_SCALE (default 10,20,10) and dropped afterwards. BENCH_SQLITE_SCALE=0 skips SQLite.
 * Env: BENCH_SECONDS (5 per target), BENCH_CONNECTIONS (10), BENCH_HIGH_CONNECTIONS (100).
 * Prints 达标/未达标 beside each aim and, last, one JSON line. Exits non-zero only when something
 * failed (a server did not start, non-2xx or errors under load), never for a missed aim.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from './scale/free-port.js';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { generateScale, SCALE_PASSWORD, type ScaleResult } from './scale/generate.js';
import type { Statement } from './scale/bench-server.js';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = envNumber('BENCH_SECONDS', 5);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 10);
const HIGH = envNumber('BENCH_HIGH_CONNECTIONS', 100);
const AIMS = { me: 0.4, lists: 0.25, p99Ms: 50 };

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got ${JSON.stringify(raw)}`);
  return n;
}
function scaleOf(name: string): { units: number; divisions: number; years: number } | null {
  const raw = process.env[name] ?? '10,20,10';
  if (raw === '0') return null;
  const [units, divisions, years] = raw.split(',').map(Number);
  if (![units, divisions, years].every((n) => Number.isInteger(n) && (n as number) > 0))
    throw new Error(`${name} must be units,divisions,years, got ${raw}`);
  return { units: units as number, divisions: divisions as number, years: years as number };
}

// ---------------------------------------------------------------- processes

const children = new Set<ChildProcess>();
const finalizers: (() => Promise<void>)[] = [];
async function cleanup(): Promise<void> {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const f of finalizers.splice(0).reverse()) await f().catch((e: unknown) => console.error('cleanup:', e));
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));

/** Starts `node args…` and waits for it to print `ready` (or to exit). */
function start(name: string, args: string[], env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
    children.add(child);
    let out = '';
    const keep = (b: Buffer) => {
      out = (out + b.toString('utf8')).slice(-4000);
      if (/^ready$/m.test(out)) res(child);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code) => rej(new Error(`${name} exited with ${code}\n${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  children.delete(child);
}

const HELLO = `import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');`;

// ---------------------------------------------------------------- load

interface Load {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
}

async function load(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<Load> {
  const lat: number[] = [];
  const run = autocannon({ url, headers, connections, duration: seconds });
  (run as unknown as { on(e: 'response', f: (c: unknown, s: number, b: number, ms: number) => void): void }).on(
    'response',
    (_c, _s, _b, ms) => lat.push(ms),
  );
  const r = await run;
  const sorted = Float64Array.from(lat).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const requests = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
  return {
    rps: requests / r.duration,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    requests,
    failures: r.non2xx + r.errors + r.timeouts,
  };
}

async function login(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: SCALE_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('jiyao_session='));
  if (!cookie) throw new Error('login answered without a session cookie');
  return cookie;
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

// ---------------------------------------------------------------- one database

interface Read {
  name: string;
  path: string;
  who: 'head' | 'director';
  list: boolean;
}

interface ReadResult {
  name: string;
  path: string;
  statements: number;
  app: Load;
  raw: Load;
  high?: Load;
}

interface Timed {
  read: string;
  sql: string;
  minMs: number;
  medianMs: number;
  statement: Statement;
}

interface DbRun {
  label: string;
  scale: string;
  hello: Load[];
  reads: ReadResult[];
  slowest: { read: string; sql: string; minMs: number; medianMs: number; plan: string[] } | null;
  /** The slowest statements, each timed alone. */
  top: Timed[];
}

async function seeded(url: string, scale: { units: number; divisions: number; years: number }): Promise<ScaleResult> {
  const db = openDatabase(url, { poolSize: 2 });
  try {
    await migrateToLatest(db.kysely as unknown as Kysely<unknown>);
    process.stdout.write(`  seeding ${scale.units} × ${scale.divisions} × ${scale.years}… `);
    const r = await generateScale(db, scale);
    if (db.kind === 'postgres') await sql`analyze`.execute(db.kysely);
    const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
    console.log(`${total} rows in ${(r.ms / 1000).toFixed(1)} s`);
    return r;
  } finally {
    await db.close();
  }
}

async function benchDatabase(label: string, url: string, scale: string, helloPort: number): Promise<DbRun> {
  const port = await freePort();
  const rawPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'jiyao-bench-scale-'));
  finalizers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const server = await start('bench server', ['--import', 'tsx', join(ROOT, 'scripts/scale/bench-server.ts')], {
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    PORT: String(port),
    RAW_PORT: String(rawPort),
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    SESSION_COOKIE_NAME: '',
    JOBS: 'false',
  });
  const app = `http://127.0.0.1:${port}`;
  const raw = `http://127.0.0.1:${rawPort}`;
  const cookies = { head: await login(port, 'u1-d3-head'), director: await login(port, 'u1-director') };
  const page = await json<{ items: Array<{ id: string; status: string }> }>(`${app}/api/minutes?limit=20`, {
    headers: { cookie: cookies.head },
  });
  const minutesId = page.items.find((m) => m.status === 'issued')?.id;
  if (!minutesId) throw new Error('no issued minutes for u1-d3-head: was the database seeded by seed:scale?');
  const reads: Read[] = [
    { name: 'GET /api/me', path: '/api/me', who: 'head', list: false },
    { name: 'GET /api/workbench', path: '/api/workbench', who: 'head', list: true },
    { name: 'meetings (division)', path: '/api/meetings?limit=50', who: 'head', list: true },
    { name: 'meetings (unit, page of 50)', path: '/api/meetings?limit=50', who: 'director', list: true },
    { name: 'minutes list', path: '/api/minutes?limit=20', who: 'head', list: true },
    { name: 'minutes page', path: `/api/minutes/${minutesId}`, who: 'head', list: false },
    { name: '待阅 list', path: '/api/distributions?box=reading', who: 'director', list: true },
    { name: 'notices', path: '/api/notices', who: 'director', list: true },
  ];
  const helloUrl = `http://127.0.0.1:${helloPort}/`;
  const hello: Load[] = [];
  const results: ReadResult[] = [];
  const statements = new Map<string, Statement[]>();
  console.log(`[${label}] ${CONNECTIONS} connections, ${SECONDS} s per target (app, then its SQL replayed raw)…`);
  hello.push(await load(helloUrl, {}, CONNECTIONS, SECONDS));
  for (const [i, r] of reads.entries()) {
    const headers = { cookie: cookies[r.who] };
    await load(`${app}${r.path}`, headers, CONNECTIONS, 1); // warm-up: caches as under load
    await json(`${app}${r.path}`, { headers: { ...headers, 'x-bench-capture': String(i) } });
    const set = await json<Statement[]>(`${raw}/capture/${i}`);
    statements.set(r.name, set);
    await json(`${raw}/sets/${i}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(set),
    });
    const appLoad = await load(`${app}${r.path}`, headers, CONNECTIONS, SECONDS);
    const rawLoad = await load(`${raw}/raw/${i}`, {}, CONNECTIONS, SECONDS);
    results.push({ name: r.name, path: r.path, statements: set.length, app: appLoad, raw: rawLoad });
    if (i % 3 === 2) hello.push(await load(helloUrl, {}, CONNECTIONS, SECONDS));
  }
  hello.push(await load(helloUrl, {}, CONNECTIONS, SECONDS));
  if (label === 'postgres') {
    console.log(`[${label}] ${HIGH} connections, ${SECONDS} s per read…`);
    for (const [i, r] of reads.entries())
      (results[i] as ReadResult).high = await load(`${app}${r.path}`, { cookie: cookies[r.who] }, HIGH, SECONDS);
  }
  // Every statement alone; the slowest explained.
  const timed: Timed[] = [];
  for (const [read, set] of statements)
    for (const st of set) {
      const { minMs, medianMs } = await json<{ minMs: number; medianMs: number }>(`${raw}/time`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...st, runs: 20 }),
      });
      timed.push({ read, sql: st.sql, minMs, medianMs, statement: st });
    }
  timed.sort((a, b) => b.minMs - a.minMs);
  const first = timed[0];
  const slowest = first
    ? {
        read: first.read,
        sql: first.sql,
        minMs: first.minMs,
        medianMs: first.medianMs,
        plan: await json<string[]>(`${raw}/explain`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(first.statement),
        }),
      }
    : null;
  await stop(server);
  return { label, scale, hello, reads: results, slowest, top: timed.slice(0, 6) };
}

/** A fresh database on the server named by `url`, dropped at cleanup. */
async function freshPostgres(url: string): Promise<string> {
  const name = `jiyao_scale_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`).finally(() => admin.end());
  finalizers.push(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
  });
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

// ---------------------------------------------------------------- report

const f0 = (n: number) => n.toFixed(0);
const f2 = (n: number) => n.toFixed(2);
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const aim = (ok: boolean) => (ok ? '达标' : '未达标');

function report(run: DbRun): boolean {
  const helloRps = run.hello.reduce((a, h) => a + h.rps, 0) / run.hello.length;
  let failed = run.hello.some((h) => h.failures > 0);
  console.log(`\n[${run.label}] ${run.scale}`);
  console.log(
    `  hello-world        ${f0(helloRps).padStart(6)} req/s (mean of ${run.hello.length}: ${run.hello.map((h) => f0(h.rps)).join(', ')})`,
  );
  console.log(
    `  ${'read'.padEnd(22)} ${'app'.padStart(7)} ${'÷hello'.padStart(7)}  aim      ${'raw SQL'.padStart(8)} ${'÷hello'.padStart(7)}  app÷raw  statements`,
  );
  for (const r of run.reads) {
    const ratio = r.app.rps / helloRps;
    const want = r.name === 'GET /api/me' ? AIMS.me : r.name === 'minutes page' ? null : AIMS.lists;
    console.log(
      `  ${r.name.padEnd(22)} ${f0(r.app.rps).padStart(7)} ${f2(ratio).padStart(7)}  ${want === null ? '—      ' : `≥${f2(want)} ${aim(ratio >= want)}`.padEnd(9)}` +
        `${f0(r.raw.rps).padStart(8)} ${f2(r.raw.rps / helloRps).padStart(7)}  ${f2(r.app.rps / r.raw.rps).padStart(7)}  ${r.statements}`,
    );
    if (r.app.failures || r.raw.failures) {
      failed = true;
      console.log(`    失败: ${r.app.failures} failed app requests, ${r.raw.failures} failed raw requests`);
    }
  }
  if (run.reads.some((r) => r.high)) {
    console.log(`  at ${HIGH} connections (aim p99 ≤ ${AIMS.p99Ms} ms):`);
    for (const r of run.reads) {
      const h = r.high;
      if (!h) continue;
      console.log(
        `  ${r.name.padEnd(22)} ${f0(h.rps).padStart(7)} req/s  p50 ${ms(h.p50)}  p95 ${ms(h.p95)}  p99 ${ms(h.p99)} ms  ${aim(h.p99 <= AIMS.p99Ms)}`,
      );
      if (h.failures) {
        failed = true;
        console.log(`    失败: ${h.failures} failed requests`);
      }
    }
  }
  console.log('  slowest statements, each alone (fastest and median of 20 runs):');
  for (const t of run.top)
    console.log(
      `    ${ms(t.minMs).padStart(6)} / ${ms(t.medianMs).padStart(6)} ms  ${t.read.padEnd(22)} ${t.sql.slice(0, 110)}${t.sql.length > 110 ? '…' : ''}`,
    );
  if (run.slowest) {
    console.log(
      `  slowest statement alone: ${ms(run.slowest.minMs)} ms (fastest of 20; median ${ms(run.slowest.medianMs)}), from ${run.slowest.read}:`,
    );
    console.log(`    ${run.slowest.sql}`);
    for (const line of run.slowest.plan) console.log(`    | ${line}`);
  }
  return failed;
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const load1 = loadavg()[0] ?? 0;
  console.log(`jiyao bench:scale — node ${process.version}, ${cpus().length} CPUs, load average ${load1.toFixed(2)}`);
  const runs: DbRun[] = [];
  const helloPort = await freePort();
  const hello = await start('hello-world', ['--input-type=module', '-e', HELLO], { PORT: String(helloPort) });
  const sqliteScale = scaleOf('BENCH_SQLITE_SCALE');
  if (sqliteScale) {
    const dir = mkdtempSync(join(tmpdir(), 'jiyao-bench-scale-db-'));
    finalizers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const url = `sqlite:${join(dir, 'jiyao.db')}`;
    console.log('[sqlite]');
    await seeded(url, sqliteScale);
    const scale = `${sqliteScale.units} units × ${sqliteScale.divisions} divisions × ${sqliteScale.years} years`;
    runs.push(await benchDatabase('sqlite', url, scale, helloPort));
  }
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    console.log('[postgres]');
    let url = process.env.BENCH_SCALE_DATABASE_URL;
    let scale: string;
    if (url) {
      const db = openDatabase(url, { poolSize: 1 });
      const n = await db.kysely
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const m = await db.kysely
        .selectFrom('meetings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      await db.close();
      scale = `${n.n} units, ${m.n} meetings (BENCH_SCALE_DATABASE_URL, seeded by seed:scale)`;
    } else {
      const s = scaleOf('BENCH_PG_SCALE') ?? { units: 10, divisions: 20, years: 10 };
      url = await freshPostgres(pgUrl);
      await seeded(url, s);
      scale = `${s.units} units × ${s.divisions} divisions × ${s.years} years`;
    }
    runs.push(await benchDatabase('postgres', url, scale, helloPort));
  }
  await stop(hello);
  let failed = false;
  console.log(`\n=== results (${CONNECTIONS} connections, ${SECONDS} s per target) ===`);
  for (const r of runs) failed = report(r) || failed;
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
  const round = (x: number) => Math.round(x * 100) / 100;
  const lean = (l: Load | undefined) =>
    l && { rps: round(l.rps), p50: round(l.p50), p95: round(l.p95), p99: round(l.p99), failures: l.failures };
  console.log(
    JSON.stringify({
      connections: CONNECTIONS,
      high: HIGH,
      seconds: SECONDS,
      aims: AIMS,
      runs: runs.map((r) => ({
        label: r.label,
        scale: r.scale,
        helloRps: round(r.hello.reduce((a, h) => a + h.rps, 0) / r.hello.length),
        reads: r.reads.map((x) => ({ name: x.name, app: lean(x.app), raw: lean(x.raw), high: lean(x.high) })),
        slowestMs: r.slowest && round(r.slowest.minMs),
      })),
      failed,
    }),
  );
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e: unknown) {
  console.error(`\n失败: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
} finally {
  await cleanup();
}
process.exit(code);
