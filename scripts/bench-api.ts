/**
 * `npm run bench:api` — what the API costs, measured on the real server in child processes:
 *   1. cold start: spawn → first 200 of GET /api/health (polled every 10 ms) on an already migrated and
 *      seeded database, median of 3; and, separately, the very first start (migrate + seed the demo bureau)
 *   2. idle RSS of the server (VmRSS, ~1 s after start)
 *   3. throughput: autocannon on authenticated GET /api/me (as `head`) against a bare Fastify hello-world,
 *      also in its own child process. The two are measured in alternating slices (ABBA…) so that a
 *      neighbour's load on the machine hits both alike; the ratio is jiyao req/s ÷ hello req/s.
 *   Each on SQLite, and on PostgreSQL too when BENCH_DATABASE_URL is set (a fresh database
 *   jiyao_bench_<random> is created on that server and dropped afterwards).
 *
 * Env: BENCH_SECONDS (10: load per target, after a 2 s warm-up), BENCH_CONNECTIONS (10),
 *      BENCH_SLICE (2: seconds per alternating slice), BENCH_DATABASE_URL (postgres://…),
 *      BENCH_SERVER (dist | src: default dist/server/main.js when built, else the sources via tsx),
 *      BENCH_CPU_PROF (a folder: run the jiyao servers with --cpu-prof; figures are then not representative).
 * Prints the figures with 达标/未达标 against the aims and, last, one JSON line with every number.
 * Exits non-zero only when something failed (a server did not start, non-2xx or errors under load),
 * never for a missed aim.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from './scale/free-port.js';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = envNumber('BENCH_SECONDS', 10);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 10);
const SLICE = Math.min(envNumber('BENCH_SLICE', 2), SECONDS);
const WARMUP_SECONDS = 2;
const COLD_STARTS = 3;
const USER = { username: 'head', password: 'Demo@2026' };
const AIMS = { ratio: 0.4, coldStartMs: 1500, idleRssMb: 120 };

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

// ---------------------------------------------------------------- which server

const BUILT = join(ROOT, 'dist/server/main.js');
const useDist = process.env.BENCH_SERVER ? process.env.BENCH_SERVER === 'dist' : existsSync(BUILT);
if (useDist && !existsSync(BUILT))
  throw new Error('BENCH_SERVER=dist but dist/server/main.js is missing: npm run build');
const SERVER_ARGS = useDist ? [BUILT] : ['--import', 'tsx', join(ROOT, 'server/main.ts')];
const PROF_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;

/** Newest mtime of the server's sources (to warn when the bundle is older than them). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

// ---------------------------------------------------------------- cleanup, always

const children = new Set<ChildProcess>();
const temps: string[] = [];
const finalizers: (() => Promise<void>)[] = [];

async function cleanup(): Promise<void> {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
  for (const f of finalizers.splice(0).reverse()) await f().catch((e: unknown) => console.error('cleanup:', e));
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- processes

/** One GET with a fresh connection; resolves to the status (0 when the connection failed). */
function getStatus(port: number, path: string): Promise<number> {
  return new Promise((res) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 2000 }, (r) => {
      r.resume();
      r.on('end', () => res(r.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => res(0));
    req.end();
  });
}

interface Running {
  name: string;
  child: ChildProcess;
  port: number;
  /** Spawn → first 200, ms. */
  startMs: number;
  output: () => string;
}

/**
 * Spawns `node args…` and polls `path` every 10 ms until it answers 200. Fails at once when the
 * child exits first (with the tail of its output), and after 30 s otherwise.
 */
async function launch(name: string, args: string[], env: Record<string, string>, path: string): Promise<Running> {
  const port = await freePort();
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString('utf8')).slice(-4000);
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  for (;;) {
    if (exited) throw new Error(`${name} did not start: ${exited}\n${out.trim()}`);
    if ((await getStatus(port, path)) === 200) break;
    if (performance.now() - t0 > 30_000) throw new Error(`${name}: no 200 from ${path} within 30 s\n${out.trim()}`);
    await sleep(10);
  }
  return { name, child, port, startMs: performance.now() - t0, output: () => out };
}

async function stop(r: Running): Promise<void> {
  const c = r.child;
  if (c.exitCode === null && c.signalCode === null) {
    const exited = new Promise<void>((res) => c.once('exit', () => res()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  children.delete(c);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process, in seconds (from /proc/<pid>/stat). */
function cpuSeconds(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return kb / 1024;
}

// ---------------------------------------------------------------- load

interface Target {
  url: string;
  headers: Record<string, string>;
  /** The server's pid, to charge it its CPU time. */
  pid: number | undefined;
}

interface Slice {
  requests: number;
  seconds: number;
  /** CPU time (user + system) the server process spent during the slice, in seconds. */
  cpuSeconds: number;
}

interface Tally {
  slices: Slice[];
  latencies: number[];
  non2xx: number;
  errors: number;
  timeouts: number;
}

const newTally = (): Tally => ({ slices: [], latencies: [], non2xx: 0, errors: 0, timeouts: 0 });

interface ResponseEvents {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}

/** One autocannon run; latencies are taken from the response events (autocannon's histogram has 1 ms steps). */
async function cannon(t: Target, seconds: number, tally: Tally | null): Promise<void> {
  const lat: number[] = [];
  // The result is also an EventEmitter; 'response' carries (client, status, bytes, ms) in autocannon 8.
  const run = autocannon({ url: t.url, headers: t.headers, connections: CONNECTIONS, duration: seconds });
  (run as unknown as ResponseEvents).on('response', (_client, _status, _bytes, ms) => lat.push(ms));
  const cpu0 = cpuSeconds(t.pid);
  const r = await run;
  const cpu = cpuSeconds(t.pid) - cpu0;
  if (!tally) return;
  const total = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
  tally.slices.push({ requests: total, seconds: r.duration, cpuSeconds: cpu });
  for (const x of lat) tally.latencies.push(x);
  tally.non2xx += r.non2xx;
  tally.errors += r.errors;
  tally.timeouts += r.timeouts;
}

interface LoadFigures {
  rps: number;
  /** Server CPU time per request, µs: steadier than req/s on a shared machine. */
  cpuUsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function figures(t: Tally): LoadFigures {
  const requests = t.slices.reduce((a, s) => a + s.requests, 0);
  const seconds = t.slices.reduce((a, s) => a + s.seconds, 0);
  const cpu = t.slices.reduce((a, s) => a + s.cpuSeconds, 0);
  const sorted = Float64Array.from(t.latencies).sort();
  return {
    rps: requests / seconds,
    cpuUsPerRequest: (cpu * 1e6) / requests,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    requests,
    non2xx: t.non2xx,
    errors: t.errors,
    timeouts: t.timeouts,
  };
}

/**
 * Warm-up, then A and B in alternating slices (A B B A A B …) until each had SECONDS: both see the
 * same machine. Warm-up responses are checked for non-2xx too.
 */
async function interleaved(a: Target, b: Target) {
  const warm = { a: newTally(), b: newTally() };
  await cannon(a, WARMUP_SECONDS, warm.a);
  await cannon(b, WARMUP_SECONDS, warm.b);
  const ta = newTally();
  const tb = newTally();
  const rounds = Math.max(1, Math.round(SECONDS / SLICE));
  for (let i = 0; i < rounds; i++) {
    const order: [Target, Tally][] =
      i % 2 === 0
        ? [
            [a, ta],
            [b, tb],
          ]
        : [
            [b, tb],
            [a, ta],
          ];
    for (const [t, tally] of order) await cannon(t, SLICE, tally);
  }
  const pairRatios = ta.slices.map((s, i) => {
    const o = tb.slices[i];
    return o ? s.requests / s.seconds / (o.requests / o.seconds) : NaN;
  });
  const fa = figures(ta);
  const fb = figures(tb);
  for (const [f, w] of [
    [fa, warm.a],
    [fb, warm.b],
  ] as const) {
    f.non2xx += w.non2xx;
    f.errors += w.errors;
    f.timeouts += w.timeouts;
  }
  return { a: fa, b: fb, pairRatios };
}

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(USER),
  });
  if (!res.ok) throw new Error(`login as ${USER.username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('jiyao_session='));
  if (!cookie) throw new Error('login answered without a jiyao_session cookie');
  const me = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { cookie } });
  if (!me.ok) throw new Error(`GET /api/me with the session cookie: ${me.status}`);
  return cookie;
}

// ---------------------------------------------------------------- the runs

const HELLO_SOURCE = `import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

interface DbResult {
  label: string;
  firstStartMs: number;
  coldStartMs: number;
  coldStartsMs: number[];
  idleRssMb: number;
  me: LoadFigures;
  hello: LoadFigures;
  ratio: number;
  pairRatios: number[];
}

async function benchDatabase(label: string, env: Record<string, string>, hello: Running): Promise<DbResult> {
  const serverEnv = { ...env, LOG_LEVEL: 'warn', SEED_DEMO: 'auto', SESSION_COOKIE_NAME: '' };
  const args = PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROF_DIR, ...SERVER_ARGS] : SERVER_ARGS;
  process.stdout.write(`\n[${label}] first start (migrate + seed)… `);
  const first = await launch(`jiyao (${label})`, args, serverEnv, '/api/health');
  await stop(first);
  console.log(`${fmt(first.startMs)} ms`);
  const starts: number[] = [];
  let running: Running | null = null;
  for (let i = 0; i < COLD_STARTS; i++) {
    if (running) await stop(running);
    running = await launch(`jiyao (${label})`, args, serverEnv, '/api/health');
    starts.push(running.startMs);
  }
  if (!running) throw new Error('no server');
  console.log(`[${label}] cold starts on the seeded database: ${starts.map((s) => fmt(s)).join(', ')} ms`);
  await sleep(1000);
  const idleRssMb = rssMb(running.child.pid);
  const cookie = await login(running.port);
  console.log(
    `[${label}] load: GET /api/me vs hello-world, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up each, ` +
      `then ${SECONDS} s each in ${SLICE} s alternating slices…`,
  );
  const r = await interleaved(
    { url: `http://127.0.0.1:${running.port}/api/me`, headers: { cookie }, pid: running.child.pid },
    { url: `http://127.0.0.1:${hello.port}/`, headers: {}, pid: hello.child.pid },
  );
  if (running.child.exitCode !== null) throw new Error(`jiyao (${label}) died under load\n${running.output()}`);
  await stop(running);
  return {
    label,
    firstStartMs: first.startMs,
    coldStartMs: median(starts),
    coldStartsMs: starts,
    idleRssMb,
    me: r.a,
    hello: r.b,
    ratio: r.a.rps / r.b.rps,
    pairRatios: r.pairRatios,
  };
}

/** A fresh database on the server named by `url`, dropped at cleanup. */
async function freshPostgres(url: string): Promise<string> {
  const name = `jiyao_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  finalizers.push(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } catch {
      // PostgreSQL < 13 has no (force): the servers are stopped by now anyway
      await c.query(`drop database if exists ${name}`);
    } finally {
      await c.end();
    }
  });
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

// ---------------------------------------------------------------- report

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const fmt = (n: number, d = 0) => n.toFixed(d);
const aim = (ok: boolean) => (ok ? '达标' : '未达标');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

function printLoad(name: string, f: LoadFigures): void {
  console.log(
    `  ${name.padEnd(17)} ${fmt(f.rps).padStart(6)} req/s   p50 ${ms(f.p50Ms)} ms   p99 ${ms(f.p99Ms)} ms   ` +
      `server CPU ${fmt(f.cpuUsPerRequest)} µs/request   ` +
      `(${f.requests} requests; non-2xx ${f.non2xx}, errors ${f.errors}, timeouts ${f.timeouts})`,
  );
}

async function main(): Promise<number> {
  const started = performance.now();
  const serverCmd = `node ${SERVER_ARGS.map((a) => a.replace(`${ROOT}/`, '')).join(' ')}`;
  console.log(`jiyao bench:api — server: ${serverCmd}${useDist ? ' (bundle)' : ' (sources via tsx)'}`);
  if (useDist) {
    const src = Math.max(newestSource(join(ROOT, 'server')), newestSource(join(ROOT, 'core')));
    if (src > statSync(BUILT).mtimeMs) {
      console.log('  warning: dist/server/main.js is older than server/ or core/ — run `npm run build` first');
    }
  }
  const load1 = loadavg()[0] ?? 0;
  console.log(
    `node ${process.version}, ${cpus().length} CPUs, load average ${load1.toFixed(2)}` +
      (load1 > cpus().length / 2 ? ' — the machine is busy: figures will be noisy' : ''),
  );
  if (PROF_DIR) {
    mkdirSync(PROF_DIR, { recursive: true });
    console.log(
      `CPU profiles of the jiyao servers go to ${PROF_DIR} (profiling slows them: figures not representative)`,
    );
  }

  const helloDir = mkdtempSync(join(tmpdir(), 'jiyao-bench-hello-'));
  temps.push(helloDir);
  const hello = await launch('hello-world', ['--input-type=module', '-e', HELLO_SOURCE], { DATA_DIR: helloDir }, '/');
  await sleep(1000);
  const helloRef = { startMs: hello.startMs, idleRssMb: rssMb(hello.child.pid) };
  console.log(
    `hello-world Fastify (reference): start ${fmt(helloRef.startMs)} ms, idle RSS ${fmt(helloRef.idleRssMb, 1)} MB`,
  );

  const results: DbResult[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'jiyao-bench-sqlite-'));
  temps.push(dataDir);
  // DATABASE_URL empty counts as unset: SQLite under DATA_DIR
  results.push(await benchDatabase('sqlite', { DATA_DIR: dataDir, DATABASE_URL: '' }, hello));

  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    if (!/^postgres(ql)?:\/\//.test(pgUrl)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL');
    const dbUrl = await freshPostgres(pgUrl);
    const pgDir = mkdtempSync(join(tmpdir(), 'jiyao-bench-pg-'));
    temps.push(pgDir);
    results.push(await benchDatabase('postgres', { DATA_DIR: pgDir, DATABASE_URL: dbUrl }, hello));
  }
  await stop(hello);

  let failed = false;
  console.log(`\n=== results (${CONNECTIONS} connections, ${SECONDS} s per target) ===`);
  for (const r of results) {
    console.log(`\n[${r.label}]`);
    printLoad('GET /api/me', r.me);
    printLoad('hello-world', r.hello);
    const spread = r.pairRatios.filter(Number.isFinite);
    console.log(
      `  ratio me/hello    ${fmt(r.ratio, 2)}   aim ≥ ${AIMS.ratio.toFixed(2)}: ${aim(r.ratio >= AIMS.ratio)}` +
        `   (per slice pair ${fmt(Math.min(...spread), 2)}–${fmt(Math.max(...spread), 2)}; ` +
        `by server CPU per request ${fmt(r.hello.cpuUsPerRequest / r.me.cpuUsPerRequest, 2)})`,
    );
    console.log(
      `  cold start        ${fmt(r.coldStartMs)} ms (median of ${COLD_STARTS})   aim ≤ ${AIMS.coldStartMs} ms: ` +
        `${aim(r.coldStartMs <= AIMS.coldStartMs)}   (first start incl. migrate + seed: ${fmt(r.firstStartMs)} ms)`,
    );
    console.log(
      `  idle RSS          ${fmt(r.idleRssMb, 1)} MB   aim ≤ ${AIMS.idleRssMb} MB: ${aim(r.idleRssMb <= AIMS.idleRssMb)}`,
    );
    for (const [who, f] of [
      ['GET /api/me', r.me],
      ['hello-world', r.hello],
    ] as const) {
      if (f.non2xx || f.errors || f.timeouts) {
        failed = true;
        console.log(`  失败: ${who} had ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts`);
      }
    }
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  const summary = {
    server: useDist ? 'dist' : 'src',
    node: process.version,
    cpus: cpus().length,
    loadAverage: round(load1),
    seconds: SECONDS,
    connections: CONNECTIONS,
    helloReference: { startMs: round(helloRef.startMs), idleRssMb: round(helloRef.idleRssMb) },
    aims: AIMS,
    results: Object.fromEntries(
      results.map((r) => [
        r.label,
        {
          coldStartMs: round(r.coldStartMs),
          coldStartsMs: r.coldStartsMs.map(round),
          firstStartMs: round(r.firstStartMs),
          idleRssMb: round(r.idleRssMb),
          me: roundAll(r.me),
          hello: roundAll(r.hello),
          ratio: round(r.ratio),
          cpuRatio: round(r.hello.cpuUsPerRequest / r.me.cpuUsPerRequest),
          pairRatios: r.pairRatios.map(round),
          met: {
            ratio: r.ratio >= AIMS.ratio,
            coldStart: r.coldStartMs <= AIMS.coldStartMs,
            idleRss: r.idleRssMb <= AIMS.idleRssMb,
          },
        },
      ]),
    ),
    failed,
    totalSeconds: round((performance.now() - started) / 1000),
  };
  console.log(`\n(${fmt(summary.totalSeconds, 1)} s in all)`);
  console.log(JSON.stringify(summary));
  return failed ? 1 : 0;
}

function roundAll(f: LoadFigures): LoadFigures {
  const r = (x: number) => Math.round(x * 100) / 100;
  return { ...f, rps: r(f.rps), cpuUsPerRequest: r(f.cpuUsPerRequest), p50Ms: r(f.p50Ms), p99Ms: r(f.p99Ms) };
}

let code = 1;
try {
  code = await main();
} catch (e: unknown) {
  console.error(`\n失败: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await cleanup();
}
process.exit(code);
