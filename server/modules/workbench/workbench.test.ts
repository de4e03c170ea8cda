import { headTopicIds } from '../../test/flows.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../test/harness.js';
import { PLAIN_TOPIC } from '../../test/fixtures.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import type { TopicDto } from '../../../core/contracts/topics.js';

interface Workbench {
  topicsToApprove: Array<{ id: string }>;
  leaveToDecide: Array<{ leaveId: string; userName: string }>;
  meetingsToAttend: Array<{ id: string; noticeRead: boolean }>;
  unreadNotices: number;
  monthlyReminders: Array<{ divisionName: string; scheduled: number; held: number; required: number }>;
}

describe('工作台 and the calendar feed', () => {
  let h: Harness;
  let trade: string;
  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
  });
  afterAll(async () => h.close());

  it('shows what waits on each person', async () => {
    const [head, staff, deputy] = [await h.login('head'), await h.login('staff'), await h.login('deputy')];
    const t = (await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    await staff.post(`/api/topics/${t.id}/submit`, { version: 1 });
    expect(((await head.get('/api/workbench')).json() as Workbench).topicsToApprove.map((x) => x.id)).toContain(t.id);
    expect(((await deputy.get('/api/workbench')).json() as Workbench).topicsToApprove).toEqual([]);

    let m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-04T09:00:00+08:00',
        place: '会议室',
        agenda: await headTopicIds(head, trade),
      })
    ).json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/notify`, { version: m.version })).json() as MeetingDto;
    const wb = (await staff.get('/api/workbench')).json() as Workbench;
    expect(wb.meetingsToAttend).toEqual([expect.objectContaining({ id: m.id, noticeRead: false })]);
    expect(wb.unreadNotices).toBeGreaterThan(0);
    await staff.post(`/api/meetings/${m.id}/read`);
    expect(((await staff.get('/api/workbench')).json() as Workbench).meetingsToAttend[0]?.noticeRead).toBe(true);

    await deputy.post(`/api/meetings/${m.id}/leave`, { reason: '外出调研' });
    expect(((await head.get('/api/workbench')).json() as Workbench).leaveToDecide).toEqual([
      expect.objectContaining({ userName: '张敏' }),
    ]);
  });

  it('R3.5: after the 20th a head whose division has not met this month is reminded', async () => {
    h.clock.set('2026-11-18T02:00:00Z');
    expect(((await (await h.login('head')).get('/api/workbench')).json() as Workbench).monthlyReminders).toEqual([]);
    h.clock.set('2026-11-23T02:00:00Z');
    const head = await h.login('head');
    expect(((await head.get('/api/workbench')).json() as Workbench).monthlyReminders).toEqual([
      { divisionId: trade, divisionName: '对外贸易处', scheduled: 1, held: 0, required: 1 },
    ]);
    const m = ((await head.get(`/api/meetings?divisionId=${trade}`)).json() as { items: Array<{ id: string }> })
      .items[0];
    const cur = (await head.get(`/api/meetings/${m?.id}`)).json() as MeetingDto;
    // R3.5: only a meeting where a topic was discussed counts as held.
    const t = (await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    const withTopic = (
      await head.patch(`/api/meetings/${cur.id}`, { version: cur.version, agenda: [t.id] })
    ).json() as MeetingDto;
    const started = (
      await head.post(`/api/meetings/${cur.id}/start`, { version: withTopic.version })
    ).json() as MeetingDto;
    const rec = await (
      await h.login('recorder')
    ).put(`/api/meetings/${cur.id}/record/${t.id}`, {
      version: 0,
      status: 'recorded',
      discussion: '会议研究了有关工作。',
      opinions: [],
      decisions: [],
    });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(((await head.get('/api/workbench')).json() as Workbench).monthlyReminders).toEqual([]);
    const closed = await head.post(`/api/meetings/${cur.id}/close`, { version: started.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(((await head.get('/api/workbench')).json() as Workbench).monthlyReminders).toEqual([]);
    expect(((await (await h.login('staff')).get('/api/workbench')).json() as Workbench).monthlyReminders).toEqual([]);
  });

  it('a private iCal feed lists the user’s meetings; a new address retires the old one', async () => {
    const staff = await h.login('staff');
    const { url } = (await staff.post('/api/me/calendar-feed')).json() as { url: string };
    const path = new URL(url).pathname;
    const feed = await h.anon('GET', path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VEVENT');
    expect(feed.body).toContain('SUMMARY:对外贸易处2026年11月4日处务会');
    expect(feed.body).toContain('DTSTART:20261104T010000Z');
    for (const line of feed.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    await staff.post('/api/me/calendar-feed');
    expect((await h.anon('GET', path)).statusCode).toBe(404);
    expect((await h.anon('GET', '/api/calendar/not-a-real-token-aaaaaaaaaa.ics')).statusCode).toBe(404);
  });
});
