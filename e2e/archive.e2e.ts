/**
 * E2E of yearly archiving (R5.7, R1.3), in the built app with Chromium: the server's clock is set
 * back to last December, where 对外贸易处 holds a meeting and issues its minutes (〔last year〕1号);
 * back in the present, 办公室 (周雪梅) archives that year for the division on the 归档 page,
 * downloads the package, and `node bin/jiyao.mjs archive verify` passes it offline; a copy with one
 * byte changed in one file fails, naming that file. The page is also looked at on a 390 px phone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, loginAs, ROOT, shot, startE2E, type E2E } from './harness.js';
import { readZip, writeZip } from '../server/documents/archive/zip.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(async () => {
  e2e?.setClockDays(0);
  await e2e?.stop();
});

interface Obj {
  id: string;
  version: number;
}
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
const TOPIC = '研究年度外贸稳增长工作措施';
const dir = mkdtempSync(join(tmpdir(), 'jiyao-archive-e2e-'));
const state: { sha256?: string; zip?: string } = {};

const verify = (file: string) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/jiyao.mjs'), 'archive', 'verify', file], {
    cwd: ROOT,
    encoding: 'utf8',
    // Offline: no database, no data folder the command could read.
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: join(dir, 'none') },
    timeout: 120_000,
  });

test(`setup: on ${YEAR}-12-15 对外贸易处 holds a meeting and issues its minutes`, async () => {
  const target = Date.parse(`${YEAR}-12-15T10:00:00+08:00`);
  e2e.setClockDays((target - Date.now()) / 86_400_000);
  await new Promise((r) => setTimeout(r, 300));
  const startsAt = new Date(target + 60_000).toISOString();
  let head = await apiAs(e2e, 'head');
  const me = await head.get<{ memberships: { divisionId: string }[] }>('/api/me');
  const trade = me.memberships[0]?.divisionId ?? '';
  const t = await head.post<Obj>('/api/topics', {
    divisionId: trade,
    title: TOPIC,
    description: '研究外贸稳增长的工作措施。',
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });
  let m = await head.post<Obj>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt,
    place: '第一会议室',
    agenda: [t.id],
    title: `对外贸易处${YEAR}年12月处务会`,
  });
  m = await head.post(`/api/meetings/${m.id}/start`, { version: m.version });
  const recorder = await apiAs(e2e, 'recorder');
  await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议研究了外贸稳增长的工作措施。',
    opinions: [],
    // Deferred: nothing to track, so the year's outcomes are complete at once.
    decisions: [{ text: '待全市外贸工作会议后再研究', outcome: 'deferred', deadline: null }],
  });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
  const rec = await apiAs(e2e, 'recorder');
  let n = await rec.post<Obj>(`/api/meetings/${m.id}/minutes`);
  n = await rec.post<Obj>(`/api/minutes/${n.id}/submit`, { version: n.version });
  head = await apiAs(e2e, 'head');
  const issued = await head.post<{ number: string }>(`/api/minutes/${n.id}/issue`, { version: n.version });
  assert.equal(issued.number, `〔${YEAR}〕1号`);
  e2e.setClockDays(0);
  await new Promise((r) => setTimeout(r, 300));
});

test('R5.7: 办公室 archives the year for 对外贸易处 on the 归档 page', async () => {
  const page = await loginAs(e2e, 'zhouxuemei');
  await page.getByRole('menuitem', { name: '归档' }).click();
  await page.getByText('年度归档（第 5.7 条）').waitFor();
  const row = page.getByRole('row', { name: /对外贸易处/ });
  await row.getByText('可归档').waitFor();
  await shot(page, 'archive-01-years');
  await row.getByRole('button', { name: /归\s*档/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('.ant-modal-confirm-title', { hasText: `确认归档 对外贸易处 ${YEAR} 年度的纪要？` }).waitFor();
  await dialog.getByRole('button', { name: /归\s*档/ }).click();
  // Packing renders PDFs and checks them (fonts parsed on first use): on a loaded machine this takes a while.
  await page
    .locator('.ant-message')
    .getByText(/已归档：1 件，四性检测通过/)
    .first()
    .waitFor({ timeout: 120_000 });
  const drawer = page.locator('.ant-drawer');
  await drawer.getByText(`对外贸易处 ${YEAR} 年度档案`).waitFor();
  await drawer.getByText(`〔${YEAR}〕1号`).first().waitFor();
  const sha =
    (
      await drawer
        .locator('code', { hasText: /^[0-9a-f]{64}$/ })
        .first()
        .textContent()
    )?.trim() ?? '';
  assert.match(sha, /^[0-9a-f]{64}$/);
  state.sha256 = sha;
  await shot(page, 'archive-02-archived');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    drawer.getByRole('link', { name: '下载信息包' }).click(),
  ]);
  state.zip = join(dir, `对外贸易处-${YEAR}.zip`);
  await download.saveAs(state.zip);
  assert.equal(createHash('sha256').update(readFileSync(state.zip)).digest('hex'), sha, 'the ledger’s SHA-256');
  await page.close();
  // Nobody but 办公室 and 监察室 sees the archive: the division's head gets 404.
  await apiAs(e2e, 'head');
  assert.equal((await e2e.context.request.get(`${e2e.baseUrl}/api/archives`)).status(), 404);
});

test('R5.7: the downloaded package passes the offline 四性检测; a tampered copy fails, naming the file', () => {
  const file = state.zip ?? '';
  const good = verify(file);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.match(good.stdout, /四性检测（DA\/T 70）：通过/);
  assert.match(good.stdout, /结论：通过/);
  const entries = readZip(readFileSync(file)).entries;
  const target = entries.find((e) => e.name.endsWith('/record.pdf'))?.name ?? '';
  assert.ok(target, entries.map((e) => e.name).join(', '));
  const tampered = join(dir, 'tampered.zip');
  writeFileSync(
    tampered,
    writeZip(
      entries.map((e) => {
        const data = Buffer.from(e.data ?? Buffer.alloc(0));
        if (e.name === target) data[300] = (data[300] ?? 0) ^ 0x01;
        return { name: e.name, data };
      }),
      new Date(),
    ),
  );
  const bad = verify(tampered);
  assert.notEqual(bad.status, 0);
  assert.ok(bad.stdout.includes(`${target}：摘要值不符`), bad.stdout);
  assert.match(bad.stdout, /结论：未通过/);
});

test('R5.7: 监察室 reads the archive and checks it again; on a 390 px phone the rows are cards', async () => {
  const page = await loginAs(e2e, 'jiancha');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${e2e.baseUrl}/archive?year=${YEAR}`);
  await page.getByText('对外贸易处').first().waitFor();
  assert.equal(await page.locator('table').count(), 0, 'cards, not a table');
  assert.equal(await page.getByRole('button', { name: /^归\s*档$/ }).count(), 0, 'no 归档 for 监察室');
  await shot(page, 'archive-03-phone');
  await page
    .getByRole('button', { name: /查\s*看/ })
    .first()
    .click();
  await page.getByRole('button', { name: '重新检测' }).click();
  await page.getByText('重新检测通过，信息包与归档记录一致').waitFor({ timeout: 120_000 });
  await shot(page, 'archive-04-phone-check');
  await page.close();
});
