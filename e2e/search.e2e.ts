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

interface Me {
  memberships: Array<{ divisionId: string }>;
}
interface Obj {
  id: string;
  version: number;
}
interface Meeting extends Obj {
  participants: Array<{ userId: string; role: string; name: string }>;
}

let minutesId = '';
let topicId = '';

test('setup: 对外贸易处 decides on 海外仓 over 刘洋’s dissent; the minutes are issued', async () => {
  let head = await apiAs(e2e, 'head');
  const trade = (await head.get<Me>('/api/me')).memberships[0]?.divisionId ?? '';
  const topic = await head.post<Obj>('/api/topics', {
    divisionId: trade,
    title: '关于支持企业建设海外仓的请示',
    description: '拟支持重点企业在德国汉堡建设公共海外仓。',
    category: '须经处务会研究决定的事项',
    matterFlags: [],
    important: false,
  });
  topicId = topic.id;
  let meeting = await head.post<Meeting>('/api/meetings', {
    divisionId: trade,
    kind: 'regular',
    startsAt: new Date().toISOString(),
    place: '第一会议室',
    agenda: [topic.id],
  });
  meeting = await head.post(`/api/meetings/${meeting.id}/start`, { version: meeting.version });
  const present = meeting.participants.filter((p) => p.role === 'participant');
  await head.post(`/api/meetings/${meeting.id}/attendance`, {
    marks: present.map((p) => ({ userId: p.userId, attendance: 'present' })),
  });
  const recorder = await apiAs(e2e, 'recorder');
  await recorder.put(`/api/meetings/${meeting.id}/record/${topic.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议研究了支持企业建设海外仓的必要性。',
    opinions: present.map((p) =>
      p.name === '刘洋'
        ? { speakerId: p.userId, stance: 'against', text: '不同意：海外仓选址风险较大，建议暂缓实施。' }
        : { speakerId: p.userId, stance: 'no_opinion', text: '' },
    ),
    decisions: [
      { text: '原则同意支持企业建设海外仓', outcome: 'adopted', responsibleDivisionId: trade, deadline: null },
    ],
  });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/meetings/${meeting.id}/close`, { version: meeting.version });
  const rec = await apiAs(e2e, 'recorder');
  const draft = await rec.post<Obj>(`/api/meetings/${meeting.id}/minutes`);
  const submitted = await rec.post<Obj>(`/api/minutes/${draft.id}/submit`, { version: draft.version });
  head = await apiAs(e2e, 'head');
  await head.post(`/api/minutes/${draft.id}/issue`, { version: submitted.version });
  minutesId = draft.id;
});

test('R1.3: a leader searches 海外倉 in Traditional from the header and lands on the dissent in the minutes', async () => {
  const page = await loginAs(e2e, 'leader');
  await page.getByLabel('全文检索').fill('海外倉');
  await page.getByLabel('全文检索').press('Enter');
  await page.waitForURL(/\/search\?q=/);
  await page.getByRole('tab', { name: /^纪要 \d+/ }).click();
  const hit = page.getByRole('link', { name: /关于支持企业建设海外仓的请示/ }).first();
  await hit.waitFor();
  // The words are marked in the title and the snippet; the note on scans is there.
  assert.ok((await page.locator('mark').count()) >= 2, 'highlights');
  await page.getByText(/扫描件和图片中的文字无法检索/).waitFor();
  await shot(page, 'search-results');
  await hit.click();
  await page.waitForURL(new RegExp(`/minutes/${minutesId}#section-${topicId}`));
  const section = page.locator(`#section-${topicId}`);
  await section.getByText(/刘洋同志对此持不同意见/).waitFor();
  assert.match((await section.getAttribute('class')) ?? '', /search-target/);
  await shot(page, 'search-landed');
  // A phone finds it the same way.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${e2e.baseUrl}/search?q=${encodeURIComponent('海外仓 暂缓')}`);
  await page
    .getByRole('link', { name: /海外仓/ })
    .first()
    .waitFor();
  await shot(page, 'search-phone');
  await page.close();
});

test('R1.3: someone of another division finds nothing of it', async () => {
  const page = await loginAs(e2e, 'zhugang');
  await page.goto(`${e2e.baseUrl}/search?q=${encodeURIComponent('海外仓')}`);
  await page.getByText('没有找到您有权查看的相关内容').waitFor();
  await page.close();
});
