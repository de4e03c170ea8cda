import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, ROOT, apiAs, loginAs, ok, startE2E, type E2E } from './harness.js';

/**
 * The user guide's walk (docs/guide, issue 15): each role goes through the pages
 * it uses, on a 1440×900 desktop and a 390×844 phone, and every step is asserted
 * (titles, the buttons this role has and has not) before its screenshot is taken
 * into docs/guide/img/<step>-<desktop|phone>.png — the pictures the chapters show,
 * so they are redrawn on every run — and copied to e2e/artifacts/guide/ for CI.
 * Each role's 操作手册 entry opens its own chapter.
 */
const IMG = join(ROOT, 'docs/guide/img');
const KEPT = join(ARTIFACTS, 'guide');
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
type Size = keyof typeof SIZES;
const BOTH: Size[] = ['desktop', 'phone'];
/** The whole set stays small enough to commit (the brief's budget for docs/guide/img). */
const BUDGET_BYTES = 6 * 1024 * 1024;

let e2e: E2E;
const taken = new Set<string>();
const ids = { minutesA: '', meetingB: '', meetingC: '', meetingD: '', minutesD: '', pendingTopic: '' };
const TITLE = {
  A: '对外贸易处处务会（年度工作要点）',
  B: '对外贸易处处务会（营商环境）',
  C: '对外贸易处处务会（参展补助）',
  D: '对外贸易处处务会（展会安排）',
};

before(async () => {
  e2e = await startE2E();
  mkdirSync(IMG, { recursive: true });
  rmSync(KEPT, { recursive: true, force: true });
  mkdirSync(KEPT, { recursive: true });
});
after(async () => {
  await e2e?.stop();
});

/** Runs `check` at each size and keeps a screenshot of the window after it passed. */
async function step(page: Page, name: string, check: (size: Size) => Promise<void>, sizes: Size[] = BOTH) {
  for (const size of sizes) {
    await page.setViewportSize(SIZES[size]);
    await check(size);
    // Toasts of an earlier action, the spinner of a lazy chunk and a resize's relayout settle first.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 6000 });
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 6000 });
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(r))));
    await page.waitForTimeout(200);
    const file = `${name}-${size}.png`;
    await page.screenshot({ path: join(IMG, file), animations: 'disabled', caret: 'hide' });
    copyFileSync(join(IMG, file), join(KEPT, file));
    taken.add(file);
  }
  await page.setViewportSize(SIZES.desktop);
}

const button = (page: Page | Locator, name: string | RegExp) =>
  page.getByRole('button', {
    // antd spaces two-character labels (登 录); an icon adds its own name in front (plus 提出议题).
    name: typeof name === 'string' ? new RegExp(`^([\\w-]+ )?${name.split('').join('\\s*')}$`) : name,
  });
const visible = async (page: Page, name: string | RegExp) => button(page, name).first().waitFor();
const absent = async (page: Page, name: string | RegExp) =>
  assert.equal(await button(page, name).count(), 0, `no ${String(name)} button`);

/** The role's 操作手册 entry in the side menu opens its chapter of the guide. */
async function helpOpens(page: Page, chapter: string, heading: string) {
  await page.setViewportSize(SIZES.desktop);
  await page.locator('.ant-layout-sider').getByRole('menuitem', { name: '操作手册' }).click();
  await page.locator('.guide-page h1').getByText(heading).waitFor();
  assert.equal(new URL(page.url()).pathname, `/guide/${chapter}`);
  // Its screenshots are served with the app.
  const img = page.locator('.guide-page img').first();
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement>('.guide-page img')].slice(0, 1).every((i) => i.naturalWidth > 0),
  );
}

interface Obj {
  id: string;
  version: number;
}
interface Meeting extends Obj {
  participants: Array<{ userId: string; name: string }>;
}
type Api = Awaited<ReturnType<typeof apiAs>>;
const topic = (as: Api, divisionId: string, title: string, description = '请处务会研究。') =>
  as.post<Obj>('/api/topics', {
    divisionId,
    title,
    description,
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });
const NOW = () => new Date().toISOString();

/** A meeting held and closed with one recorded decision; returns the recorder's minutes draft. */
async function heldMeeting(trade: string, title: string, topicTitle: string): Promise<Obj> {
  let head = await apiAs(e2e, 'head');
  const t = await topic(head, trade, topicTitle);
  let m = await head.post<Obj>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: NOW(),
    place: '第一会议室',
    agenda: [t.id],
    title,
  });
  m = await head.post(`/api/meetings/${m.id}/start`, { version: m.version });
  const recorder = await apiAs(e2e, 'recorder');
  await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议听取了汇报，进行了讨论。',
    opinions: [],
    decisions: [{ text: `原则同意${topicTitle}`, outcome: 'adopted', responsibleDivisionId: trade, deadline: null }],
  });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
  const rec = await apiAs(e2e, 'recorder');
  return rec.post<Obj>(`/api/meetings/${m.id}/minutes`);
}

test('setup: issued minutes, a meeting in session, a notified meeting with a leave request, a draft, a topic to approve', async () => {
  let head = await apiAs(e2e, 'head');
  const trade = (await head.get<{ memberships: { divisionId: string }[] }>('/api/me')).memberships[0]?.divisionId ?? '';
  assert.ok(trade);

  // A: issued and distributed (待阅 for leaders and staff, 报备 for the supervision office).
  const draftA = await heldMeeting(trade, TITLE.A, '2027年度对外贸易促进工作要点');
  let rec = await apiAs(e2e, 'recorder');
  const sentA = await rec.post<Obj>(`/api/minutes/${draftA.id}/submit`, { version: draftA.version });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/minutes/${draftA.id}/issue`, { version: sentA.version });
  ids.minutesA = draftA.id;

  // D: closed, its minutes a draft the recorder sends for signature in the walk.
  const draftD = await heldMeeting(trade, TITLE.D, '2027年重点展会安排');
  ids.minutesD = draftD.id;

  // Staff: one topic approved (on C's agenda), one waiting for the head.
  const staff = await apiAs(e2e, 'staff');
  const approved = await topic(staff, trade, '关于组织企业参加2027年广交会的建议', '建议组织重点企业参展。');
  await staff.post(`/api/topics/${approved.id}/submit`, { version: approved.version });
  const pending = await topic(staff, trade, '关于调整2027年外贸企业境外参展补助标准的请示');
  await staff.post(`/api/topics/${pending.id}/submit`, { version: pending.version });
  ids.pendingTopic = pending.id;
  head = await apiAs(e2e, 'head');
  const a = await head.get<Obj>(`/api/topics/${approved.id}`);
  await head.post(`/api/topics/${approved.id}/approve`, { version: a.version });

  // C: tomorrow, the supervising leader observing, notified; the deputy asks leave.
  const observers = await head.get<Array<{ userId: string; name: string }>>(
    `/api/divisions/${trade}/eligible-observers`,
  );
  const chen = observers.find((o) => o.name === '陈立新');
  assert.ok(chen, 'the supervising leader may observe');
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86400_000).toISOString().slice(0, 10);
  let c = await head.post<Obj>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: `${tomorrow}T09:30:00+08:00`,
    place: '第二会议室',
    agenda: [approved.id],
    observerIds: [chen.userId],
    title: TITLE.C,
  });
  c = await head.post(`/api/meetings/${c.id}/notify`, { version: c.version });
  ids.meetingC = c.id;
  const deputy = await apiAs(e2e, 'deputy');
  await deputy.post(`/api/meetings/${c.id}/leave`, { reason: '参加市政府专题会议' });

  // B: in session; three present, one topic being recorded with a dissent.
  head = await apiAs(e2e, 'head');
  const tb = await topic(head, trade, '传达局党委关于优化营商环境的工作部署');
  let b = await head.post<Meeting>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: NOW(),
    place: '第一会议室',
    agenda: [tb.id],
    title: TITLE.B,
  });
  b = await head.post(`/api/meetings/${b.id}/start`, { version: b.version });
  ids.meetingB = b.id;
  const who = (name: string) => b.participants.find((p) => p.name === name)?.userId ?? '';
  rec = await apiAs(e2e, 'recorder');
  await rec.post(`/api/meetings/${b.id}/attendance`, {
    marks: ['李伟', '王芳', '黄磊'].map((n) => ({ userId: who(n), attendance: 'present' })),
  });
  await rec.put(`/api/meetings/${b.id}/record/${tb.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议传达学习了局党委关于优化营商环境的工作部署，结合本处工作进行了讨论。',
    opinions: [
      { speakerId: who('李伟'), stance: 'for', text: '要把部署落实到每一项审批服务中。' },
      { speakerId: who('黄磊'), stance: 'against', text: '月底前报送进展时间太紧，建议延至下月中旬' },
      { speakerId: who('王芳'), stance: 'no_opinion', text: '' },
    ],
    decisions: [
      {
        text: '认真抓好贯彻落实，月底前报送工作进展',
        outcome: 'adopted',
        responsibleDivisionId: trade,
        deadline: null,
      },
    ],
  });
});

test('login page, on a desktop and a phone', async () => {
  await e2e.context.clearCookies();
  const page = await e2e.context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await step(page, 'login', async () => {
    await page.getByLabel('用户名').waitFor();
    await page.getByLabel('密码').waitFor();
    await visible(page, '登录');
  });
  await page.close();
});

test('工作人员: 工作台, 提出议题, the notice (已阅, 请假), QR check-in, 待阅纪要; 操作手册 opens 工作人员', async () => {
  const page = await loginAs(e2e, 'staff');
  await step(page, 'staff-workbench', async () => {
    const todo = page.locator('.ant-card', { hasText: '待办事项' });
    await todo.getByText('会议通知未阅').first().waitFor();
    await todo.getByText('纪要待阅').waitFor();
    assert.equal(await todo.getByText('议题待审核').count(), 0, 'staff approves no topic');
  });

  await page.goto(`${e2e.baseUrl}/topics`);
  await button(page, '提出议题').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('议题名称').fill('关于开展2027年外贸企业需求调研的建议');
  await dialog.getByLabel('议题说明').fill('建议在补助标准调整前，先对重点外贸企业开展需求调研。');
  await step(
    page,
    'staff-topic-new',
    async () => {
      await dialog.getByText('提出议题').first().waitFor();
      await dialog.getByLabel('内容分类（第 4.2 条）').waitFor();
      await dialog.getByRole('checkbox', { name: '资金' }).waitFor();
    },
    ['desktop'],
  );
  await button(dialog, '取消').click();

  await page.goto(`${e2e.baseUrl}/meetings/${ids.meetingC}`);
  await step(page, 'staff-meeting-notice', async () => {
    await page.getByText(TITLE.C).first().waitFor();
    await visible(page, '确认已阅');
    await visible(page, '请假');
    for (const b of ['发出通知', '开始会议', '结束会议', '修改']) await absent(page, b);
  });
  await button(page, '请假').click();
  await page.getByPlaceholder('请假理由').fill('赴外地参加企业座谈会');
  await step(
    page,
    'staff-leave',
    async () => {
      await page.getByRole('dialog').getByText('请假（向处长请假，第 3.7 条）').waitFor();
    },
    ['desktop'],
  );
  await button(page.getByRole('dialog'), '取消').click();
  await button(page, '确认已阅').click();
  await ok(page, '已确认收到会议通知');
  await page.close();

  // The phone scans the QR code in the meeting room (a fresh one: the code changes every 30 seconds).
  const head = await apiAs(e2e, 'head');
  const { url } = await head.get<{ url: string }>(`/api/meetings/${ids.meetingB}/checkin-token`);
  const phone = await loginAs(e2e, 'staff');
  await phone.goto(url.replace(/^https?:\/\/[^/]+/, e2e.baseUrl));
  await step(
    phone,
    'staff-checkin',
    async () => {
      await phone.getByText(/签到成功/).waitFor();
      await phone.getByText(TITLE.B).first().waitFor();
      await visible(phone, '查看会议议程和材料');
    },
    ['phone'],
  );
  await phone.close();

  const reading = await loginAs(e2e, 'staff');
  await reading.goto(`${e2e.baseUrl}/reading`);
  await step(reading, 'staff-reading', async () => {
    await reading.getByText('待阅纪要').first().waitFor();
    await reading.getByText('传阅').first().waitFor();
    await visible(reading, '确认已阅');
  });
  await button(reading, '确认已阅').first().click();
  await button(reading.getByRole('dialog'), '提交已阅').click();
  await ok(reading, '已确认已阅');
  await helpOpens(reading, 'staff', '工作人员');
  await reading.close();
});

test('记录人: attendance and the QR code, the live record, the minutes draft sent for signature; 操作手册 opens 记录人', async () => {
  const page = await loginAs(e2e, 'recorder');
  await page.goto(`${e2e.baseUrl}/meetings/${ids.meetingB}`);
  await step(page, 'recorder-attendance', async () => {
    await page.getByAltText('签到二维码').waitFor();
    await visible(page, '出席');
    await visible(page, '迟到');
    await absent(page, '结束会议');
  });
  await step(
    page,
    'recorder-record',
    async () => {
      const box = page.getByPlaceholder('讨论情况（摘要）').first();
      await box.waitFor();
      assert.match(await box.inputValue(), /优化营商环境/);
      await visible(page, '添加发言');
      await visible(page, '添加议定事项');
      // The record fills the window: its first topic at the top, the speakers and decisions below.
      await box.evaluate((el) => {
        el.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -120);
      });
    },
    ['desktop'],
  );

  await page.goto(`${e2e.baseUrl}/minutes/${ids.minutesD}`);
  await step(
    page,
    'recorder-minutes-draft',
    async () => {
      await page.locator('.minutes-sheet').waitFor();
      await page.getByText(TITLE.D).first().waitFor();
      await visible(page, '修改文字');
      await visible(page, '提交签发');
      await absent(page, '签发');
    },
    ['desktop'],
  );
  await button(page, '提交签发').click();
  await ok(page, '已提交签发');
  await helpOpens(page, 'recorder', '记录人');
  await page.close();
});

test('处长: 工作台, approving a topic, convening, deciding leave, the session, signing the minutes; 操作手册 opens 处长', async () => {
  const page = await loginAs(e2e, 'head');
  await step(page, 'head-workbench', async () => {
    const todo = page.locator('.ant-card', { hasText: '待办事项' });
    await todo.getByText('待审核', { exact: true }).first().waitFor();
    await todo.getByText('请假待审批').waitFor();
    await page.getByText('对外贸易处 · 授权副职负责人').waitFor();
  });

  await page.goto(`${e2e.baseUrl}/topics/${ids.pendingTopic}`);
  await step(page, 'head-topic-approve', async () => {
    await page.getByText('关于调整2027年外贸企业境外参展补助标准的请示').first().waitFor();
    await visible(page, '同意');
    await visible(page, '退回');
    await absent(page, '撤回');
  });
  await button(page, '同意').click();
  await button(page.getByRole('dialog'), '确认同意').click();
  await ok(page, '已同意列入议题');

  await page.goto(`${e2e.baseUrl}/meetings`);
  await button(page, '召集会议').click();
  const form = page.getByRole('dialog');
  await step(
    page,
    'head-meeting-new',
    async () => {
      await form.getByText('召集处务会').waitFor();
      await form.getByLabel('主持人（默认处室主要负责人，第 3.2 条）').waitFor();
      await form.getByLabel(/议程/).waitFor();
      await form.getByLabel(/列席人员/).waitFor();
    },
    ['desktop'],
  );
  await button(form, '取消').click();

  await page.goto(`${e2e.baseUrl}/meetings/${ids.meetingC}`);
  await step(page, 'head-meeting-leave', async () => {
    await page.getByText('参加市政府专题会议').first().waitFor();
    await visible(page, '批准');
    await visible(page, '不批准');
    await visible(page, '开始会议');
  });
  await button(page, '批准').first().click();
  await ok(page, '已批准请假');

  await page.goto(`${e2e.baseUrl}/meetings/${ids.meetingB}`);
  await step(
    page,
    'head-meeting-session',
    async () => {
      await visible(page, '结束会议');
      await page.getByText('扫码签到').first().waitFor();
      await absent(page, '开始会议');
    },
    ['desktop'],
  );

  await page.goto(`${e2e.baseUrl}/minutes/${ids.minutesD}`);
  await step(page, 'head-minutes-issue', async () => {
    await page.locator('.minutes-sheet').waitFor();
    await visible(page, '签发');
    await visible(page, '退回修改');
    await absent(page, '提交签发');
  });
  await button(page, '签发').click();
  await button(page.getByRole('dialog'), '确认签发').click();
  await ok(page, '纪要已签发');
  await step(
    page,
    'head-minutes-issued',
    async () => {
      await page
        .locator('.minutes-sheet .number')
        .getByText(/〔\d{4}〕\d+号/)
        .waitFor();
      await page.getByText('完整性校验通过').waitFor();
      await page.getByRole('link', { name: /下载 Word/ }).waitFor();
      await absent(page, '签发');
    },
    ['desktop'],
  );
  await helpOpens(page, 'head', '处长');
  await page.close();
});

test('局领导: the principal leader reads and confirms; the supervising leader sees the meeting he observes; 操作手册 opens 局领导', async () => {
  const page = await loginAs(e2e, 'director');
  await step(page, 'leaders-workbench', async () => {
    await page.locator('.ant-card', { hasText: '我的角色' }).getByText('局主要领导').waitFor();
    await page.locator('.ant-card', { hasText: '待办事项' }).getByText('纪要待阅').waitFor();
  });
  await page.goto(`${e2e.baseUrl}/reading`);
  await step(page, 'leaders-reading', async () => {
    await page.getByText('报送').first().waitFor();
    await visible(page, '确认已阅');
  });
  await button(page, '确认已阅').first().click();
  await button(page.getByRole('dialog'), '提交已阅').click();
  await ok(page, '已确认已阅');
  await helpOpens(page, 'leaders', '局领导');
  await page.close();

  const leader = await loginAs(e2e, 'leader');
  await step(leader, 'leaders-observer', async () => {
    await leader.locator('.ant-card', { hasText: '我的角色' }).getByText('分管领导').waitFor();
    await leader.getByText(`${TITLE.C}`, { exact: false }).first().waitFor();
    await leader
      .getByText(/（列席）/)
      .first()
      .waitFor();
  });
  await leader.goto(`${e2e.baseUrl}/minutes/${ids.minutesA}`);
  await step(leader, 'leaders-minutes', async () => {
    await leader.locator('.minutes-sheet').waitFor();
    await visible(leader, '确认已阅');
    for (const b of ['签发', '修改文字', '更正']) await absent(leader, b);
  });
  await leader.close();
});

test('监察室: the 报备 inbox, the deadline check, an issued minutes’ integrity; 操作手册 opens 监察室', async () => {
  const page = await loginAs(e2e, 'jiancha');
  await page.goto(`${e2e.baseUrl}/filings`);
  await step(page, 'supervision-filings', async () => {
    await page.getByRole('tab', { name: '报备收件箱' }).waitFor();
    await page.getByText('按时').first().waitFor();
    await visible(page, '签收');
  });
  // Both issued minutes (A and D) wait for the office's signature.
  for (let left = await button(page, '签收').count(); left > 0; left--) {
    await button(page, '签收').first().click();
    await ok(page, '已签收备案');
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 6000 });
  }
  await page.getByText('没有待签收的备案纪要').waitFor();
  await page.getByRole('tab', { name: '分送时限检查' }).click();
  await step(
    page,
    'supervision-deadlines',
    async () => {
      await page.getByText('按时分送').first().waitFor();
    },
    ['desktop'],
  );
  await page.goto(`${e2e.baseUrl}/minutes/${ids.minutesA}`);
  await step(
    page,
    'supervision-minutes',
    async () => {
      await page.getByText('完整性校验通过').waitFor();
      await page
        .getByTestId('receipt-监察室')
        .getByText(/已签收/)
        .waitFor();
    },
    ['desktop'],
  );
  // R5.7: the archive, which the supervision office reads and re-checks, on a phone.
  await page.goto(`${e2e.baseUrl}/archive`);
  await step(
    page,
    'supervision-archive',
    async () => {
      await page.getByText('年度归档（第 5.7 条）').first().waitFor();
      await page.getByText('对外贸易处').first().waitFor();
    },
    ['phone'],
  );
  await helpOpens(page, 'supervision', '监察室');
  await page.close();
});

test('办公室: the working-day calendar; 操作手册 opens 办公室', async () => {
  const page = await loginAs(e2e, 'zhouxuemei');
  await page.goto(`${e2e.baseUrl}/admin/calendar`);
  await step(page, 'office-calendar', async () => {
    await page.getByText('导入年度安排').waitFor();
    await page.getByText('单日调整').first().waitFor();
    await page.locator('tr', { hasText: '2026' }).first().waitFor();
  });
  // R5.7: 年度归档, each division's year with its state and what stands in the way.
  await page.goto(`${e2e.baseUrl}/archive`);
  await step(
    page,
    'office-archive',
    async () => {
      await page.getByText('年度归档（第 5.7 条）').first().waitFor();
      await page.getByRole('tab', { name: '到期鉴定' }).waitFor();
      await page.getByText('对外贸易处').first().waitFor();
    },
    ['desktop'],
  );
  await helpOpens(page, 'office', '办公室');
  await page.close();
});

test('三员: people and divisions, the regime, security settings, the audit log; each opens 三员', async () => {
  let page = await loginAs(e2e, 'admin');
  await page.goto(`${e2e.baseUrl}/admin/users`);
  await step(
    page,
    'admin-users',
    async () => {
      await page.getByText('人员管理').first().waitFor();
      await page.getByRole('columnheader', { name: '处室与职务' }).waitFor();
      await visible(page, '新建');
      assert.equal(await page.locator('.ant-layout-sider').getByText('审计日志').count(), 0, '三员分立');
    },
    ['desktop'],
  );
  await page.goto(`${e2e.baseUrl}/admin/regime`);
  await step(
    page,
    'admin-regime',
    async () => {
      await page
        .getByText(/纪要编号格式/)
        .first()
        .waitFor();
      await page.getByText('邮件通知未开启').waitFor();
    },
    ['desktop'],
  );
  await page.close();

  page = await loginAs(e2e, 'secadmin');
  await page.goto(`${e2e.baseUrl}/admin/security`);
  await step(
    page,
    'secadmin-security',
    async () => {
      await page.getByText('密码最小长度').waitFor();
      await page.getByText('会话空闲超时（分钟）').waitFor();
    },
    ['desktop'],
  );
  await page.close();

  page = await loginAs(e2e, 'auditor');
  await page.goto(`${e2e.baseUrl}/admin/audit`);
  await button(page, /校验日志链/).click();
  await step(
    page,
    'auditor-audit',
    async () => {
      await page.getByText(/日志链完整/).waitFor();
      await page.getByRole('cell', { name: '登录' }).first().waitFor();
      const menu = await page.locator('.ant-layout-sider').innerText();
      assert.ok(!menu.includes('人员管理') && !menu.includes('议题'), '三员: the auditor sees only the log');
    },
    ['desktop'],
  );
  await helpOpens(page, 'admins', '三员');
  await page.close();
});

test('the header’s 帮助 opens the chapter of whoever is logged in', async () => {
  const page = await loginAs(e2e, 'deputy');
  await page.getByRole('button', { name: '帮助' }).click();
  await page.locator('.guide-page h1').getByText('处长').waitFor();
  assert.equal(new URL(page.url()).pathname, '/guide/head');
  await page.getByRole('link', { name: '目录' }).first().click();
  await page
    .locator('.guide-page')
    .getByRole('link', { name: /工作人员/ })
    .first()
    .waitFor();
  assert.equal(new URL(page.url()).pathname, '/guide/index');
  await page.close();
});

test('the screenshots: every step’s files are there and the set stays within its budget', () => {
  const files = readdirSync(IMG).filter((f) => f.endsWith('.png'));
  for (const f of taken) assert.ok(files.includes(f), `${f} written`);
  const stale = files.filter((f) => !taken.has(f));
  assert.deepEqual(stale, [], 'no screenshot left over from a step that no longer exists');
  const bytes = files.reduce((n, f) => n + statSync(join(IMG, f)).size, 0);
  console.log(`guide screenshots: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(2)} MB`);
  assert.ok(bytes < BUDGET_BYTES, `the guide's screenshots weigh ${bytes} bytes`);
});
