/**
 * E2E of 登记簿核对 (R4.1 within R6.4), in the built app with Chromium: 对外贸易处's meeting today
 * decides a funds topic of 120,000 yuan; 监察室 imports the bureau's fund-disbursement register —
 * first a file with a bad line (the page names it, nothing is stored), then the corrected file: the
 * disbursement dated tomorrow is matched to the decided topic and confirmed, the one nobody decided
 * is a finding (未经处务会研究); the matrix's R4.1 cell is 未达标.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, loginAs, ok, shot, startE2E, type E2E } from './harness.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(async () => {
  await e2e?.stop();
});

interface Obj {
  id: string;
  version: number;
}
const day = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
const TOPIC = '关于拨付2026年外贸企业境外参展补助资金的请示';
const dir = mkdtempSync(join(tmpdir(), 'jiyao-registers-'));

test('setup: today 对外贸易处 decides a funds topic of 120,000 yuan at its meeting', async () => {
  let head = await apiAs(e2e, 'head');
  const me = await head.get<{ memberships: { divisionId: string }[] }>('/api/me');
  const trade = me.memberships[0]?.divisionId ?? '';
  const t = await head.post<Obj>('/api/topics', {
    divisionId: trade,
    title: TOPIC,
    description: '请处务会研究拨付境外参展补助资金。',
    category: '须经处务会研究决定的事项',
    matterFlags: ['funds'],
    fundsAmountYuan: '120000.00',
    important: true,
  });
  let m = await head.post<Obj & { participants: Array<{ userId: string; name: string }> }>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: new Date().toISOString(),
    place: '第一会议室',
    agenda: [t.id],
    title: '对外贸易处处务会（参展补助）',
  });
  const responsibleUserId = m.participants.find((p) => p.name === '刘洋')?.userId;
  const deadline = (await head.get<{ date: string }>(`/api/calendar/due?date=${day(0)}&days=5`)).date;
  m = await head.post(`/api/meetings/${m.id}/start`, { version: m.version });
  const recorder = await apiAs(e2e, 'recorder');
  await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议研究了境外参展补助资金的拨付。',
    opinions: [],
    // R4.1: a funds matter is decided by the meeting.
    decisions: [{ text: '同意拨付境外参展补助资金12万元', outcome: 'adopted', responsibleUserId, deadline }],
  });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
});

test('R6.4 R4.1: 监察室 imports a register with a bad line — the page names the line, nothing is stored', async () => {
  const bad = join(dir, '资金拨付登记簿-有误.csv');
  writeFileSync(
    bad,
    `处室,日期,金额（元）,事项\n对外贸易处,${day(1)},120000,拨付外贸企业境外参展补助资金\n不存在的处,${day(1)},5000,购置办公设备\n`,
  );
  const page = await loginAs(e2e, 'jiancha');
  await page.goto(`${e2e.baseUrl}/oversight`);
  await page.getByRole('button', { name: '登记簿核对' }).click();
  await page.getByText('登记簿核对（重大事项是否经处务会研究').waitFor();
  await page.locator('input[type=file]').setInputFiles(bad);
  await page
    .getByText(/第 3 行/)
    .first()
    .waitFor();
  await page
    .getByText(/不存在的处/)
    .first()
    .waitFor();
  await shot(page, 'registers-01-import-errors');
  await page.close();
  const office = await apiAs(e2e, 'jiancha');
  assert.deepEqual((await office.get<{ items: unknown[] }>('/api/registers')).items, [], 'nothing was stored');
});

test('R6.4 R4.1: the corrected register — the decided disbursement is confirmed, the undecided one is a finding; the matrix says 未达标', async () => {
  const good = join(dir, '资金拨付登记簿.csv');
  writeFileSync(
    good,
    `事项,处室,金额（元）,日期\n拨付外贸企业境外参展补助资金,对外贸易处,118000,${day(1)}\n拨付外贸展会场馆租赁费用,对外贸易处,300000,${day(1)}\n`,
  );
  const page = await loginAs(e2e, 'jiancha');
  await page.goto(`${e2e.baseUrl}/oversight/registers`);
  await page.locator('input[type=file]').setInputFiles(good);
  await ok(page, /已导入 2 条：待复核 1 条，未经处务会研究 1 条/);
  const matched = page.getByRole('row', { name: /参展补助资金/ }).filter({ hasText: TOPIC });
  await matched.getByRole('link', { name: TOPIC }).waitFor();
  await matched.getByRole('button', { name: /确\s*认/ }).click();
  await ok(page, '已确认');
  const finding = page.getByRole('row', { name: /场馆租赁/ });
  await finding.getByText('未经处务会研究').waitFor();
  assert.equal(await finding.getByRole('button', { name: /确\s*认/ }).count(), 0, 'a finding has nothing to confirm');
  await shot(page, 'registers-02-lines');

  await page.goto(`${e2e.baseUrl}/oversight?month=${day(1).slice(0, 7)}`);
  await page.getByRole('columnheader', { name: /R4\.1/ }).waitFor();
  const heads = await page.locator('thead th').allTextContents();
  const column = heads.findIndex((h) => h.includes('R4.1'));
  assert.ok(column > 0, `the R4.1 column: ${heads.join(' | ')}`);
  const cell = page
    .getByRole('row', { name: /对外贸易处/ })
    .locator('td')
    .nth(column);
  assert.equal(await cell.getByRole('button').getAttribute('aria-label'), '未达标');
  await cell.getByRole('button').click();
  await page.locator('.ant-drawer').getByText('拨付外贸展会场馆租赁费用').first().waitFor();
  await page.close();
});
