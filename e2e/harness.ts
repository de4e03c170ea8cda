/**
 * E2E harness: the built app (dist/) on a free port with a fresh data folder,
 * and Debian's Chromium driven by playwright-core. No browser downloads.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..');
export const ARTIFACTS = join(ROOT, 'e2e/artifacts');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

export interface E2E {
  baseUrl: string;
  context: BrowserContext;
  /**
   * Moves the server's clock this many days ahead of the wall clock (TEST_CLOCK_FILE) — the
   * browser's stays where it is; the jobs then tick within 2 s.
   */
  setClockDays(days: number): void;
  stop(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const main = join(ROOT, 'dist/server/main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist/web/index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'jiyao-e2e-'));
  const port = await freePort();
  const clockFile = join(dataDir, 'test-clock');
  writeFileSync(clockFile, '0');
  const server: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      TEST_CLOCK_FILE: clockFile,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // starting
    }
    // A minute: a cold start seeds the demo bureau, which takes seconds on a loaded machine.
    if (i > 1200) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const profile = mkdtempSync(join(tmpdir(), 'jiyao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // No animations (the app follows the system setting): a click cannot land on a dialog still
    // zooming in — CI once clicked 同意 in a dialog mid-animation and nothing was sent.
    reducedMotion: 'reduce',
    viewport: { width: 1366, height: 860 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.addInitScript({ content: recordMessages });
  context.on('page', watchPage);
  context.pages().forEach(watchPage);
  return {
    baseUrl,
    context,
    setClockDays(days: number) {
      writeFileSync(clockFile, String(Math.round(days * 86_400_000)));
    },
    async stop() {
      await context.close().catch(() => undefined);
      server.kill('SIGTERM');
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh page logged in as `username` (cookies of earlier tests cleared). */
export async function loginAs(e2e: E2E, username: string, password = 'Demo@2026'): Promise<Page> {
  await e2e.context.clearCookies();
  const page = await e2e.context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByText('您好，').waitFor();
  return page;
}

/** A full-page screenshot kept as an artifact. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/**
 * Waits for an antd success/error message with this text. Every message the page shows is
 * recorded as it appears (`recordMessages`), so a toast that came and went while this process
 * was starved of CPU still counts; each message answers one wait. When none comes, the error says what the page did
 * instead: the messages it showed, its API calls with their outcome, and a screenshot under
 * e2e/artifacts/failures/ (a CI run leaves no browser to look at).
 */
export async function ok(page: Page, text: string | RegExp): Promise<void> {
  const want = typeof text === 'string' ? { s: text } : { r: text.source, f: text.flags };
  try {
    // No named function inside: tsx's transform would wrap it in a `__name` the page does not have.
    await page.waitForFunction(
      (w: { s?: string; r?: string; f?: string }) => {
        const seen = (window as unknown as { __jiyaoMessages?: string[] }).__jiyaoMessages ?? [];
        const i = seen.findIndex((t) => (w.s !== undefined ? t.includes(w.s) : new RegExp(w.r ?? '', w.f).test(t)));
        // A message answers one wait: the next wait needs a message of its own.
        if (i >= 0) seen.splice(0, i + 1);
        return i >= 0;
      },
      want,
      { timeout: 30_000, polling: 100 },
    );
  } catch (e) {
    const seen = await page
      .evaluate(() => (window as unknown as { __jiyaoMessages?: string[] }).__jiyaoMessages ?? [])
      .catch(() => []);
    mkdirSync(join(ARTIFACTS, 'failures'), { recursive: true });
    const file = join(ARTIFACTS, 'failures', `${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(
      [
        `no message ${String(text)}: ${(e as Error).message.split('\n')[0]}`,
        `  messages shown: ${JSON.stringify(seen.slice(-10))}`,
        `  API calls: ${JSON.stringify((apiCalls.get(page) ?? []).slice(-15).map((c) => `${c.what} → ${c.outcome}`))}`,
        `  page: ${page.url()}; screenshot: ${file}`,
      ].join('\n'),
      { cause: e },
    );
  }
}

/** Per page, its API calls and how each ended (a status, a network failure, or still pending). */
const apiCalls = new WeakMap<Page, { what: string; outcome: string }[]>();
function watchPage(page: Page): void {
  const calls: { what: string; outcome: string }[] = [];
  apiCalls.set(page, calls);
  const byRequest = new WeakMap<object, { what: string; outcome: string }>();
  page.on('request', (req) => {
    if (!req.url().includes('/api/')) return;
    const call = { what: `${req.method()} ${new URL(req.url()).pathname}`, outcome: 'pending' };
    byRequest.set(req, call);
    calls.push(call);
    if (calls.length > 50) calls.shift();
  });
  page.on('requestfinished', (req) => {
    const call = byRequest.get(req);
    if (call)
      void req
        .response()
        .then((res) => (call.outcome = String(res?.status() ?? 'no response')))
        .catch(() => undefined);
  });
  page.on('requestfailed', (req) => {
    const call = byRequest.get(req);
    if (call) call.outcome = `failed: ${req.failure()?.errorText ?? ''}`;
  });
  page.on('pageerror', (err) => calls.push({ what: 'page error', outcome: err.message.slice(0, 200) }));
}

/**
 * Runs in every page before its scripts: keeps the text of every antd message that appears,
 * each notice once (a string: tsx's transform of a function would add a `__name` the page lacks).
 */
const recordMessages = `(() => {
  window.__jiyaoMessages = [];
  const known = new WeakSet();
  new MutationObserver(() => {
    for (const m of document.querySelectorAll('.ant-message-notice')) {
      if (known.has(m)) continue;
      known.add(m);
      window.__jiyaoMessages.push(m.textContent || '');
    }
  }).observe(document, { childList: true, subtree: true });
})()`;

/** The API as `username`, through the browser context's cookie jar (setup steps only). */
export async function apiAs(e2e: E2E, username: string) {
  await e2e.context.clearCookies();
  const req = e2e.context.request;
  const login = await req.post(`${e2e.baseUrl}/api/auth/login`, { data: { username, password: 'Demo@2026' } });
  assert.equal(login.status(), 200, await login.text());
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = async <T>(method: 'post' | 'put', url: string, data?: unknown): Promise<T> => {
    const res = await req[method](`${e2e.baseUrl}${url}`, {
      headers: { 'x-csrf-token': csrfToken },
      ...(data === undefined ? {} : { data }),
    });
    assert.ok(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: async <T>(url: string) => (await (await req.get(`${e2e.baseUrl}${url}`)).json()) as T,
    post: <T>(url: string, data?: unknown) => send<T>('post', url, data),
    put: <T>(url: string, data?: unknown) => send<T>('put', url, data),
  };
}

/**
 * Setup through the API: 对外贸易处's head holds a meeting now on one new topic, the
 * recorder records it (with these decisions), the head closes it, and the minutes are
 * drafted, submitted and issued. Answers the ids the test goes on with.
 */
export async function holdMeetingAndIssue(
  e2e: E2E,
  opts: { title: string; topic: string; decisions?: unknown[] },
): Promise<{ divisionId: string; topicId: string; meetingId: string; minutesId: string }> {
  type Obj = { id: string; version: number };
  let head = await apiAs(e2e, 'head');
  const me = await head.get<{ memberships: { divisionId: string }[] }>('/api/me');
  const divisionId = me.memberships[0]?.divisionId ?? '';
  const t = await head.post<Obj>('/api/topics', {
    divisionId,
    title: opts.topic,
    description: '请处务会研究。',
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });
  let m = await head.post<Obj>('/api/meetings', {
    divisionId,
    kind: 'regular',
    startsAt: new Date().toISOString(),
    place: '第一会议室',
    agenda: [t.id],
    title: opts.title,
  });
  m = await head.post<Obj>(`/api/meetings/${m.id}/start`, { version: m.version });
  const recorder = await apiAs(e2e, 'recorder');
  await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议听取了有关情况的汇报并进行了研究。',
    opinions: [],
    decisions: opts.decisions ?? [],
  });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
  const rec = await apiAs(e2e, 'recorder');
  const draft = await rec.post<Obj>(`/api/meetings/${m.id}/minutes`);
  const sent = await rec.post<Obj>(`/api/minutes/${draft.id}/submit`, { version: draft.version });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/minutes/${draft.id}/issue`, { version: sent.version });
  return { divisionId, topicId: t.id, meetingId: m.id, minutesId: draft.id };
}
