import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, loginAs, ok, shot, startE2E, type E2E } from './harness.js';

/**
 * Issue 5's walk: the head issues minutes; the principal leader, the supervising
 * leader and the discipline secretary find them in 待阅 and confirm; staff sees
 * the circulation; the supervision office signs for the filing; the minutes page
 * shows everyone's state and the deadline. Then the general office imports the
 * 2027 holiday schedule and a deadline's 暂定 mark disappears.
 */
let e2e: E2E;
let minutesId = '';
let minutesNumber = '';
let lateMeetingId = '';
before(async () => {
  e2e = await startE2E();
});
after(async () => {
  await e2e?.stop();
});

interface Me {
  memberships: { divisionId: string; divisionName: string }[];
}
interface Obj {
  id: string;
  version: number;
}

test('setup: a meeting of 对外贸易处 is held and its minutes wait for the head’s signature', async () => {
  let head = await apiAs(e2e, 'head');
  const trade = (await head.get<Me>('/api/me')).memberships[0]?.divisionId ?? '';
  const topic = await head.post<Obj>('/api/topics', {
    divisionId: trade,
    title: '研究2027年度对外贸易促进工作要点',
    description: '讨论年度工作要点。',
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });
  let meeting = await head.post<Obj & { title: string }>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: new Date().toISOString(),
    place: '第一会议室',
    agenda: [topic.id],
  });
  meeting = await head.post(`/api/meetings/${meeting.id}/start`, { version: meeting.version });
  const recorder = await apiAs(e2e, 'recorder');
  await recorder.put(`/api/meetings/${meeting.id}/record/${topic.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议讨论了年度工作要点。',
    opinions: [],
    decisions: [{ text: '原则同意2027年度工作要点', outcome: 'adopted', responsibleDivisionId: trade, deadline: null }],
  });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/meetings/${meeting.id}/close`, { version: meeting.version });
  const rec = await apiAs(e2e, 'recorder');
  const draft = await rec.post<Obj>(`/api/meetings/${meeting.id}/minutes`);
  await rec.post(`/api/minutes/${draft.id}/submit`, { version: draft.version });
  minutesId = draft.id;
});

test('R5.8 R5.9 R5.10: the head issues; the minutes go out on time to leaders, staff and the supervision office', async () => {
  const page = await loginAs(e2e, 'head');
  await page.goto(`${e2e.baseUrl}/minutes/${minutesId}`);
  await page.getByRole('button', { name: /^签\s*发$/ }).click();
  // issue 15: signing takes an optional comment, shown on the minutes page.
  await page.getByRole('dialog').getByLabel('意见（可不填）').fill('同意印发。');
  await page.getByRole('dialog').getByRole('button', { name: '确认签发' }).click();
  await ok(page, '纪要已签发');
  await page.getByText('签发意见：同意印发。').waitFor();
  await page.getByTestId('distribution-status').getByText('按时分送').waitFor();
  await page.getByTestId('receipt-王建国').getByText('未阅').waitFor();
  minutesNumber = (await page.locator('.minutes-sheet .number').textContent()) ?? '';
  assert.match(minutesNumber, /〔\d{4}〕\d+号/);
  await page.close();
});

for (const who of ['director', 'leader', 'jiwei']) {
  test(`R5.8: ${who} finds the minutes in 待阅 and confirms 已阅`, async () => {
    const page = await loginAs(e2e, who);
    await page.getByText('纪要待阅').first().waitFor(); // on the 工作台
    await page.goto(`${e2e.baseUrl}/reading`);
    const row = page.locator('tr', { hasText: minutesNumber });
    await row.getByText('报送').waitFor();
    if (who === 'director') await shot(page, 'issue5-01-reading-list');
    await row.getByRole('button', { name: '确认已阅' }).click();
    // issue 15: a leader's 已阅 may carry a 批示, shown to the division on the minutes page.
    if (who === 'director') await page.getByRole('dialog').getByLabel('意见（可不填）').fill('请抓紧落实。');
    await page.getByRole('dialog').getByRole('button', { name: '提交已阅' }).click();
    await ok(page, '已确认已阅');
    await page.getByText('没有待阅的纪要').waitFor();
    await page.close();
  });
}

test('R5.9: staff sees the circulation and confirms on the minutes page', async () => {
  const page = await loginAs(e2e, 'staff');
  await page.goto(`${e2e.baseUrl}/reading`);
  const row = page.locator('tr', { hasText: minutesNumber });
  await row.getByText('传阅').waitFor();
  await row.getByRole('button', { name: /查\s*看/ }).click();
  await page.locator('.minutes-sheet').waitFor();
  await page
    .getByTestId('instructions')
    .getByText(/请抓紧落实。/)
    .waitFor();
  await page.getByRole('button', { name: '确认已阅' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '提交已阅' }).click();
  await ok(page, '已确认已阅');
  await page.getByTestId('receipt-刘洋').getByText(/已阅/).waitFor();
  await page.close();
});

test('R5.10: the supervision office signs for the filing in its 报备 inbox', async () => {
  const page = await loginAs(e2e, 'jiancha');
  await page.goto(`${e2e.baseUrl}/filings`);
  const row = page.locator('tr', { hasText: minutesNumber });
  await row.getByText('按时').waitFor();
  await shot(page, 'issue5-02-filing-inbox');
  await row.getByRole('button', { name: /签\s*收/ }).click();
  await ok(page, '已签收备案');
  await page.getByText('没有待签收的备案纪要').waitFor();
  await page.getByRole('tab', { name: '分送时限检查' }).click();
  await page.locator('tr', { hasText: minutesNumber }).getByText('按时分送').waitFor();
  await page.close();
});

test('R5.8 R5.9 R5.10: the minutes page shows everyone’s state and the deadline', async () => {
  const page = await loginAs(e2e, 'head');
  await page.goto(`${e2e.baseUrl}/minutes/${minutesId}`);
  for (const name of ['王建国', '陈立新', '孙明', '刘洋'])
    await page.getByTestId(`receipt-${name}`).getByText(/已阅/).waitFor();
  await page
    .getByTestId('receipt-监察室')
    .getByText(/高敏 已签收/)
    .waitFor();
  await page.getByTestId('receipt-张敏').getByText('未阅').waitFor();
  await page
    .getByTestId('distribution-due')
    .getByText(/会后第 3 个工作日/)
    .waitFor();
  await shot(page, 'issue5-03-minutes-distribution');
  await page.close();
});

test('R5.8: a deadline running into 2027 is 暂定 until the general office imports the 2027 schedule', async () => {
  const head = await apiAs(e2e, 'head');
  const trade = (await head.get<Me>('/api/me')).memberships[0]?.divisionId ?? '';
  const topic = await head.post<Obj>('/api/topics', {
    divisionId: trade,
    title: '研究年末工作安排',
    description: '年末工作安排。',
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });
  const m = await head.post<Obj>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: '2026-12-30T09:00:00+08:00',
    place: '第一会议室',
    agenda: [topic.id],
    title: '对外贸易处2026年末处务会',
  });
  lateMeetingId = m.id;
  let page = await loginAs(e2e, 'head');
  await page.goto(`${e2e.baseUrl}/meetings/${lateMeetingId}`);
  await page
    .getByTestId('distribution-due')
    .getByText(/2027年1月5日/)
    .waitFor();
  await page.locator('.ant-card', { hasText: '纪要分送' }).getByText('暂定').waitFor();
  await shot(page, 'issue5-04-provisional');
  await page.close();

  page = await loginAs(e2e, 'zhouxuemei'); // head of the general office
  await page.goto(`${e2e.baseUrl}/admin/calendar`);
  await page.locator('tr', { hasText: '2027' }).getByText('暂定（未公布）').waitFor();
  const box = page.getByLabel('节假日安排 JSON');
  await box.fill(JSON.stringify({ year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: 'yes' }] }));
  await page
    .getByRole('button', { name: /导\s*入/ })
    .first()
    .click();
  await page
    .getByTestId('import-errors')
    .getByText(/第 1 条/)
    .waitFor();
  await box.fill(
    JSON.stringify({
      year: 2027,
      papers: ['国务院办公厅关于2027年部分节假日安排的通知（演示）'],
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '元旦', date: '2027-01-02', isOffDay: true },
        { name: '元旦', date: '2027-01-03', isOffDay: true },
      ],
    }),
  );
  await page
    .getByRole('button', { name: /导\s*入/ })
    .first()
    .click();
  await ok(page, /已导入 2027 年节假日安排/);
  await page.locator('tr', { hasText: '2027' }).getByText('已导入').first().waitFor();
  await shot(page, 'issue5-05-calendar-imported');
  await page.close();

  page = await loginAs(e2e, 'head');
  await page.goto(`${e2e.baseUrl}/meetings/${lateMeetingId}`);
  const panel = page.locator('.ant-card', { hasText: '纪要分送' });
  await panel
    .getByTestId('distribution-due')
    .getByText(/2027年1月5日/)
    .waitFor();
  assert.equal(await panel.getByText('暂定').count(), 0);
  await page.close();
});
