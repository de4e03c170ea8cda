/**
 * E2E of 监督检查 (R6.4), in the built app with Chromium: the demo bureau held no meeting last
 * month, so 监察室 opens the matrix on the last full month and finds 对外贸易处 未达标 on R3.5, and
 * drills into the cell; this month the head holds a meeting and issues its minutes, and the same
 * check is 达标 so far, its evidence linking to the meeting. The administrators and a staff member
 * are told the page does not exist; the division's head sees their own division only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, loginAs, shot, startE2E, type E2E } from './harness.js';

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
/** Months in Asia/Shanghai as YYYY-MM: this one and the last full one. */
const shanghai = new Date(Date.now() + 8 * 3600_000);
const thisMonth = shanghai.toISOString().slice(0, 7);
const lastMonth = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 1, 1))
  .toISOString()
  .slice(0, 7);
const MEETING = '对外贸易处处务会（监督检查）';
let meetingId = '';

test('setup: this month the head holds a meeting on a topic and issues its minutes', async () => {
  let head = await apiAs(e2e, 'head');
  const me = await head.get<{ memberships: { divisionId: string }[] }>('/api/me');
  const trade = me.memberships[0]?.divisionId ?? '';
  const t = await head.post<Obj>('/api/topics', {
    divisionId: trade,
    title: '关于做好年末外贸运行监测工作的议题',
    description: '请处务会研究。',
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });
  let m = await head.post<Obj>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: new Date().toISOString(),
    place: '第一会议室',
    agenda: [t.id],
    title: MEETING,
  });
  meetingId = m.id;
  m = await head.post(`/api/meetings/${m.id}/start`, { version: m.version });
  const recorder = await apiAs(e2e, 'recorder');
  await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议听取了年末外贸运行情况的汇报。',
    opinions: [],
    decisions: [],
  });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
  const rec = await apiAs(e2e, 'recorder');
  const draft = await rec.post<Obj>(`/api/meetings/${m.id}/minutes`);
  const sent = await rec.post<Obj>(`/api/minutes/${draft.id}/submit`, { version: draft.version });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/minutes/${draft.id}/issue`, { version: sent.version });
});

test('R6.4 R3.5: 监察室 opens the matrix on the last full month; 对外贸易处 held no meeting: 未达标, and the cell says why', async () => {
  const page = await loginAs(e2e, 'jiancha');
  await page.locator('.ant-layout-sider').getByRole('menuitem', { name: '监督检查' }).click();
  await page.getByText('监督检查：制度执行情况').first().waitFor();
  const row = page.getByRole('row', { name: /对外贸易处/ });
  // The first check is R3.5 (每月召开处务会), the column heads name each clause.
  await page.getByRole('columnheader', { name: /每月召开处务会\s*R3\.5/ }).waitFor();
  const meetings = row.getByRole('button').first();
  assert.equal(await meetings.getAttribute('aria-label'), '未达标');
  await shot(page, 'oversight-01-matrix');
  await meetings.click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByText(`对外贸易处 · ${lastMonth} · 每月召开处务会（R3.5）`).waitFor();
  await drawer.locator('.ant-tag', { hasText: '未达标' }).first().waitFor();
  await drawer.getByText('当月召开 0 次').waitFor();
  assert.ok(page.url().includes('check=meetings'), 'the opened cell is in the address');
  // The drawer has slid in before the picture is taken.
  await page.waitForFunction(() => document.getAnimations().length === 0);
  await shot(page, 'oversight-02-evidence');
  await page.close();
});

test('R6.4 R3.5: this month the meeting counts so far — 达标, its evidence links to the meeting', async () => {
  const page = await loginAs(e2e, 'jiancha');
  await page.goto(`${e2e.baseUrl}/oversight?month=${thisMonth}`);
  await page.getByText(`${thisMonth} 尚未结束`).waitFor();
  const row = page.getByRole('row', { name: /对外贸易处/ });
  const meetings = row.getByRole('button').first();
  await meetings.waitFor();
  assert.equal(await meetings.getAttribute('aria-label'), '达标');
  await meetings.click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByRole('link', { name: new RegExp(MEETING.replace(/[()（）]/g, '.')) }).click();
  await page.waitForURL(new RegExp(`/meetings/${meetingId}`));
  await page.close();
});

test('R6.4: the administrators and a staff member are told the matrix does not exist, and have no menu for it; a head sees their own division', async () => {
  for (const who of ['admin', 'auditor', 'staff']) {
    await apiAs(e2e, who);
    const r = await e2e.context.request.get(
      `${e2e.baseUrl}/api/oversight/compliance?from=${lastMonth}&to=${lastMonth}`,
    );
    assert.equal(r.status(), 404, `${who}: ${r.status()}`);
  }
  const staff = await loginAs(e2e, 'staff');
  await staff.locator('.ant-layout-sider').getByRole('menuitem', { name: '工作台' }).waitFor();
  assert.equal(await staff.locator('.ant-layout-sider').getByRole('menuitem', { name: '监督检查' }).count(), 0);
  await staff.close();
  // R6.4: the head reads their own division only, to correct before the inspection.
  const page = await loginAs(e2e, 'head');
  await page.locator('.ant-layout-sider').getByRole('menuitem', { name: '监督检查' }).click();
  await page.getByText('查看范围：对外贸易处').waitFor();
  await page.getByRole('row', { name: /对外贸易处/ }).waitFor();
  assert.equal(await page.getByRole('row', { name: /外商投资管理处/ }).count(), 0);
  await page.close();
});
