/**
 * E2E of 督办 and 问责 (R6.2, R6.3), in the built app with Chromium:
 *   the head issues minutes whose decision names 刘洋 (staff) with a deadline; 刘洋 finds it in
 *   我的督办, reports progress and asks for an extension; the head grants it (both deadlines shown);
 *   the server's clock is moved past the new deadline: the item turns red and the jobs alert the
 *   supervision office; 高敏 (监察室) opens a case from the item; 刘洋 submits a statement; the
 *   discipline secretary records the decision; the ledger is exported to XLSX and read back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
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
const TOPIC = '关于开展2027年外贸企业海外仓建设调研的议题';
const ids = { item: '', case: '', staff: '' };
/** Days in Asia/Shanghai as YYYY-MM-DD, n days from the wall clock's today. */
const shanghaiDay = (n = 0) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
/** Deadlines fall on working days (the server refuses a rest day): the unit's calendar names them in setup. */
const dates = { deadline: '', extended: '', later: '' };

const button = (page: Page, name: string) =>
  page.getByRole('button', { name: new RegExp(`^${name.split('').join('\\s*')}$`) });

async function openItem(page: Page) {
  await page.goto(`${e2e.baseUrl}/tracking/${ids.item}`);
  await page.getByText(TOPIC).first().waitFor();
}

test('setup: a meeting decides, with 刘洋 responsible and a deadline; the head issues the minutes', async () => {
  let head = await apiAs(e2e, 'head');
  const due = async (from: string, days: number) =>
    (await head.get<{ date: string }>(`/api/calendar/due?date=${from}&days=${days}`)).date;
  dates.deadline = await due(shanghaiDay(), 3);
  dates.extended = await due(dates.deadline, 3);
  const me = await head.get<{ memberships: { divisionId: string }[] }>('/api/me');
  const trade = me.memberships[0]?.divisionId ?? '';
  const t = await head.post<Obj>('/api/topics', {
    divisionId: trade,
    title: TOPIC,
    description: '请处务会研究。',
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });
  let m = await head.post<Obj & { participants: Array<{ userId: string; name: string }> }>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: new Date().toISOString(),
    place: '第一会议室',
    agenda: [t.id],
    title: '对外贸易处处务会（海外仓调研）',
  });
  ids.staff = m.participants.find((p) => p.name === '刘洋')?.userId ?? '';
  assert.ok(ids.staff);
  m = await head.post(`/api/meetings/${m.id}/start`, { version: m.version });
  const recorder = await apiAs(e2e, 'recorder');
  await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议听取了汇报，进行了讨论。',
    opinions: [],
    decisions: [
      {
        text: '开展海外仓建设情况调研并形成报告',
        outcome: 'adopted',
        responsibleUserId: ids.staff,
        deadline: dates.deadline,
      },
    ],
  });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
  const rec = await apiAs(e2e, 'recorder');
  const draft = await rec.post<Obj>(`/api/meetings/${m.id}/minutes`);
  const sent = await rec.post<Obj>(`/api/minutes/${draft.id}/submit`, { version: draft.version });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/minutes/${draft.id}/issue`, { version: sent.version });
  const ledger = await head.get<{ items: Array<{ id: string; topicTitle: string }> }>(
    `/api/tracking/items?scope=division&sourceMinutesId=${draft.id}`,
  );
  assert.equal(ledger.items.length, 1, 'issuing made one tracked item (R6.2)');
  ids.item = ledger.items[0]?.id ?? '';
});

test('R6.2: 刘洋 finds it in 我的督办, reports progress and asks for an extension; the head grants it', async () => {
  let page = await loginAs(e2e, 'staff');
  await page.locator('.ant-layout-sider').getByRole('menuitem', { name: '督办' }).click();
  // 刘洋 has one scope, his own items (我的督办): no tabs, just his ledger.
  await page.getByText('督办事项台账').first().waitFor();
  await page.getByText(TOPIC).first().click();
  await page.getByText('开展海外仓建设情况调研并形成报告').first().waitFor();

  await button(page, '报告进展').click();
  await page.getByRole('textbox', { name: /办理进展/ }).fill('已走访五家海外仓企业，调研提纲已印发。');
  await button(page, '提交').click();
  await ok(page, /已|成功/);
  await page.getByText('已走访五家海外仓企业').first().waitFor();

  await button(page, '申请延期').click();
  const until = page.locator('.ant-modal .ant-picker input');
  await until.click();
  await until.fill(dates.extended);
  await until.press('Enter');
  await page.getByRole('textbox', { name: /延期理由/ }).fill('部分企业境外负责人本周无法接受访谈。');
  await button(page, '提交申请').click();
  await ok(page, /已|成功/);
  await shot(page, 'tracking-staff-extension');
  await page.close();

  page = await loginAs(e2e, 'head');
  await openItem(page);
  await button(page, '同意延期').click();
  await page
    .locator('.ant-modal')
    .getByRole('button', { name: /同\s*意/ })
    .click();
  await ok(page, '已同意延期');
  // The original deadline stays visible beside the new one.
  await page.getByText(dates.deadline).first().waitFor();
  await page.getByText(dates.extended).first().waitFor();
  await page.close();
});

test('R6.2: with the clock past the new deadline the item is red and the supervision office is alerted', async () => {
  // 10:00 in Shanghai on a working day (the jobs run on working days) three weeks after the extended
  // deadline: well past the escalation's working days. The unit's calendar names the day.
  const office0 = await apiAs(e2e, 'jiancha');
  dates.later = (await office0.get<{ date: string }>(`/api/calendar/due?date=${shanghaiDay(26)}&days=1`)).date;
  const target = Date.parse(`${dates.later}T10:00:00+08:00`);
  e2e.setClockDays((target - Date.now()) / 86_400_000);
  let alerted = false;
  for (let i = 0; i < 60 && !alerted; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const office = await apiAs(e2e, 'jiancha');
    const notices = await office.get<{ items: Array<{ kind: string; subjectId: string | null }> }>('/api/notices');
    alerted = notices.items.some((n) => n.kind === 'tracking.escalated' && n.subjectId === ids.item);
  }
  assert.ok(alerted, 'the escalation reached the supervision office');
  const staff = await apiAs(e2e, 'staff');
  const item = await staff.get<{ light: string; timeline: Array<{ kind: string }> }>(`/api/tracking/items/${ids.item}`);
  assert.equal(item.light, 'red');
  for (const kind of ['overdue', 'escalated'])
    assert.ok(
      item.timeline.some((e) => e.kind === kind),
      kind,
    );
});

test('R6.3: 监察室 opens a case from the item; 刘洋 submits a statement; the decision is recorded', async () => {
  let page = await loginAs(e2e, 'jiancha');
  await openItem(page);
  await page.getByText('红灯').first().waitFor();
  await page.getByRole('button', { name: /登记问责线索/ }).click();
  const dialog = page.locator('.ant-modal');
  await dialog.waitFor();
  const titleField = dialog.getByLabel('案由');
  if ((await titleField.inputValue()) === '') await titleField.fill('海外仓调研事项逾期未办结');
  await dialog.getByRole('button', { name: /登记问责线索/ }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  ids.case = new URL(page.url()).pathname.split('/').pop() ?? '';
  // The bundle frozen with its hash; 校验 recomputes it from what is stored, and it matches.
  await page.getByText('证据固定哈希（SHA-256）').waitFor();
  await page
    .getByRole('button', { name: /校\s*验/ })
    .first()
    .click();
  await page
    .getByText(/校验通过/)
    .first()
    .waitFor();
  await shot(page, 'tracking-case');
  await page.close();

  let office = await apiAs(e2e, 'jiancha');
  let c = await office.get<Obj>(`/api/cases/${ids.case}`);
  c = await office.post(`/api/cases/${ids.case}/preliminary`, { version: c.version, note: '经初核，事项确已逾期。' });
  c = await office.post(`/api/cases/${ids.case}/file`, { version: c.version, note: '' });
  await office.post(`/api/cases/${ids.case}/investigate`, {
    version: c.version,
    notice: '请就督办事项逾期未办结的原因作出书面说明。',
  });

  page = await loginAs(e2e, 'staff');
  await page.goto(`${e2e.baseUrl}/cases/mine/${ids.case}`);
  await page.getByText('请就督办事项逾期未办结的原因作出书面说明。').waitFor();
  await page
    .getByRole('textbox', { name: '提交说明或申辩' })
    .fill('因境外企业访谈延期，调研报告未能按期完成，已于次周补报。');
  await button(page, '提交说明或申辩').click();
  await page.getByText('因境外企业访谈延期').first().waitFor();
  await shot(page, 'tracking-statement');
  await page.close();

  office = await apiAs(e2e, 'jiancha');
  c = await office.get<Obj>(`/api/cases/${ids.case}`);
  await office.post(`/api/cases/${ids.case}/propose`, {
    version: c.version,
    measure: '批评教育',
    reason: '逾期未办结，情节轻微，已补报。',
  });
  const jiwei = await apiAs(e2e, 'jiwei');
  c = await jiwei.get<Obj>(`/api/cases/${ids.case}`);
  const decided = await jiwei.post<{ status: string }>(`/api/cases/${ids.case}/decide`, {
    version: c.version,
    measure: '批评教育',
    decidedBy: '局纪委',
    decidedOn: dates.later,
    meetingReference: '局纪委会议',
    text: '对刘洋同志予以批评教育。',
  });
  assert.equal(decided.status, 'decided');
  // The person concerned reads the decision.
  const staff = await apiAs(e2e, 'staff');
  const notice = await staff.get<{ decision: { measure: string } | null }>(`/api/cases/mine/${ids.case}`);
  assert.equal(notice.decision?.measure, '批评教育');
  // Nobody else, the administrators included.
  await apiAs(e2e, 'admin');
  assert.equal((await e2e.context.request.get(`${e2e.baseUrl}/api/cases/${ids.case}`)).status(), 404);
});

test('R6.2: the division ledger exported to XLSX reads back with the item, its deadlines as dates', async () => {
  const page = await loginAs(e2e, 'head');
  await page.goto(`${e2e.baseUrl}/tracking?scope=division`);
  await page.getByText(TOPIC).first().waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 Excel').click()]);
  const path = await download.path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('督办台账');
  assert.ok(sheet, 'the sheet 督办台账');
  const rows: unknown[][] = [];
  sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  const header = rows.find((r) => r.includes('议定事项')) as unknown[];
  assert.ok(header, 'Chinese headers');
  const row = rows.find((r) => r.some((v) => typeof v === 'string' && v.includes('海外仓'))) as unknown[];
  assert.ok(row, 'the item is in the export');
  const col = (name: string) => row[header.indexOf(name)];
  assert.ok(col('原定时限') instanceof Date);
  assert.equal((col('原定时限') as Date).toISOString().slice(0, 10), dates.deadline);
  assert.equal((col('现时限') as Date).toISOString().slice(0, 10), dates.extended);
  assert.equal(col('责任人'), '刘洋');
  await page.close();
});
