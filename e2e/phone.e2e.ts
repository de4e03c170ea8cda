import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, loginAs, ok, shot, startE2E, type E2E } from './harness.js';

/**
 * Issue 15's walk on a 390×844 phone: the 工作台 (to-dos first, no empty role
 * card), 待阅纪要 (确认已阅 on screen), the issued minutes (the title keeps its
 * width, nothing scrolls sideways, the hash wraps), the head approving a topic,
 * and the check-in result. Each step is kept as a phone-*.png screenshot.
 */
const PHONE = { width: 390, height: 844 };
let e2e: E2E;
let minutesId = '';
let meetingTitle = '';
let topicId = '';
let sessionId = '';
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
type Api = Awaited<ReturnType<typeof apiAs>>;

const newTopic = (as: Api, divisionId: string, title: string) =>
  as.post<Obj>('/api/topics', {
    divisionId,
    title,
    description: '请处务会研究。',
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });

/** A page logged in as `username`, on a phone-sized viewport. */
async function phoneAs(username: string): Promise<Page> {
  const page = await loginAs(e2e, username);
  await page.setViewportSize(PHONE);
  return page;
}

/** Nothing on the page reaches past the phone's right edge. */
async function noSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `page is ${width} px wide on a ${PHONE.width} px phone`);
}

async function onScreen(page: Page, what: ReturnType<Page['locator']>, name: string) {
  await what.scrollIntoViewIfNeeded();
  const box = await what.boundingBox();
  assert.ok(box, `${name} is shown`);
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `${name} is within the screen: ${JSON.stringify(box)}`);
}

test('setup: minutes are issued and circulated; staff proposes a topic; a second meeting is in session', async () => {
  let head = await apiAs(e2e, 'head');
  const trade = (await head.get<{ memberships: { divisionId: string }[] }>('/api/me')).memberships[0]?.divisionId ?? '';
  const topic = await newTopic(head, trade, '研究2027年度对外贸易促进工作要点及重点展会安排');
  let meeting = await head.post<Obj & { title: string }>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: new Date().toISOString(),
    place: '第一会议室',
    agenda: [topic.id],
  });
  meetingTitle = meeting.title;
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
  const sent = await rec.post<Obj>(`/api/minutes/${draft.id}/submit`, { version: draft.version });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/minutes/${draft.id}/issue`, { version: sent.version });
  minutesId = draft.id;

  const staff = await apiAs(e2e, 'staff');
  const proposed = await newTopic(staff, trade, '关于调整2027年外贸企业境外参展补助标准的请示');
  await staff.post(`/api/topics/${proposed.id}/submit`, { version: proposed.version });
  topicId = proposed.id;

  head = await apiAs(e2e, 'head');
  const next = await newTopic(head, trade, '传达局党委关于优化营商环境的工作部署');
  const session = await head.post<Obj>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: new Date().toISOString(),
    place: '第二会议室',
    agenda: [next.id],
  });
  await head.post(`/api/meetings/${session.id}/start`, { version: session.version });
  sessionId = session.id;
});

test('issue 15: the phone 工作台 shows the to-dos first and no empty 无单位角色 card', async () => {
  const page = await phoneAs('staff');
  const todo = page.locator('.ant-card', { hasText: '待办事项' });
  await todo.getByText('纪要待阅').waitFor();
  const divisions = page.locator('.ant-card', { hasText: '我的处室' });
  const [t, d] = [await todo.boundingBox(), await divisions.boundingBox()];
  assert.ok(t && d && t.y < d.y, 'the to-dos come before 我的处室');
  assert.equal(await page.getByText('无单位角色').count(), 0);
  assert.equal(await page.getByText('我的角色').count(), 0);
  await noSideways(page);
  await shot(page, 'phone-01-workbench');
  await page.close();
});

test('issue 15: 待阅纪要 on a phone is a list whose 确认已阅 is on screen', async () => {
  const page = await phoneAs('staff');
  await page.goto(`${e2e.baseUrl}/reading`);
  const entry = page.locator('.ant-list-item', { hasText: meetingTitle });
  const confirm = entry.getByRole('button', { name: '确认已阅' });
  await confirm.waitFor();
  assert.equal(await page.locator('.ant-table').count(), 0, 'no table on a phone');
  await onScreen(page, confirm, '确认已阅');
  await noSideways(page);
  await shot(page, 'phone-02-reading');
  await confirm.click();
  await page.getByRole('dialog').getByRole('button', { name: '提交已阅' }).click();
  // The lasting outcome, not the 3-second 已确认已阅 toast (a starved browser can miss it).
  await page.getByText('没有待阅的纪要').waitFor();
  await page.close();
});

test('issue 15: the issued minutes read on a phone — the title keeps its width, the hash wraps', async () => {
  const page = await phoneAs('head');
  await page.goto(`${e2e.baseUrl}/minutes/${minutesId}`);
  await page.locator('.minutes-sheet').waitFor();
  const header = page.getByTestId('page-card-stacked').first();
  const title = header.getByText(meetingTitle, { exact: true });
  await title.waitFor();
  const box = await title.boundingBox();
  assert.ok(box && box.width > 150, `the title is ${box?.width} px wide`);
  // The actions sit below the title, not over it.
  const word = await header.getByRole('link', { name: /下载 Word/ }).boundingBox();
  assert.ok(word && word.y >= box.y + box.height, 'the actions come under the title');
  const hash = page.locator('.hash');
  await hash.waitFor();
  const h = await hash.boundingBox();
  assert.ok(h && h.x + h.width <= PHONE.width, `the hash wraps: ${JSON.stringify(h)}`);
  await noSideways(page);
  await shot(page, 'phone-03-minutes');
  await page.close();
});

test('issue 15: the head approves a topic on a phone', async () => {
  const page = await phoneAs('head');
  await page.goto(`${e2e.baseUrl}/topics/${topicId}`);
  const approve = page.getByRole('button', { name: /^同\s*意$/ });
  await approve.waitFor();
  await onScreen(page, approve, '同意');
  const title = page.getByText('关于调整2027年外贸企业境外参展补助标准的请示', { exact: true }).first();
  const box = await title.boundingBox();
  assert.ok(box && box.width > 150, `the title is ${box?.width} px wide`);
  await noSideways(page);
  await shot(page, 'phone-04-topic-approve');
  await approve.click();
  await page.getByRole('dialog').getByRole('button', { name: '确认同意' }).click();
  await ok(page, '已同意列入议题');
  await page.close();
});

test('issue 15: checking in on a phone, then the meeting page', async () => {
  // The code on the screen rotates: the phone scans the one shown now, as in the meeting room.
  const head = await apiAs(e2e, 'head');
  const checkinUrl = (await head.get<{ url: string }>(`/api/meetings/${sessionId}/checkin-token`)).url;
  assert.ok(checkinUrl, 'the session has a check-in link');
  const page = await phoneAs('staff');
  await page.goto(checkinUrl.replace(/^https?:\/\/[^/]+/, e2e.baseUrl));
  await page.getByText(/签到成功/).waitFor();
  await noSideways(page);
  await shot(page, 'phone-05-checkin');
  await page.getByRole('button', { name: '查看会议议程和材料' }).click();
  assert.ok(page.url().endsWith(`/meetings/${sessionId}`));
  // The participants are a list of cards, not a table squeezed to one character a line.
  await page.locator('.ant-list-item', { hasText: '刘洋' }).locator('.ant-tag', { hasText: '出席' }).waitFor();
  assert.equal(await page.locator('.ant-table').count(), 0, 'no table on a phone');
  await noSideways(page);
  await shot(page, 'phone-06-meeting');
  await page.close();
});

test('R1.3 on a phone: the header holds a search button; the results page carries the box and stays on screen', async () => {
  const page = await phoneAs('head');
  await page.getByRole('button', { name: '全文检索' }).click();
  await page.waitForURL(/\/search$/);
  const box = page.locator('input[aria-label="全文检索"]');
  await box.fill('展会安排');
  await box.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  await page.locator('mark', { hasText: '展会' }).first().waitFor();
  await noSideways(page);
  await shot(page, 'phone-07-search');
  await page.close();
});

test('R6.2 on a phone: 督办事项台账 is a list, not a table, and stays on screen', async () => {
  const page = await phoneAs('head');
  await page.goto(`${e2e.baseUrl}/tracking`);
  await page.getByText('督办事项台账').first().waitFor();
  await page.getByRole('tab', { name: '本处室台账' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('.ant-table').count(), 0, 'no table on a phone');
  await noSideways(page);
  await shot(page, 'phone-08-tracking');
  await page.close();
});

test('issue 15: the administrators’ pages and dialogs on a phone stay on screen', async () => {
  const walk = async (username: string, pages: Array<[string, string]>) => {
    const page = await phoneAs(username);
    for (const [path, title] of pages) {
      await page.goto(`${e2e.baseUrl}${path}`);
      await page.locator('.ant-layout-content').getByText(title).first().waitFor();
      await page.waitForLoadState('networkidle');
      await noSideways(page);
    }
    return page;
  };
  let page = await walk('admin', [
    ['/admin/users', '人员管理'],
    ['/admin/regime', '每月至少召开处务会次数'],
    ['/admin/divisions', '处室管理'],
  ]);
  // The division list is a list of cards on a phone; 人员排序 opens a dialog that fits.
  await page.locator('.ant-list-item', { hasText: '对外贸易处' }).getByRole('button', { name: '人员排序' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('李伟').waitFor();
  await onScreen(page, dialog.getByRole('button', { name: /保\s*存/ }), '保存');
  await noSideways(page);
  await shot(page, 'phone-09-admin-member-order');
  await page.close();
  page = await walk('secadmin', [['/admin/security', '安全设置']]);
  await page.close();
  page = await walk('auditor', [['/admin/audit', '审计日志']]);
  await shot(page, 'phone-10-audit');
  await page.close();
  page = await walk('jiancha', [
    ['/cases', '问责案件'],
    ['/oversight/inspections', '专项检查（第 6.4 条）'],
    ['/rectifications', '整改（专项检查发现的问题）'],
  ]);
  // R6.4: 制定检查方案 opens a dialog that fits.
  await page.goto(`${e2e.baseUrl}/oversight/inspections`);
  await page.getByRole('button', { name: '制定检查方案' }).click();
  await onScreen(page, page.getByRole('dialog').getByRole('button', { name: '制定并抽取样本' }), '制定并抽取样本');
  await noSideways(page);
  await page.close();
  page = await walk('head', [['/rectifications', '整改（专项检查发现的问题）']]);
  await page.close();
});

test('issue 15: on a 1440 px desktop there is no frame and no horizontal scrollbar', async () => {
  const page = await loginAs(e2e, 'head');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByText('您好，李伟').waitFor();
  const m = await page.evaluate(() => ({
    margin: getComputedStyle(document.body).margin,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    layout: document.querySelector('.ant-layout')?.getBoundingClientRect().toJSON() as DOMRect,
  }));
  assert.equal(m.margin, '0px');
  // The shell starts at the window's corner and is exactly as wide: no 8 px frame around it.
  assert.equal(m.layout.x, 0);
  assert.equal(m.layout.y, 0);
  assert.equal(m.layout.width, m.clientWidth);
  assert.ok(m.scrollWidth <= m.clientWidth, `no horizontal scroll: ${JSON.stringify(m)}`);
  await page.close();
});
