/**
 * `npm run bench:web` — the bytes a browser transfers to show the 工作台, measured in Debian's
 * Chromium (playwright-core, never a downloaded browser) against the built server (dist/, as the
 * E2E harness starts it: fresh DATA_DIR, free port, SQLite).
 *
 *   first visit:  empty cache → /login (form shown) → log in as `head` → the 工作台 ("您好，")
 *   second visit: reload in the same context → the 工作台 again
 *
 * Bytes are Chromium's own count of what came over the wire (CDP Network.loadingFinished
 * encodedDataLength: headers and compressed body; 0 for what the cache served), split into the
 * SPA's files and /api. The same run measures a reference: the same server and build with
 * STATIC_PRECOMPRESSED=0 STATIC_IMMUTABLE=0 (plain files, max-age=0, as before issue 11).
 * Builds nothing: run `npm run build` first. Exits non-zero only when something failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const MAIN = join(ROOT, 'dist/server/main.js');
const USER = { username: 'head', password: 'Demo@2026' };

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

interface Server {
  baseUrl: string;
  stop(): void;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jiyao-bench-web-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      JOBS: 'false',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { baseUrl, stop };
    } catch {
      // starting
    }
    if (i > 400) {
      stop();
      throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Tally {
  /** Bytes over the wire for the SPA's files (page, JS, CSS…) and for /api. */
  web: number;
  api: number;
  requests: number;
  /** Requests answered by the browser's cache, without the network. */
  fromCache: number;
  /** Requests answered 304 Not Modified. */
  notModified: number;
  /** content-encoding of the SPA's JS, as sent. */
  encodings: Set<string>;
}

const emptyTally = (): Tally => ({ web: 0, api: 0, requests: 0, fromCache: 0, notModified: 0, encodings: new Set() });

/** Counts what the page transfers, through the DevTools protocol, from now until `take()`. */
async function meter(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  let tally = emptyTally();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.requestServedFromCache', () => tally.fromCache++);
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.status === 304) tally.notModified++;
    const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
    if (e.response.url.endsWith('.js') && !e.response.fromDiskCache) tally.encodings.add(String(enc ?? 'identity'));
  });
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId) ?? '';
    tally.requests++;
    if (new URL(url, 'http://x').pathname.startsWith('/api/')) tally.api += e.encodedDataLength;
    else tally.web += e.encodedDataLength;
  });
  return {
    take(): Tally {
      const t = tally;
      tally = emptyTally();
      return t;
    },
  };
}

interface Visit {
  login: Tally;
  first: Tally;
  second: Tally;
}

async function visit(browser: Browser, baseUrl: string): Promise<Visit> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    const m = await meter(page);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('用户名').waitFor();
    await page.waitForLoadState('networkidle');
    const login = m.take();
    await page.getByLabel('用户名').fill(USER.username);
    await page.getByLabel('密码').fill(USER.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('您好，').waitFor();
    await page.waitForLoadState('networkidle');
    const afterLogin = m.take();
    const first: Tally = {
      web: login.web + afterLogin.web,
      api: login.api + afterLogin.api,
      requests: login.requests + afterLogin.requests,
      fromCache: login.fromCache + afterLogin.fromCache,
      notModified: login.notModified + afterLogin.notModified,
      encodings: new Set([...login.encodings, ...afterLogin.encodings]),
    };
    await page.reload();
    await page.getByText('您好，').waitFor();
    await page.waitForLoadState('networkidle');
    return { login, first, second: m.take() };
  } finally {
    await context.close();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = (label: string, t: Tally, ref: Tally) =>
  `  ${label.padEnd(24)} ${kb(t.web).padStart(10)} (参照 ${kb(ref.web)}, ${((100 * t.web) / Math.max(ref.web, 1)).toFixed(0)}%)` +
  `  + /api ${kb(t.api)}; ${t.requests} requests, ${t.fromCache} from cache, ${t.notModified} × 304`;

async function main(): Promise<void> {
  if (!existsSync(MAIN) || !existsSync(join(ROOT, 'dist/web/index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
  });
  const results: Record<'served' | 'reference', Visit> = {} as Record<'served' | 'reference', Visit>;
  try {
    for (const [name, env] of [
      ['served', {}],
      ['reference', { STATIC_PRECOMPRESSED: '0', STATIC_IMMUTABLE: '0' }],
    ] as const) {
      const server = await startServer(env);
      try {
        results[name] = await visit(browser, server.baseUrl);
      } finally {
        server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const { served, reference } = results;
  console.log('Bytes transferred (SPA files: HTML, JS, CSS; headers included), Chromium, head → 工作台');
  console.log(
    `  JS content-encoding: ${[...served.first.encodings].join(', ')} (参照 ${[...reference.first.encodings].join(', ')})`,
  );
  console.log(line('first visit, /login', served.login, reference.login));
  console.log(line('first visit, → 工作台', served.first, reference.first));
  console.log(line('second visit (reload)', served.second, reference.second));
  const json = (t: Tally) => ({
    web: t.web,
    api: t.api,
    requests: t.requests,
    fromCache: t.fromCache,
    notModified: t.notModified,
  });
  console.log(
    JSON.stringify({
      served: { login: json(served.login), first: json(served.first), second: json(served.second) },
      reference: { login: json(reference.login), first: json(reference.first), second: json(reference.second) },
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
