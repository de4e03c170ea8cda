import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Client, type Harness } from './harness.js';
import { FUNDS_TOPIC, PLAIN_TOPIC } from './fixtures.js';
import { holdMeeting, issueAt } from './flows.js';
import { expectCursorList, walkPages } from './pages.js';
import type { MeetingDto } from '../../core/contracts/meetings.js';
import type { TopicDto } from '../../core/contracts/topics.js';
import type { DistributionEntryDto } from '../../core/contracts/distribution.js';

/*
 * Issue 11, "no unbounded lists": every list that grows with data pages with
 * an opaque cursor in a stable order with a unique tiebreaker. Rows are made
 * with equal sort keys on purpose (same start time, same clock instant) so a
 * page boundary falls inside a tie.
 */
describe('cursor paging on every list that grows with data', () => {
  let h: Harness;
  let head: Client, staff: Client, jiancha: Client, auditor: Client, admin: Client;
  let trade: string;
  const meetings: MeetingDto[] = [];
  const fundsTopics: TopicDto[] = [];
  const poolTopics: TopicDto[] = [];
  // Three meetings at one instant, two more in November, two in December.
  const STARTS = [12, 12, 12, 13, 14].map((d) => `2026-11-${d}T10:00:00+08:00`);
  STARTS.push('2026-12-03T10:00:00+08:00', '2026-12-03T10:00:00+08:00');

  beforeAll(async () => {
    h = await makeHarness();
    head = await h.login('head');
    trade = await h.divisionId('对外贸易处');
    for (const [i, startsAt] of STARTS.entries()) {
      const t = (
        await head.post('/api/topics', {
          divisionId: trade,
          ...FUNDS_TOPIC,
          title: `参展补助资金${i}`,
          description: '说明'.repeat(120),
        })
      ).json() as TopicDto;
      fundsTopics.push(t);
      const m = await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'urgent',
        startsAt,
        place: `会议室${i}`,
        agenda: [t.id],
      });
      expect(m.statusCode, m.body).toBe(201);
      meetings.push(m.json() as MeetingDto);
    }
    for (let i = 0; i < 6; i++)
      poolTopics.push(
        (
          await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: `待上会议题${i}` })
        ).json() as TopicDto,
      );
    // R4.1 is proven through the meeting in fidelity.test.ts; here the decided state is set directly
    // so the list has more than a page of rows to walk.
    const k = h.s.db.kysely;
    const meetingIds = meetings.map((m) => m.id);
    const topicIds = fundsTopics.map((t) => t.id);
    await k.updateTable('meetings').set({ status: 'closed' }).where('id', 'in', meetingIds).execute();
    await k.updateTable('topics').set({ status: 'decided' }).where('id', 'in', topicIds).execute();
    await k.updateTable('agenda_items').set({ outcome: 'discussed' }).where('meeting_id', 'in', meetingIds).execute();
    // Four held meetings with issued minutes: 待阅 entries, filings and deadlines.
    for (const d of [3, 4, 5, 6]) {
      const m = await holdMeeting(h, `2026-11-0${d}T10:00:00+08:00`, `例会${d}`);
      await issueAt(h, m.id, `2026-11-0${d + 1}T10:00:00+08:00`);
    }
    head = await h.login('head'); // the clock moved on: a fresh session
    staff = await h.login('staff');
    jiancha = await h.login('jiancha');
    auditor = await h.login('auditor');
    admin = await h.login('admin');
  });
  afterAll(async () => h.close());

  it('GET /api/meetings: newest first with the id as tiebreaker; the month filter holds across pages', async () => {
    await expectCursorList<{ id: string; startsAt: string }>(head, `/api/meetings?divisionId=${trade}`, {
      limit: 2,
      expected: (await walkPages<{ id: string }>(head, `/api/meetings?divisionId=${trade}`)).items.map((m) => m.id),
      idOf: (m) => m.id,
      ordered: (a, b) => Date.parse(a.startsAt) >= Date.parse(b.startsAt),
    });
    const nov = await expectCursorList<{ id: string; startsAt: string }>(
      head,
      `/api/meetings?divisionId=${trade}&month=2026-11`,
      {
        limit: 2,
        expected: (await walkPages<{ id: string }>(head, `/api/meetings?divisionId=${trade}&month=2026-11`)).items.map(
          (m) => m.id,
        ),
        idOf: (m) => m.id,
        ordered: (a, b) => Date.parse(a.startsAt) >= Date.parse(b.startsAt),
      },
    );
    const ids = nov.map((m) => m.id);
    for (const m of meetings.slice(0, 5)) expect(ids).toContain(m.id);
    for (const m of meetings.slice(5)) expect(ids).not.toContain(m.id);
    expect(nov).toHaveLength(9); // five planned + four held in November
  });

  it('GET /api/topics: latest change first; the pool filter holds across pages', async () => {
    const all = await expectCursorList<{ id: string; updatedAt: string }>(head, `/api/topics?divisionId=${trade}`, {
      limit: 4,
      expected: (await walkPages<{ id: string }>(head, `/api/topics?divisionId=${trade}`)).items.map((t) => t.id),
      idOf: (t) => t.id,
      ordered: (a, b) => a.updatedAt >= b.updatedAt,
    });
    for (const t of [...fundsTopics, ...poolTopics]) expect(all.map((x) => x.id)).toContain(t.id);
    await expectCursorList<{ id: string; updatedAt: string; status: string }>(
      head,
      `/api/topics?divisionId=${trade}&pool=true`,
      {
        limit: 4,
        expected: poolTopics.map((t) => t.id),
        idOf: (t) => t.id,
        ordered: (a, b) => a.updatedAt >= b.updatedAt && b.status === 'approved',
      },
    );
  });

  it('R4.1: GET /api/decided-matters pages a year of decided larger matters, newest meeting first', async () => {
    await expectCursorList<{ topicId: string; meetingDay: string; matterFlags: string[] }>(
      jiancha,
      `/api/decided-matters?year=2026&divisionId=${trade}`,
      {
        limit: 3,
        expected: fundsTopics.map((t) => t.id),
        idOf: (d) => d.topicId,
        ordered: (a, b) => a.meetingDay >= b.meetingDay && b.matterFlags.includes('funds'),
      },
    );
    const next = await jiancha.get(`/api/decided-matters?year=2027&divisionId=${trade}`);
    expect(next.json()).toEqual({ items: [], nextCursor: null });
  });

  it('R5.9/R5.10: the 待阅 list and the 报备 inbox page newest first; the state filter holds across pages', async () => {
    const byTime = (a: DistributionEntryDto, b: DistributionEntryDto) => a.sentAt >= b.sentAt;
    const reading = await expectCursorList<DistributionEntryDto>(staff, '/api/distributions?box=reading&state=all', {
      limit: 3,
      expected: (await walkPages<DistributionEntryDto>(staff, '/api/distributions?box=reading&state=all')).items.map(
        (e) => e.id,
      ),
      idOf: (e) => e.id,
      ordered: byTime,
    });
    expect(reading).toHaveLength(4);
    const first = reading[0] as DistributionEntryDto;
    expect((await staff.post(`/api/distributions/${first.id}/read`)).statusCode).toBe(200);
    await expectCursorList<DistributionEntryDto>(staff, '/api/distributions?box=reading&state=open', {
      limit: 2,
      expected: reading.slice(1).map((e) => e.id),
      idOf: (e) => e.id,
      ordered: byTime,
    });
    const filings = await expectCursorList<DistributionEntryDto>(jiancha, '/api/distributions?box=filing&state=all', {
      limit: 3,
      expected: (await walkPages<DistributionEntryDto>(jiancha, '/api/distributions?box=filing&state=all')).items.map(
        (e) => e.id,
      ),
      idOf: (e) => e.id,
      ordered: byTime,
    });
    expect(filings).toHaveLength(4);
  });

  it('R5.8: GET /api/distribution-deadlines pages by meeting day; the year filter holds across pages', async () => {
    const rows = await expectCursorList<{ meetingId: string; meetingDay: string }>(
      jiancha,
      '/api/distribution-deadlines?year=2026',
      {
        limit: 3,
        expected: (await walkPages<{ meetingId: string }>(jiancha, '/api/distribution-deadlines')).items.map(
          (r) => r.meetingId,
        ),
        idOf: (r) => r.meetingId,
        ordered: (a, b) => a.meetingDay >= b.meetingDay,
      },
    );
    expect(rows).toHaveLength(4);
    expect((await jiancha.get('/api/distribution-deadlines?year=2025')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('GET /api/notices pages newest first with the unread count on every page; the unread filter holds', async () => {
    const k = h.s.db.kysely;
    const me = await k
      .selectFrom('users')
      .select(['id', 'unit_id'])
      .where('username', '=', 'staff')
      .executeTakeFirstOrThrow();
    const at = '2026-11-20T02:00:00.000Z';
    const made = Array.from({ length: 5 }, (_, i) => ({
      id: randomUUID(),
      unit_id: me.unit_id,
      user_id: me.id,
      kind: 'test',
      subject_type: 'meeting',
      subject_id: meetings[0]?.id ?? '',
      title: `通知${i}`,
      body: '分页测试',
      created_at: at, // one instant: the id breaks the tie
      read_at: i < 2 ? at : null,
    }));
    await k.insertInto('notices').values(made).execute();
    const all = await expectCursorList<{ id: string; createdAt: string }>(staff, '/api/notices', {
      limit: 2,
      expected: (await k.selectFrom('notices').select('id').where('user_id', '=', me.id).execute()).map((n) => n.id),
      idOf: (n) => n.id,
      ordered: (a, b) => a.createdAt >= b.createdAt,
    });
    expect(
      all
        .slice(0, 5)
        .map((n) => n.id)
        .sort(),
    ).toEqual(made.map((n) => n.id).sort());
    const unreadIds = (
      await k.selectFrom('notices').select('id').where('user_id', '=', me.id).where('read_at', 'is', null).execute()
    ).map((n) => n.id);
    await expectCursorList<{ id: string; createdAt: string; readAt: string | null }>(
      staff,
      '/api/notices?unread=true',
      {
        limit: 2,
        expected: unreadIds,
        idOf: (n) => n.id,
        ordered: (a, b) => a.createdAt >= b.createdAt && b.readAt === null,
      },
    );
    const page = (await staff.get('/api/notices?limit=1')).json() as { unread: number; nextCursor: string };
    expect(page.unread).toBe(unreadIds.length);
    expect(
      ((await staff.get(`/api/notices?limit=1&cursor=${page.nextCursor}`)).json() as { unread: number }).unread,
    ).toBe(unreadIds.length);
  });

  it('GET /api/audit/events pages by seq, newest first; the filters hold across pages', async () => {
    const logins = await expectCursorList<{ seq: number; action: string; outcome: string }>(
      auditor,
      '/api/audit/events?action=auth.login&outcome=success',
      {
        limit: 5,
        expected: (
          await h.s.db.kysely
            .selectFrom('audit_events')
            .select('seq')
            .where('action', '=', 'auth.login')
            .where('outcome', '=', 'success')
            .execute()
        ).map((e) => String(e.seq)),
        idOf: (e) => String(e.seq),
        ordered: (a, b) => a.seq > b.seq && b.action === 'auth.login',
      },
    );
    expect(logins.length).toBeGreaterThan(10);
    // A cursor of the right shape but a string where the seq goes is refused too.
    const tampered = Buffer.from(JSON.stringify(['9999'])).toString('base64url');
    expect((await auditor.get(`/api/audit/events?cursor=${tampered}`)).statusCode).toBe(400);
  });

  it('GET /api/admin/users pages by username; search and division filters hold across pages', async () => {
    const all = await expectCursorList<{ id: string; username: string }>(admin, '/api/admin/users', {
      limit: 4,
      expected: (await h.s.db.kysely.selectFrom('users').select('id').execute()).map((u) => u.id),
      idOf: (u) => u.id,
      ordered: (a, b) => a.username < b.username,
    });
    expect(all.length).toBeGreaterThan(30);
    const inTrade = await expectCursorList<{ id: string; username: string }>(
      admin,
      `/api/admin/users?divisionId=${trade}`,
      {
        limit: 2,
        expected: (
          await h.s.db.kysely.selectFrom('memberships').select('user_id').where('division_id', '=', trade).execute()
        ).map((m) => m.user_id),
        idOf: (u) => u.id,
        ordered: (a, b) => a.username < b.username,
      },
    );
    expect(inTrade).toHaveLength(7);
  });
});
