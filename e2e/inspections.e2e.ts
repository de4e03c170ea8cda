/**
 * E2E of 专项检查 to closure (R6.4), in the built app with Chromium. The demo bureau held no
 * meeting last month, so 监察室 finds 对外贸易处 未达标 on R3.5 in the matrix and drills into
 * the cell's evidence. This month the division held a meeting and issued its minutes; 监察室
 * plans an inspection of this month with a sample, starts it, records a failed checklist item
 * and a finding, and sends the 整改通知. The head replies with a 整改报告 and a file; 监察室
 * verifies it, concludes the inspection and downloads the 通报 (Word, PDF) and the ledger.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiAs, holdMeetingAndIssue, loginAs, ok, shot, startE2E, type E2E } from './harness.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(async () => {
  await e2e?.stop();
});

const shanghai = new Date(Date.now() + 8 * 3600_000);
const thisMonth = shanghai.toISOString().slice(0, 7);
const lastMonth = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 1, 1))
  .toISOString()
  .slice(0, 7);
const TITLE = `${thisMonth.replace('-', '年')}月处务会制度执行情况专项检查`;
const FINDING = '纪要未载明会议地点和记录人';
let inspectionUrl = '';
let findingUrl = '';

test('setup: this month 对外贸易处 holds a meeting and issues its minutes', async () => {
  await holdMeetingAndIssue(e2e, { title: '对外贸易处处务会（专项检查）', topic: '关于年末外贸企业走访安排的议题' });
});

test('R6.4 R3.5: 监察室 sees the division that missed last month in the matrix and drills to the evidence', async () => {
  const page = await loginAs(e2e, 'jiancha');
  await page.goto(`${e2e.baseUrl}/oversight?month=${lastMonth}`);
  const row = page.getByRole('row', { name: /对外贸易处/ });
  const meetings = row.getByRole('button').first();
  await meetings.waitFor();
  assert.equal(await meetings.getAttribute('aria-label'), '未达标');
  await meetings.click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByText('当月召开 0 次').waitFor();
  await page.close();
});

test('R6.4: 监察室 plans an inspection of this month with a sample, starts it, records a result and a finding', async () => {
  const page = await loginAs(e2e, 'jiancha');
  await page.locator('.ant-layout-sider').getByRole('menuitem', { name: '专项检查' }).click();
  await page.getByRole('button', { name: '制定检查方案' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('检查名称').fill(TITLE);
  await dialog.getByPlaceholder('开始月份').click();
  await dialog.getByPlaceholder('开始月份').fill(thisMonth);
  await dialog.getByPlaceholder('开始月份').press('Enter');
  await dialog.getByPlaceholder('结束月份').fill(thisMonth);
  await dialog.getByPlaceholder('结束月份').press('Enter');
  await dialog.getByLabel('被检查处室').click();
  await page.locator('.ant-select-dropdown').getByText('对外贸易处', { exact: true }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: '制定并抽取样本' }).click();
  await ok(page, /已制定检查方案，抽取样本 1 份/);
  await page.getByText('方案制定中').waitFor();
  inspectionUrl = page.url();
  await shot(page, 'inspection-01-plan');
  await page.getByRole('button', { name: '开始检查' }).click();
  await ok(page, '检查已开始');
  // The first checklist item of the sampled minutes: 不符合, with words.
  const group = page.getByRole('radiogroup').first();
  await group.getByText('不符合').click();
  await page.getByRole('textbox', { name: '情况说明' }).first().fill('会议议题未经处长审定即列入议程');
  await page
    .getByRole('button', { name: /^保\s?存$/ })
    .first()
    .click();
  await page.getByText('会议议题未经处长审定即列入议程 · 高敏').waitFor();
  // The rest of the checklist through the API (each item of each sampled minutes).
  const id = inspectionUrl.split('/').at(-1) ?? '';
  const api = await apiAs(e2e, 'jiancha');
  const d = await api.get<{
    samples: { id: string; results: { itemId: string }[] }[];
    items: { id: string }[];
  }>(`/api/inspections/${id}`);
  for (const sm of d.samples)
    for (const it of d.items)
      if (!sm.results.some((r) => r.itemId === it.id))
        await api.put(`/api/inspections/${id}/results`, {
          sampleId: sm.id,
          itemId: it.id,
          result: 'pass',
          evidence: [],
          version: 0,
        });
  await page.close();

  const again = await loginAs(e2e, 'jiancha');
  await again.goto(inspectionUrl);
  await again.getByRole('button', { name: '登记问题' }).click();
  const f = again.getByRole('dialog');
  await f.getByLabel('问题所属处室').click();
  await again.locator('.ant-select-dropdown').getByText('对外贸易处', { exact: true }).click();
  await f.getByLabel('违反条款').fill('R5.3');
  await f.getByLabel('问题描述').fill(FINDING);
  await f.getByRole('button', { name: /^登\s?记$/ }).click();
  await ok(again, '问题已登记');
  await again.getByRole('link', { name: FINDING }).click();
  await again.getByRole('button', { name: '发出整改通知' }).click();
  const n = again.getByRole('dialog');
  await n.getByLabel('整改要求').fill('请补正纪要要素，并于整改期限内报送整改报告。');
  await n.getByRole('button', { name: /^发\s?出$/ }).click();
  await ok(again, '整改通知已发出');
  await again.getByText('整改中').first().waitFor();
  findingUrl = again.url();
  await shot(again, 'inspection-02-notice');
  await again.close();
});

test('R6.4: the head finds the 整改通知 under 整改 and replies with a 整改报告 and a file', async () => {
  const page = await loginAs(e2e, 'head');
  await page.locator('.ant-layout-sider').getByRole('menuitem', { name: '整改' }).click();
  await page.getByRole('link', { name: FINDING }).click();
  await page.waitForURL(findingUrl);
  await page.getByRole('button', { name: '报送整改报告' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles({
    name: '整改情况说明.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('已补正纪要要素，并建立纪要签发前核对制度。\n', 'utf8'),
  });
  await dialog.getByText('整改情况说明.txt').waitFor();
  await dialog.getByLabel('整改情况').fill('已补正纪要要素，建立纪要签发前由处长核对的制度。');
  await dialog.getByRole('button', { name: /^报\s?送$/ }).click();
  await ok(page, '整改报告已报送');
  await page.getByText('待核验').first().waitFor();
  await page.getByRole('link', { name: '整改情况说明.txt' }).waitFor();
  await page.close();
});

test('R6.4: 监察室 verifies and closes it, concludes the inspection and downloads the 通报 and the ledger', async () => {
  const page = await loginAs(e2e, 'jiancha');
  await page.goto(findingUrl);
  await page.getByRole('button', { name: '核验通过' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '核验通过' }).click();
  await ok(page, '已核验通过');
  await page.getByText('已整改').first().waitFor();
  await page.goto(inspectionUrl);
  await page.getByRole('button', { name: '形成通报' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('检查结论').fill('对外贸易处处务会制度执行总体较好，纪要要素不全的问题已整改到位。');
  await dialog.getByRole('button', { name: '定稿并编号' }).click();
  await ok(page, '通报已形成');
  const year = thisMonth.slice(0, 4);
  await page.getByText(`监察通〔${year}〕1号`).waitFor();
  await shot(page, 'inspection-03-concluded');
  for (const [button, ext, magic] of [
    ['下载通报（Word）', 'docx', 'PK'],
    ['下载通报（PDF）', 'pdf', '%PDF-'],
    ['问题台账（Excel）', 'xlsx', 'PK'],
  ] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: button }).click(),
    ]);
    const path = await download.path();
    assert.ok(download.suggestedFilename().endsWith(`.${ext}`), download.suggestedFilename());
    const bytes = readFileSync(path);
    assert.equal(bytes.subarray(0, magic.length).toString('latin1'), magic);
    assert.ok(bytes.length > 1000, `${ext}: ${bytes.length} bytes`);
  }
  await page.close();
});
