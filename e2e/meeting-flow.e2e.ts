import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, loginAs, ok, shot, startE2E, type E2E } from './harness.js';

/**
 * Issue 3's walk as the people would: staff proposes an important funds topic
 * (refused without material, accepted with it), the head approves and convenes
 * with `leader` observing, notifies; staff reads; deputy asks leave, the head
 * approves; the session starts, the recorder marks attendance, staff checks in by
 * QR on a phone; at close one participant shows absent without leave.
 */
let e2e: E2E;
let topicUrl = '';
let meetingUrl = '';
before(async () => {
  e2e = await startE2E();
});
after(async () => {
  await e2e?.stop();
});

test('R2.4: staff proposes an important funds topic; without material it is refused, with material it goes to the head', async () => {
  const page = await loginAs(e2e, 'staff');
  await page.goto(`${e2e.baseUrl}/topics`);
  await page.getByRole('button', { name: '提出议题' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('议题名称').fill('2027年外贸企业境外参展补助资金分配');
  await dialog.getByLabel('内容分类（第 4.2 条）').click();
  await page.getByTitle('（7）专项资金的使用和分配').click();
  await dialog.getByRole('checkbox', { name: '资金' }).check();
  await dialog.getByLabel('涉及金额（元）').fill('1200000');
  await dialog.getByLabel('议题说明').fill('拟安排专项资金支持企业参加境外展会。');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByRole('button', { name: '提交审核' }).waitFor();
  topicUrl = page.url();
  await page.getByRole('button', { name: '提交审核' }).click();
  await page
    .locator('.ant-message')
    .getByText(/重要事项须附书面材料/)
    .waitFor();
  await shot(page, 'issue3-01-material-required');

  const dir = mkdtempSync(join(tmpdir(), 'jiyao-e2e-file-'));
  const pdf = join(dir, '参展补助方案.pdf');
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await page.locator('input[type=file]').setInputFiles(pdf);
  await page.getByRole('link', { name: '参展补助方案.pdf' }).waitFor();
  await page.getByRole('button', { name: '提交审核' }).click();
  await ok(page, '已提交，等待处长审核');
  await page.close();
});

test('R2.2: the head approves; the topic enters the pool', async () => {
  const page = await loginAs(e2e, 'head');
  await page.getByText('待审核', { exact: true }).first().waitFor(); // on the 工作台, the status's one name
  await page.goto(topicUrl);
  await page.getByRole('button', { name: /^同\s*意$/ }).click();
  // issue 15: approving takes an optional comment, kept in the topic's history.
  await page.getByRole('dialog').getByLabel('意见（可不填）').fill('同意列入，请补充预算明细。');
  await page.getByRole('dialog').getByRole('button', { name: '确认同意' }).click();
  await ok(page, '已同意列入议题');
  await page.getByText('同意列入，请补充预算明细。').waitFor();
  await page.close();
});

test('R3.2 R3.4 R2.3: the head convenes with an observer and notifies', async () => {
  const page = await loginAs(e2e, 'head');
  // R2.1: the head's own topic goes straight into the pool.
  await page.goto(`${e2e.baseUrl}/topics`);
  await page.getByRole('button', { name: '提出议题' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('议题名称').fill('传达局党委关于优化营商环境的工作部署');
  await form.getByLabel('内容分类（第 4.2 条）').click();
  await page.getByTitle('（1）传达学习局党委及局领导工作部署').click();
  await form.getByRole('button', { name: /保\s*存/ }).click();
  await ok(page, /直接进入议题库/);
  await page.goto(`${e2e.baseUrl}/meetings`);
  await page.getByRole('button', { name: '召集会议' }).click();
  const dialog = page.getByRole('dialog');
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('时间').click();
  await dialog.getByLabel('时间').fill(`${tomorrow} 09:30`);
  await dialog.getByLabel('时间').press('Enter');
  await dialog.getByLabel('地点').fill('第一会议室');
  await dialog.getByLabel(/议程/).click();
  await page.getByTitle('2027年外贸企业境外参展补助资金分配').click();
  await page.getByTitle('传达局党委关于优化营商环境的工作部署').click();
  await dialog.getByLabel(/列席人员/).click();
  await dialog.getByLabel(/列席人员/).fill('陈立新');
  await page.getByTitle(/陈立新/).click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByRole('button', { name: '发出通知' }).waitFor();
  meetingUrl = page.url();
  await page.getByRole('button', { name: '发出通知' }).click();
  await ok(page, '会议通知已发出');
  await shot(page, 'issue3-02-meeting-notified');
  await page.close();
});

test('R2.3 R3.7: staff reads the notice; deputy asks leave; the head approves', async () => {
  let page = await loginAs(e2e, 'staff');
  await page.goto(meetingUrl);
  await page.getByRole('button', { name: '确认已阅' }).click();
  await ok(page, '已确认收到会议通知');
  await page.close();

  page = await loginAs(e2e, 'deputy');
  await page.goto(meetingUrl);
  await page.getByRole('button', { name: /请\s*假/ }).click();
  await page.getByPlaceholder('请假理由').fill('参加市政府专题会议');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await ok(page, '请假申请已提交');
  await page.close();

  page = await loginAs(e2e, 'head');
  await page.goto(meetingUrl);
  await page.getByRole('button', { name: /^批\s*准$/ }).click();
  await ok(page, '已批准请假');
  await page.close();
});

test('R3.7: the session — marked attendance, QR check-in on a phone, and one absent without leave at close', async () => {
  let page = await loginAs(e2e, 'head');
  await page.goto(meetingUrl);
  await page.getByRole('button', { name: '开始会议' }).click();
  // issue 15: the meeting is set for tomorrow: starting now, hours early, asks first.
  await page
    .locator('.ant-popconfirm')
    .getByText(/确定现在就开始会议/)
    .waitFor();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '现在开始' }).click();
  await ok(page, '会议开始');
  await page.close();

  page = await loginAs(e2e, 'recorder');
  await page.goto(meetingUrl);
  for (const name of ['李伟', '王芳', '陈静', '杨帆']) {
    await page
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('button', { name: /出\s*席/ })
      .click();
    await ok(page, `${name} 已登记出席`);
  }
  const img = page.getByAltText('签到二维码');
  await img.waitFor();
  const url = await img.getAttribute('data-checkin-url');
  assert.ok(url, 'the QR code carries the check-in link');
  await shot(page, 'issue3-03-session-qr');
  await page.close();

  // The phone in the room has no session: it scans, logs in, and is checked in without scanning again.
  await e2e.context.clearCookies();
  const phone = await e2e.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url.replace(/^https?:\/\/[^/]+/, e2e.baseUrl));
  await phone.getByLabel('用户名').fill('staff');
  await phone.getByLabel('密码').fill('Demo@2026');
  await phone.getByRole('button', { name: /登\s*录/ }).click();
  await phone.getByText(/签到成功/).waitFor();
  await phone.getByRole('button', { name: '查看会议议程和材料' }).waitFor();
  assert.equal(new URL(phone.url()).pathname.startsWith('/checkin/'), true);
  await shot(phone, 'issue3-04-phone-checkin');
  await phone.close();

  // R5.3 R5.4 R6.1: the recorder records the topic, with 刘洋 opposing in his own words.
  page = await loginAs(e2e, 'recorder');
  await page.goto(meetingUrl);
  await page.getByPlaceholder('讨论情况（摘要）').first().fill('会议听取了参展补助资金分配方案的汇报。');
  await page.getByRole('button', { name: '添加发言' }).first().click();
  await page.locator('.ant-select').filter({ hasText: '发言人' }).last().click();
  await page.getByTitle('刘洋').click();
  await page.locator('.ant-select').filter({ hasText: '意见' }).last().click();
  await page.getByTitle('反对').click();
  await page.getByPlaceholder('发言内容（原话）').fill('补助标准过高，应先开展企业需求调研');
  // R6.1: everyone else present is recorded as 未发表意见, or the meeting will not close.
  await page.getByRole('button', { name: '其余出席人员记为“未发表意见”' }).first().click();
  await page.getByRole('button', { name: '添加议定事项' }).first().click();
  await page.getByPlaceholder('议定事项').first().fill('原则同意参展补助资金分配方案');
  // R6.2: the responsible party is picked from the meeting's people, not typed.
  await page.locator('.ant-select').filter({ hasText: '责任人' }).first().click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('李伟').click();
  await page
    .getByRole('button', { name: /^保\s*存$/ })
    .first()
    .click();
  await ok(page, '记录已保存');
  // The second topic: a decision, no dissent.
  await page.getByPlaceholder('讨论情况（摘要）').nth(1).fill('会议传达学习了局党委关于优化营商环境的工作部署。');
  await page.getByRole('button', { name: '其余出席人员记为“未发表意见”' }).first().click();
  await page.getByRole('button', { name: '添加议定事项' }).nth(1).click();
  await page.getByPlaceholder('议定事项').nth(1).fill('认真抓好贯彻落实，月底前报送工作进展');
  // The first decision's picker now shows 李伟: the one still showing its placeholder is this one.
  await page.locator('.ant-select').filter({ hasText: '责任人' }).first().click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('王芳').click();
  // No click needed: the entry autosaves two seconds after the recorder stops typing. On a slow
  // machine a pause between the steps above already saved a version, so any version will do: the
  // label turns to 有未保存的修改 at each change and back to 已保存 only once all is saved.
  await page
    .getByText(/^已保存（第 \d+ 版）$/)
    .nth(1)
    .waitFor();
  await shot(page, 'issue4-01-record');
  await page.close();

  page = await loginAs(e2e, 'head');
  await page.goto(meetingUrl);
  await page.getByRole('button', { name: '结束会议' }).click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await ok(page, '会议已结束');
  const absent = page.getByRole('row', { name: /黄磊/ });
  await absent.getByText('缺席（未请假）').waitFor();
  await page.getByRole('row', { name: /张敏/ }).getByText('请假', { exact: true }).waitFor();
  await page.getByRole('row', { name: /刘洋/ }).getByText('出席', { exact: true }).waitFor();
  await shot(page, 'issue3-05-closed');
  await page.close();
});

test('R5.1 R5.4 R5.5 R5.6: the dissent goes from the record into the issued minutes; the drafter cannot touch it', async () => {
  const DISSENT = '刘洋同志对此持不同意见：“补助标准过高，应先开展企业需求调研。”';
  let page = await loginAs(e2e, 'recorder');
  await page.goto(meetingUrl);
  await page.getByRole('button', { name: '会议纪要' }).click();
  const sheet = page.locator('.minutes-sheet');
  await sheet.getByText(DISSENT).waitFor();
  await sheet.getByText('二、传达局党委关于优化营商环境的工作部署').waitFor();
  const minutesUrl = page.url();
  // The drafter edits the text: one box per topic for the narrative; the dissent stays outside any box.
  await page.getByRole('button', { name: '修改文字' }).click();
  assert.equal(await sheet.locator('textarea').count(), 2);
  assert.equal(await sheet.locator('textarea', { hasText: '持不同意见' }).count(), 0);
  await sheet.locator('[data-kind="dissent"]').getByText(DISSENT).waitFor();
  await sheet.locator('textarea').first().fill('会议听取了汇报，会议一致认为补助方案可行。');
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await ok(page, '已保存');
  await sheet.getByText(DISSENT).waitFor();
  await shot(page, 'issue9-01-dissent-bound');
  // Straight to the API: a body that rewrites the blocks or renames a section is refused.
  const id = minutesUrl.split('/').pop() ?? '';
  const me = (await (await page.request.get(`${e2e.baseUrl}/api/me`)).json()) as { csrfToken: string };
  const current = (await (await page.request.get(`${e2e.baseUrl}/api/minutes/${id}`)).json()) as {
    version: number;
    content: { sections: Array<{ topicId: string; heading: string; narrative: string }> };
  };
  const put = (sections: unknown) =>
    page.request.put(`${e2e.baseUrl}/api/minutes/${id}`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { version: current.version, sections },
    });
  const crafted = await put(current.content.sections.map((x) => ({ topicId: x.topicId, narrative: '', blocks: [] })));
  assert.equal(crafted.status(), 400);
  const renamed = await put(
    current.content.sections.map((x, i) => ({
      topicId: x.topicId,
      narrative: x.narrative,
      heading: i ? x.heading : '一、另拟',
    })),
  );
  assert.equal(renamed.status(), 422);
  assert.equal(((await renamed.json()) as { error: { code: string } }).error.code, 'MINUTES_FORMAT');
  await page.getByRole('button', { name: '提交签发' }).click();
  await ok(page, '已提交签发');
  await page.close();

  page = await loginAs(e2e, 'head');
  await page.goto(minutesUrl);
  await page.getByRole('button', { name: /^签\s*发$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认签发' }).click();
  await ok(page, '纪要已签发');
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  await page.locator('.minutes-sheet .number').getByText(`〔${year}〕1号`).waitFor();
  await page.locator('.minutes-sheet').getByText(DISSENT).waitFor();
  await page.locator('.minutes-sheet').getByText('会议听取了汇报，会议一致认为补助方案可行。').waitFor();
  await shot(page, 'issue4-03-minutes-issued');
  const docx = await page.request.get(`${e2e.baseUrl}/api/minutes/${id}/document.docx`);
  assert.equal(docx.status(), 200);
  assert.equal((await docx.body()).subarray(0, 2).toString(), 'PK');
  const pdf = await page.request.get(`${e2e.baseUrl}/api/minutes/${id}/document.pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  writeFileSync(join(ARTIFACTS, 'issue4-minutes.pdf'), await pdf.body());
  await page.close();
});
