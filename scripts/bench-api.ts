/**
 * `npm run bench:api`: the API's cost against a bare Fastify.
 *   - cold start: spawn → first 200 of /api/health, on an already seeded database (median of 3),
 *     and the very first start (migrate + seed the demo bureau)
 *   - idle RSS of the server process after start
 *   - autocannon on authenticated GET /api/me vs a hello-world Fastify, both in child processes
 * Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_DATABASE_URL (postgres://…: also on PostgreSQL).
 * Prints figures and "达标/未达标" against the aims; fails only if something broke.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const children = new Set<ChildProcess>();
const temps: string[] = [];

const built = join(ROOT, 'dist/server/main.js');
const serverArgs = existsSync(built) ? [built] : ['--import', 'tsx', join(ROOT, 'server/main.ts')];

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, timeoutMs = 30_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Running {
  child: ChildProcess;
  port: number;
  startMs: number;
}

async function startServer(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, serverArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  await waitFor(`http://127.0.0.1:${port}/api/health`);
  return { child, port, startMs: performance.now() - t0 };
}

async function stop(r: Running): Promise<void> {
  await new Promise<void>((res) => {
    r.child.once('exit', () => res());
    r.child.kill('SIGTERM');
  });
  children.delete(r.child);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'head', password: 'Demo@2026' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function helloWorld(): Promise<Load> {
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-hello-'));
  temps.push(dir);
  const file = join(ROOT, `.bench-hello-${process.pid}.mjs`);
  writeFileSync(
    file,
    `import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n`,
  );
  temps.push(file);
  const port = await freePort();
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  children.add(child);
  await waitFor(`http://127.0.0.1:${port}/`);
  const r = await load(`http://127.0.0.1:${port}/`);
  child.kill('SIGTERM');
  children.delete(child);
  return r;
}

async function benchDatabase(label: string, env: Record<string, string>) {
  const first = await startServer(env); // migrates and seeds
  await stop(first);
  const starts: number[] = [];
  let running: Running | null = null;
  for (let i = 0; i < 3; i++) {
    if (running) await stop(running);
    running = await startServer(env);
    starts.push(running.startMs);
  }
  if (!running) throw new Error('no server');
  await new Promise((r) => setTimeout(r, 1000));
  const rss = rssMb(running.child.pid ?? 0);
  const cookie = await login(running.port);
  const me = await load(`http://127.0.0.1:${running.port}/api/me`, { cookie });
  await stop(running);
  return { label, firstStartMs: first.startMs, coldStartMs: median(starts), rssMb: rss, me };
}

const fmt = (n: number, d = 0) => n.toFixed(d);
const aim = (ok: boolean) => (ok ? '达标' : '未达标');

async function main() {
  console.log(`server: node ${serverArgs.join(' ').replace(ROOT + '/', '')}; ${SECONDS}s × ${CONNECTIONS} connections`);
  const results = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'jiyao-bench-'));
  temps.push(dataDir);
  results.push(await benchDatabase('sqlite', { DATA_DIR: dataDir, DATABASE_URL: '' }));

  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const name = `jiyao_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const dropDb = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name}`);
      await c.end();
    };
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    try {
      const pgDir = mkdtempSync(join(tmpdir(), 'jiyao-bench-pg-'));
      temps.push(pgDir);
      results.push(await benchDatabase('postgres', { DATA_DIR: pgDir, DATABASE_URL: u.href }));
    } finally {
      await dropDb();
    }
  }

  const hello = await helloWorld();
  console.log(`\nhello-world Fastify: ${fmt(hello.rps)} req/s, p50 ${hello.p50} ms, p99 ${hello.p99} ms`);
  let broken = hello.non2xx > 0 || hello.errors > 0;
  const summary: Record<string, unknown> = { hello };
  for (const r of results) {
    const ratio = r.me.rps / hello.rps;
    broken ||= r.me.non2xx > 0 || r.me.errors > 0;
    console.log(`\n[${r.label}]`);
    console.log(
      `  GET /api/me:    ${fmt(r.me.rps)} req/s, p50 ${r.me.p50} ms, p99 ${r.me.p99} ms, non-2xx ${r.me.non2xx}, errors ${r.me.errors}`,
    );
    console.log(`  ratio me/hello: ${fmt(ratio, 2)}   (aim ≥ 0.40: ${aim(ratio >= 0.4)})`);
    console.log(
      `  cold start:     ${fmt(r.coldStartMs)} ms median of 3 (aim ≤ 1500 ms: ${aim(r.coldStartMs <= 1500)}); first start incl. migrate + seed ${fmt(r.firstStartMs)} ms`,
    );
    console.log(`  idle RSS:       ${fmt(r.rssMb, 1)} MB (aim ≤ 120 MB: ${aim(r.rssMb <= 120)})`);
    summary[r.label] = { ...r, ratio };
  }
  console.log(`\nJSON ${JSON.stringify(summary)}`);
  if (broken) {
    console.error('non-2xx responses or errors under load');
    process.exitCode = 1;
  }
}

function cleanup() {
  for (const c of children) c.kill('SIGKILL');
  for (const t of temps) rmSync(t, { recursive: true, force: true });
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(cleanup);
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
