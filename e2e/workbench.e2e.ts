import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, loginAs, startE2E, type E2E } from './harness.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(async () => {
  await e2e?.stop();
});

test('head logs in and sees the 工作台 in Chinese', async () => {
  await e2e.context.clearCookies();
  const page = await e2e.context.newPage();
  await page.goto(`${e2e.baseUrl}/`);
  // Without a session the app sends us to the login page.
  await page.getByLabel('用户名').waitFor();
  assert.match(page.url(), /\/login/);
  await page.getByLabel('用户名').fill('head');
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByText('您好，李伟').waitFor();
  const body = await page.locator('body').innerText();
  for (const text of [
    '工作台',
    '议题',
    '会议',
    '纪要',
    '我的处室',
    '对外贸易处',
    '主要负责人',
    '示范市商务局',
    '演示数据',
  ]) {
    assert.ok(body.includes(text), `page shows ${text}`);
  }
  assert.ok(!body.includes('系统管理'), 'a division head has no administration menu');
  await page.screenshot({ path: join(ARTIFACTS, 'workbench-head.png'), fullPage: true });
  await page.close();
});

test('the audit admin browses the audit log; the chain verifies', async () => {
  const page = await loginAs(e2e, 'auditor');
  await page.getByText('您好，何平').waitFor();
  const menu = await page.locator('.ant-layout-sider').innerText();
  assert.ok(
    menu.includes('审计日志') && !menu.includes('人员管理') && !menu.includes('议题'),
    '三员: the auditor sees only the log',
  );
  await page.goto(`${e2e.baseUrl}/admin/audit`);
  await page.getByRole('cell', { name: '登录' }).first().waitFor();
  await page.getByRole('button', { name: /校验日志链/ }).click();
  await page.getByText(/日志链完整/).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'audit-log.png'), fullPage: true });
  await page.close();
});

test('phone width: the menu folds into a button', async () => {
  const page = await loginAs(e2e, 'staff');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByText('您好，刘洋').waitFor();
  await page.getByRole('button', { name: '菜单' }).click();
  await page.getByRole('menuitem', { name: '会议' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'workbench-phone.png') });
  await page.close();
});
