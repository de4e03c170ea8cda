import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { race, statuses } from './race.js';
import { makeHarness, type Client, type Harness } from './harness.js';
import { PDF, PLAIN_TOPIC } from './fixtures.js';
import { headTopicIds, holdMeeting, issueAt } from './flows.js';
import { createApp } from '../app.js';
import { routeCollector } from './fuzz-support.js';
import type { MeetingDto } from '../../core/contracts/meetings.js';
import type { MinutesDto } from '../../core/contracts/minutes.js';
import type { TopicDto } from '../../core/contracts/topics.js';
import type { DistributionEntryDto } from '../../core/contracts/distribution.js';
import type { TrackingDetailDto, TrackingItemDto } from '../../core/contracts/tracking.js';
import type { CaseDetailDto } from '../../core/contracts/accountability.js';

/**
 * Every write endpoint, the same request three times at once, on both
 * databases: never a 5xx, every refusal a 4xx with a code, and where a version
 * or a state decides, exactly one winner. `races.test.ts` proves the named
 * races in depth; this sweep makes sure no write route is left out.
 */
const N = 3;
const fired = new Set<string>();

describe('every write endpoint, three times at once', () => {
  let h: Harness;
  let admin: Client, head: Client, staff: Client, recorder: Client, jiancha: Client, office: Client;
  let trade: string;

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
  });
  afterAll(async () => h.close());
  const relogin = async () => {
    admin = await h.login('admin');
    head = await h.login('head');
    staff = await h.login('staff');
    recorder = await h.login('recorder');
    jiancha = await h.login('jiancha');
    office = await h.login('zhouxuemei');
  };

  /** Fires the request N times at once; returns the sorted statuses. */
  async function thrice(key: string, fire: () => Promise<LightMyRequestResponse>): Promise<number[]> {
    fired.add(key);
    const all = await race(N, fire, key);
    if (process.env.SWEEP_DEBUG)
      console.log(
        key,
        all.map((r) => `${r.statusCode} ${r.body.slice(0, 160)}`),
      );
    return statuses(all);
  }
  const oneWinner = (ok = 200) => [ok, ...Array<number>(N - 1).fill(409)];

  it('organisation and settings (the system and security admins)', async () => {
    await relogin();
    expect(
      await thrice('POST /api/admin/divisions', () =>
        admin.post('/api/admin/divisions', { name: '会展处', kind: 'business' }),
      ),
    ).toEqual(oneWinner(201));
    const divisions = (await admin.get('/api/admin/divisions')).json() as Array<{
      id: string;
      name: string;
      version: number;
    }>;
    const expo = divisions.find((d) => d.name === '会展处');
    expect(
      await thrice('PATCH /api/admin/divisions/:id', () =>
        admin.patch(`/api/admin/divisions/${expo?.id}`, { version: expo?.version, sortOrder: 99 }),
      ),
    ).toEqual(oneWinner());
    const tradeDivision = divisions.find((d) => d.name === '对外贸易处');
    const tradeMembers = (await admin.get(`/api/admin/divisions/${trade}/members`)).json() as {
      members: Array<{ userId: string }>;
    };
    expect(
      await thrice('PUT /api/admin/divisions/:id/member-order', () =>
        admin.put(`/api/admin/divisions/${trade}/member-order`, {
          version: tradeDivision?.version,
          order: tradeMembers.members.map((m, i) => ({ userId: m.userId, sortOrder: (i + 1) * 10 })),
        }),
      ),
    ).toEqual(oneWinner());
    expect(
      await thrice('POST /api/admin/users', () =>
        admin.post('/api/admin/users', { username: 'newstaff', displayName: '新同事' }),
      ),
    ).toEqual(oneWinner(201));
    const user = (
      (await admin.get('/api/admin/users?q=newstaff')).json() as { items: Array<{ id: string; version: number }> }
    ).items[0];
    expect(
      await thrice('PATCH /api/admin/users/:id', () =>
        admin.patch(`/api/admin/users/${user?.id}`, { version: user?.version, phone: '12345' }),
      ),
    ).toEqual(oneWinner());
    await thrice('PUT /api/admin/users/:id/memberships', () =>
      admin.put(`/api/admin/users/${user?.id}/memberships`, {
        memberships: [{ divisionId: expo?.id, position: 'staff', isRecorder: false }],
      }),
    );
    await thrice('PUT /api/admin/users/:id/roles', () =>
      admin.put(`/api/admin/users/${user?.id}/roles`, { roles: [] }),
    );
    await thrice('POST /api/admin/users/:id/reset-password', () =>
      admin.post(`/api/admin/users/${user?.id}/reset-password`),
    );
    await thrice('POST /api/admin/users/:id/unlock', () => admin.post(`/api/admin/users/${user?.id}/unlock`));
    const after = (await admin.get(`/api/admin/users/${user?.id}`)).json() as { memberships: unknown[] };
    expect(after.memberships).toHaveLength(1);
    const sec = await h.login('secadmin');
    await thrice('POST /api/admin/users/:id/lock', () => sec.post(`/api/admin/users/${user?.id}/lock`));
    expect(((await admin.get(`/api/admin/users/${user?.id}`)).json() as { locked: boolean }).locked).toBe(true);
    await sec.post(`/api/admin/users/${user?.id}/unlock`);
    const security = (await sec.get('/api/admin/settings/security')).json() as { value: object; version: number };
    expect(
      await thrice('PUT /api/admin/settings/security', () =>
        sec.put('/api/admin/settings/security', { value: security.value, version: security.version }),
      ),
    ).toEqual(oneWinner());
    const regime = (await admin.get('/api/settings/regime')).json() as { value: object; version: number };
    expect(
      await thrice('PUT /api/admin/settings/regime', () =>
        admin.put('/api/admin/settings/regime', { value: regime.value, version: regime.version }),
      ),
    ).toEqual(oneWinner());
  });

  it('calendar upkeep by the general office', async () => {
    await relogin();
    const schedule = { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };
    await thrice('POST /api/calendar/schedules', () => office.post('/api/calendar/schedules', schedule));
    await thrice('PUT /api/calendar/overrides/:date', () =>
      office.put('/api/calendar/overrides/2027-01-04', { isOffDay: true, name: '调休' }),
    );
    await thrice('DELETE /api/calendar/overrides/:date', () => office.del('/api/calendar/overrides/2027-01-04'));
    await thrice('DELETE /api/calendar/schedules/:year', () => office.del('/api/calendar/schedules/2027'));
    const left = await h.s.db.kysely.selectFrom('calendar_overrides').select('date').execute();
    expect(left).toEqual([]);
  });

  it('topics: create, edit, flags, return, withdraw, attachments', async () => {
    h.clock.set('2026-11-16T09:00:00+08:00');
    await relogin();
    // Three creations are three topics: a POST without an identity is not deduplicated, and nothing is lost.
    expect(
      await thrice('POST /api/topics', () =>
        staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: '三次提交' }),
      ),
    ).toEqual([201, 201, 201]);
    const t = (
      await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: '并发修改' })
    ).json() as TopicDto;
    expect(
      await thrice('PUT /api/topics/:id', () =>
        staff.put(`/api/topics/${t.id}`, { ...PLAIN_TOPIC, title: '改后标题', version: t.version }),
      ),
    ).toEqual(oneWinner());
    const up = await h.app.inject({
      method: 'POST',
      url: `/api/topics/${t.id}/attachments`,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': 'a.pdf',
      },
      payload: PDF,
    });
    const att = up.json() as { id: string };
    const removed = await thrice('DELETE /api/topics/:id/attachments/:attachmentId', () =>
      staff.del(`/api/topics/${t.id}/attachments/${att.id}`),
    );
    expect(removed.filter((s) => s < 300)).toHaveLength(1);
    const sub = (await staff.post(`/api/topics/${t.id}/submit`, { version: t.version + 1 })).json() as TopicDto;
    expect(
      await thrice('POST /api/topics/:id/flags', () =>
        head.post(`/api/topics/${t.id}/flags`, { version: sub.version, add: ['project'] }),
      ),
    ).toEqual(oneWinner());
    expect(
      await thrice('POST /api/topics/:id/return', () =>
        head.post(`/api/topics/${t.id}/return`, { version: sub.version + 1, reason: '补充材料' }),
      ),
    ).toEqual(oneWinner());
    expect(
      await thrice('POST /api/topics/:id/withdraw', () =>
        staff.post(`/api/topics/${t.id}/withdraw`, { version: sub.version + 2 }),
      ),
    ).toEqual(oneWinner());
  });

  it('meetings: edit, cancel, receipts, attendance, outcome, check-in, paper minutes, the feed', async () => {
    h.clock.set('2026-11-17T09:00:00+08:00');
    await relogin();
    let m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-17T10:00:00+08:00',
        place: '一室',
        agenda: await headTopicIds(head, trade, '并发会议议题'),
      })
    ).json() as MeetingDto;
    expect(
      await thrice('PATCH /api/meetings/:id', () =>
        head.patch(`/api/meetings/${m.id}`, { version: m.version, place: '二室' }),
      ),
    ).toEqual(oneWinner());
    m = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/notify`, { version: m.version })).json() as MeetingDto;
    expect(await thrice('POST /api/meetings/:id/read', () => staff.post(`/api/meetings/${m.id}/read`))).toEqual([
      204, 204, 204,
    ]);
    const other = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'urgent',
        startsAt: '2026-11-18T10:00:00+08:00',
        place: '三室',
        agenda: await headTopicIds(head, trade, '将取消的议题'),
      })
    ).json() as MeetingDto;
    expect(
      await thrice('POST /api/meetings/:id/cancel', () =>
        head.post(`/api/meetings/${other.id}/cancel`, { version: other.version, reason: '改期' }),
      ),
    ).toEqual(oneWinner());
    h.clock.set('2026-11-17T10:00:00+08:00');
    await relogin();
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    const marks = [{ userId: await h.userId('staff'), attendance: 'present' }];
    expect(
      await thrice('POST /api/meetings/:id/attendance', () =>
        recorder.post(`/api/meetings/${m.id}/attendance`, { marks }),
      ),
    ).toEqual([200, 200, 200]);
    const { token } = (await recorder.get(`/api/meetings/${m.id}/checkin-token`)).json() as { token: string };
    // A scan without a session: the same fresh code exchanged three times at once, three valid tickets.
    expect(
      await thrice('POST /api/meetings/:id/checkin-ticket', () =>
        h.anon('POST', `/api/meetings/${m.id}/checkin-ticket`, { token }),
      ),
    ).toEqual([200, 200, 200]);
    const yangfan = await h.login('yangfan');
    expect(
      await thrice('POST /api/meetings/:id/check-in', () => yangfan.post(`/api/meetings/${m.id}/check-in`, { token })),
    ).toEqual([200, 200, 200]);
    const checked = await h.s.db.kysely
      .selectFrom('participants')
      .select('attendance')
      .where('meeting_id', '=', m.id)
      .where('user_id', '=', await h.userId('yangfan'))
      .execute();
    expect(checked).toEqual([{ attendance: 'present' }]);
    const t = m.agenda[0]?.topicId ?? '';
    expect(
      await thrice('PUT /api/meetings/:id/agenda/:topicId/outcome', () =>
        head.put(`/api/meetings/${m.id}/agenda/${t}/outcome`, { outcome: 'deferred' }),
      ),
    ).toEqual([200, 200, 200]);
    await thrice('POST /api/me/calendar-feed', () => staff.post('/api/me/calendar-feed'));
    // 补录: the paper minutes, uploaded three times at once.
    h.clock.set('2026-11-17T16:00:00+08:00');
    await relogin();
    const b = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-16T09:00:00+08:00',
        place: '线下',
        agenda: await headTopicIds(head, trade, '补录议题'),
        backfill: { reason: '系统维护期间线下召开' },
      })
    ).json() as MeetingDto;
    await thrice('PUT /api/meetings/:id/paper-minutes', () =>
      h.app.inject({
        method: 'PUT',
        url: `/api/meetings/${b.id}/paper-minutes`,
        headers: {
          cookie: head.cookie,
          'x-csrf-token': head.csrf,
          'content-type': 'application/octet-stream',
          'x-filename': 'paper.pdf',
        },
        payload: PDF,
      }),
    );
  });

  it('minutes, distribution and notices', async () => {
    const m = await holdMeeting(h, '2026-11-19T09:00:00+08:00', '并发纪要会');
    h.clock.set('2026-11-19T14:00:00+08:00');
    await relogin();
    let d = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    expect(
      await thrice('PUT /api/minutes/:id', () =>
        recorder.put(`/api/minutes/${d.id}`, {
          version: d.version,
          sections: d.content.sections.map((s) => ({ topicId: s.topicId, narrative: '并发修改' })),
        }),
      ),
    ).toEqual(oneWinner());
    d = (await recorder.get(`/api/minutes/${d.id}`)).json() as MinutesDto;
    d = (await recorder.post(`/api/minutes/${d.id}/submit`, { version: d.version })).json() as MinutesDto;
    expect(
      await thrice('POST /api/minutes/:id/return', () =>
        head.post(`/api/minutes/${d.id}/return`, { version: d.version }),
      ),
    ).toEqual(oneWinner());
    h.clock.set('2026-11-19T16:00:00+08:00');
    await relogin();
    d = (await recorder.get(`/api/minutes/${d.id}`)).json() as MinutesDto;
    d = (await recorder.post(`/api/minutes/${d.id}/submit`, { version: d.version })).json() as MinutesDto;
    const issued = (await head.post(`/api/minutes/${d.id}/issue`, { version: d.version })).json() as MinutesDto;
    expect(issued.status).toBe('issued');
    const inbox = (
      (await staff.get('/api/distributions?box=reading&state=open')).json() as { items: DistributionEntryDto[] }
    ).items;
    const entry = inbox.find((e) => e.minutesId === issued.id);
    expect(
      await thrice('POST /api/distributions/:id/read', () => staff.post(`/api/distributions/${entry?.id}/read`)),
    ).toEqual([200, 200, 200]);
    const reads = await h.s.db.kysely
      .selectFrom('distribution_entries')
      .select('read_at')
      .where('id', '=', entry?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(reads.read_at).toBe('2026-11-19T08:00:00.000Z');
    const filing = (
      (await jiancha.get('/api/distributions?box=filing&state=open')).json() as { items: DistributionEntryDto[] }
    ).items.find((e) => e.minutesId === issued.id);
    expect(
      await thrice('POST /api/distributions/:id/receive', () =>
        jiancha.post(`/api/distributions/${filing?.id}/receive`),
      ),
    ).toEqual([200, 200, 200]);
    const notice = ((await staff.get('/api/notices')).json() as { items: Array<{ id: string }> }).items[0];
    await thrice('POST /api/notices/:id/read', () => staff.post(`/api/notices/${notice?.id}/read`));
    await thrice('POST /api/notices/read-all', () => staff.post('/api/notices/read-all'));
  });

  it('tracking (督办, R6.2): every command on an item', async () => {
    const earlier = (
      (await (await h.login('head')).get('/api/tracking/items?scope=division&needsCompletion=true')).json() as {
        items: TrackingItemDto[];
      }
    ).items[0];
    const staffId = await h.userId('staff');
    const m = await holdMeeting(h, '2026-11-23T09:00:00+08:00', '并发督办会', {
      decisions: [
        { text: '并发补全', outcome: 'adopted', deadline: null },
        { text: '并发办理', outcome: 'adopted', responsibleUserId: staffId, deadline: '2026-12-31' },
      ],
    });
    const issued = await issueAt(h, m.id, '2026-11-23T15:00:00+08:00');
    h.clock.set('2026-11-24T10:00:00+08:00');
    await relogin();
    const items = (
      (await head.get(`/api/tracking/items?scope=division&sourceMinutesId=${issued.id}`)).json() as {
        items: TrackingItemDto[];
      }
    ).items;
    const open = items.find((i) => i.decisionText === '并发补全');
    const work = items.find((i) => i.decisionText === '并发办理');
    if (!open || !work || !earlier) throw new Error('items missing');
    const url = (id: string, tail: string) => `/api/tracking/items/${id}/${tail}`;
    expect(
      await thrice('POST /api/tracking/items/:id/assign', () =>
        head.post(url(open.id, 'assign'), {
          version: open.version,
          responsibleUserId: staffId,
          deadline: '2026-12-31',
        }),
      ),
    ).toEqual(oneWinner());
    const uploads: string[] = [];
    expect(
      await thrice('POST /api/tracking/items/:id/attachments', async () => {
        const r = await h.app.inject({
          method: 'POST',
          url: url(work.id, 'attachments'),
          headers: {
            cookie: staff.cookie,
            'x-csrf-token': staff.csrf,
            'content-type': 'application/octet-stream',
            'x-filename': 'evidence.pdf',
          },
          payload: PDF,
        });
        if (r.statusCode === 201) uploads.push((r.json() as { id: string }).id);
        return r;
      }),
    ).toEqual([201, 201, 201]);
    let v = work.version;
    const cur = async () =>
      (v = ((await head.get(`/api/tracking/items/${work.id}`)).json() as TrackingItemDto).version);
    expect(
      await thrice('POST /api/tracking/items/:id/reports', () =>
        staff.post(url(work.id, 'reports'), { version: v, text: '进展' }),
      ),
    ).toEqual(oneWinner());
    await cur();
    expect(
      await thrice('POST /api/tracking/items/:id/extensions', () =>
        staff.post(url(work.id, 'extensions'), { version: v, reason: '延期', newDeadline: '2027-01-29' }),
      ),
    ).toEqual(oneWinner());
    const ext = ((await head.get(`/api/tracking/items/${work.id}`)).json() as TrackingDetailDto).extensionRequests[0];
    await cur();
    expect(
      await thrice('POST /api/tracking/items/:id/extensions/:extensionId/decide', () =>
        head.post(url(work.id, `extensions/${ext?.id}/decide`), { version: v, approve: true }),
      ),
    ).toEqual(oneWinner());
    await cur();
    expect(
      await thrice('POST /api/tracking/items/:id/completion', () =>
        staff.post(url(work.id, 'completion'), { version: v, text: '完成', attachmentIds: [uploads[0]] }),
      ),
    ).toEqual(oneWinner());
    await cur();
    expect(
      await thrice('POST /api/tracking/items/:id/return', () =>
        head.post(url(work.id, 'return'), { version: v, reason: '补充' }),
      ),
    ).toEqual(oneWinner());
    await cur();
    await staff.post(url(work.id, 'completion'), { version: v, text: '已补充', attachmentIds: [uploads[1]] });
    await cur();
    expect(
      await thrice('POST /api/tracking/items/:id/confirm', () => head.post(url(work.id, 'confirm'), { version: v })),
    ).toEqual(oneWinner());
    await cur();
    expect(
      await thrice('POST /api/tracking/items/:id/verify', () => jiancha.post(url(work.id, 'verify'), { version: v })),
    ).toEqual(oneWinner());
    expect(
      await thrice('POST /api/tracking/items/:id/terminate', () =>
        head.post(url(earlier.id, 'terminate'), {
          version: earlier.version,
          referenceNumber: issued.number,
          reason: '后续会议决定不再推进',
        }),
      ),
    ).toEqual(oneWinner());
  });

  it('accountability cases (问责, R6.3): opening and every step', async () => {
    h.clock.set('2026-11-25T10:00:00+08:00');
    await relogin();
    const jiwei = await h.login('jiwei');
    const zhugang = await h.login('zhugang');
    const investment = await h.divisionId('外商投资管理处');
    // One open case per breach: three openings of the same missed month at once make one case.
    expect(
      await thrice('POST /api/cases', () =>
        jiancha.post('/api/cases', { kind: 'monthly_meeting', divisionId: investment, month: '2026-10' }),
      ),
    ).toEqual(oneWinner(201));
    const list = (await jiancha.get('/api/cases')).json() as { items: Array<{ id: string }> };
    const id = list.items[0]?.id ?? '';
    let v = 0;
    const cur = async () => (v = ((await jiancha.get(`/api/cases/${id}`)).json() as CaseDetailDto).version);
    const step = (c: Client, tail: string, body: object) => () =>
      c.post(`/api/cases/${id}/${tail}`, { version: v, ...body });
    await cur();
    expect(await thrice('POST /api/cases/:id/preliminary', step(jiancha, 'preliminary', {}))).toEqual(oneWinner());
    await cur();
    expect(await thrice('POST /api/cases/:id/file', step(jiancha, 'file', {}))).toEqual(oneWinner());
    await cur();
    expect(
      await thrice('POST /api/cases/:id/investigate', step(jiancha, 'investigate', { notice: '请书面说明' })),
    ).toEqual(oneWinner());
    expect(
      await thrice('POST /api/cases/:id/attachments', () =>
        h.app.inject({
          method: 'POST',
          url: `/api/cases/${id}/attachments`,
          headers: {
            cookie: zhugang.cookie,
            'x-csrf-token': zhugang.csrf,
            'content-type': 'application/octet-stream',
            'x-filename': 'statement.pdf',
          },
          payload: PDF,
        }),
      ),
    ).toEqual([201, 201, 201]);
    await cur();
    expect(await thrice('POST /api/cases/:id/statements', step(zhugang, 'statements', { text: '说明' }))).toEqual(
      oneWinner(),
    );
    await cur();
    expect(await thrice('POST /api/cases/:id/evidence', step(jiancha, 'evidence', { text: '新的事实' }))).toEqual(
      oneWinner(),
    );
    await cur();
    expect(
      await thrice(
        'POST /api/cases/:id/propose',
        step(jiancha, 'propose', { measure: '批评教育', reason: '情节轻微' }),
      ),
    ).toEqual(oneWinner());
    await cur();
    expect(
      await thrice(
        'POST /api/cases/:id/decide',
        step(jiwei, 'decide', {
          measure: '批评教育',
          decidedBy: '局党组会议',
          decidedOn: '2026-11-25',
          meetingReference: '局党组会议2026年第20次',
          text: '予以批评教育',
        }),
      ),
    ).toEqual(oneWinner());
    await cur();
    expect(await thrice('POST /api/cases/:id/archive', step(jiancha, 'archive', {}))).toEqual(oneWinner());
    const other = (
      await jiancha.post('/api/cases', { kind: 'other', title: '并发不予立案', description: '线索' })
    ).json() as CaseDetailDto;
    const pre = (
      await jiancha.post(`/api/cases/${other.id}/preliminary`, { version: other.version })
    ).json() as CaseDetailDto;
    expect(
      await thrice('POST /api/cases/:id/dismiss', () =>
        jiancha.post(`/api/cases/${other.id}/dismiss`, { version: pre.version, reason: '查无实据' }),
      ),
    ).toEqual(oneWinner());
    const evidence = await h.s.db.kysely
      .selectFrom('case_evidence')
      .select('kind')
      .where('case_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(evidence.map((e) => e.kind)).toEqual(['bundle', 'statement', 'fact']);
  });

  it('registers (登记簿, R4.1): import, confirm, dismiss and reopen', async () => {
    await holdMeeting(h, '2026-11-26T09:00:00+08:00', '资金例会', {
      topic: {
        title: '外贸企业参展补助资金分配方案',
        description: '研究资金安排。',
        category: '专项资金的使用和分配',
        matterFlags: ['funds'],
        fundsAmountYuan: '100000.00',
        important: false,
      },
    });
    h.clock.set('2026-11-30T10:00:00+08:00');
    await relogin();
    const csv = Buffer.from(
      '处室,日期,金额（元）,事项\n对外贸易处,2026-11-27,100000,参展补助资金拨付\n对外贸易处,2026-11-28,98000,参展补助资金第二批\n',
    );
    expect(
      await thrice('POST /api/registers/import/:kind', () =>
        h.app.inject({
          method: 'POST',
          url: '/api/registers/import/funds',
          headers: {
            cookie: jiancha.cookie,
            'x-csrf-token': jiancha.csrf,
            'content-type': 'application/octet-stream',
            'x-filename': 'funds.csv',
          },
          payload: csv,
        }),
      ),
    ).toEqual(oneWinner(201)); // the same file: REGISTER_ALREADY_IMPORTED for the others
    const registers = (await jiancha.get('/api/registers')).json() as { items: Array<{ id: string }> };
    const lines = (await jiancha.get(`/api/registers/${registers.items[0]?.id}/lines`)).json() as {
      items: Array<{ id: string; version: number; state: string }>;
    };
    expect(lines.items.map((l) => l.state)).toEqual(['proposed', 'proposed']);
    const [a, b] = lines.items;
    expect(
      await thrice('POST /api/registers/lines/:id/confirm', () =>
        office.post(`/api/registers/lines/${a?.id}/confirm`, { version: a?.version }),
      ),
    ).toEqual(oneWinner());
    expect(
      await thrice('POST /api/registers/lines/:id/dismiss', () =>
        jiancha.post(`/api/registers/lines/${b?.id}/dismiss`, { version: b?.version, reason: '金额不符' }),
      ),
    ).toEqual(oneWinner());
    expect(
      await thrice('POST /api/registers/lines/:id/reopen', () =>
        office.post(`/api/registers/lines/${b?.id}/reopen`, { version: (b?.version ?? 0) + 1, reason: '驳回有误' }),
      ),
    ).toEqual(oneWinner());
  });

  it('R6.4: inspections and rectification (plan, sample, checklist, start, results, findings, 整改, 通报)', async () => {
    // An issued minutes of 对外贸易处 in October 2026 to sample; then the office works on 11-02.
    const m = await holdMeeting(h, '2026-10-13T09:00:00+08:00', '十月例会（专项检查）');
    await issueAt(h, m.id, '2026-10-13T16:00:00+08:00');
    h.clock.set('2026-11-02T09:30:00+08:00');
    await relogin();
    const plan = {
      title: '并发检查',
      from: '2026-10',
      to: '2026-10',
      divisionIds: [trade],
      checks: ['fidelity'],
      sampleSize: 1,
    };
    type Insp = {
      id: string;
      version: number;
      samples: Array<{ id: string }>;
      items: Array<{ id: string }>;
      findingsList: Array<{ id: string; version: number }>;
    };
    expect(await thrice('POST /api/inspections', () => jiancha.post('/api/inspections', plan))).toEqual([
      201, 201, 201,
    ]);
    let d = (await jiancha.post('/api/inspections', plan)).json() as Insp;
    const v = d.version;
    expect(
      await thrice('POST /api/inspections/:id/sample', () =>
        office.post(`/api/inspections/${d.id}/sample`, { version: v, seed: 'abc' }),
      ),
    ).toEqual(oneWinner());
    d = (await jiancha.get(`/api/inspections/${d.id}`)).json() as Insp;
    const items = [{ clause: 'R5.4', text: '不同意见如实记入纪要' }];
    expect(
      await thrice('PUT /api/inspections/:id/checklist', () =>
        jiancha.put(`/api/inspections/${d.id}/checklist`, { version: d.version, items }),
      ),
    ).toEqual(oneWinner());
    d = (await jiancha.get(`/api/inspections/${d.id}`)).json() as Insp;
    expect(
      await thrice('POST /api/inspections/:id/start', () =>
        jiancha.post(`/api/inspections/${d.id}/start`, { version: d.version }),
      ),
    ).toEqual(oneWinner());
    d = (await jiancha.get(`/api/inspections/${d.id}`)).json() as Insp;
    expect(
      await thrice('PUT /api/inspections/:id/results', () =>
        jiancha.put(`/api/inspections/${d.id}/results`, {
          sampleId: d.samples[0]?.id,
          itemId: d.items[0]?.id,
          result: 'pass',
          evidence: [],
          version: 0,
        }),
      ),
    ).toEqual(oneWinner());
    // Three findings at once are three findings, numbered 1–3 under the inspection's lock.
    expect(
      await thrice('POST /api/inspections/:id/findings', () =>
        office.post(`/api/inspections/${d.id}/findings`, {
          divisionId: trade,
          clause: 'R5.4',
          description: '并发登记',
          evidence: [],
        }),
      ),
    ).toEqual([201, 201, 201]);
    d = (await jiancha.get(`/api/inspections/${d.id}`)).json() as Insp;
    expect(d.findingsList).toHaveLength(3);
    let f = d.findingsList[0]!;
    expect(
      await thrice('POST /api/rectifications/:id/notify', () =>
        jiancha.post(`/api/rectifications/${f.id}/notify`, { version: f.version, workingDays: 5, text: '请整改' }),
      ),
    ).toEqual(oneWinner());
    f = (await jiancha.get(`/api/rectifications/${f.id}`)).json() as typeof f;
    const upload = () =>
      h.app.inject({
        method: 'POST',
        url: `/api/rectifications/${f.id}/files`,
        headers: {
          cookie: head.cookie,
          'x-csrf-token': head.csrf,
          'content-type': 'application/octet-stream',
          'x-filename': 'evidence.pdf',
        },
        payload: PDF,
      });
    expect(await thrice('POST /api/rectifications/:id/files', upload)).toEqual([201, 201, 201]);
    expect(
      await thrice('POST /api/rectifications/:id/report', () =>
        head.post(`/api/rectifications/${f.id}/report`, { version: f.version, text: '已整改' }),
      ),
    ).toEqual(oneWinner());
    f = (await jiancha.get(`/api/rectifications/${f.id}`)).json() as typeof f;
    expect(
      await thrice('POST /api/rectifications/:id/return', () =>
        jiancha.post(`/api/rectifications/${f.id}/return`, { version: f.version, reason: '不到位', workingDays: 3 }),
      ),
    ).toEqual(oneWinner());
    f = (await jiancha.get(`/api/rectifications/${f.id}`)).json() as typeof f;
    f = (
      await head.post(`/api/rectifications/${f.id}/report`, { version: f.version, text: '再次整改' })
    ).json() as typeof f;
    expect(
      await thrice('POST /api/rectifications/:id/close', () =>
        jiancha.post(`/api/rectifications/${f.id}/close`, { version: f.version }),
      ),
    ).toEqual(oneWinner());
    d = (await jiancha.get(`/api/inspections/${d.id}`)).json() as Insp;
    expect(
      await thrice('POST /api/inspections/:id/conclude', () =>
        jiancha.post(`/api/inspections/${d.id}/conclude`, { version: d.version, summary: '并发形成通报' }),
      ),
    ).toEqual(oneWinner());
  });

  it('one’s own session: password change and logout', async () => {
    await relogin();
    const jw = await h.login('jiwei');
    const changed = await thrice('POST /api/auth/password', () =>
      jw.post('/api/auth/password', { currentPassword: 'Demo@2026', newPassword: 'Another#2026x' }),
    );
    // The same change three times: whichever lands, the password is the new one.
    expect(changed.filter((s) => s < 300).length).toBeGreaterThanOrEqual(1);
    const again = await h.login('jiwei', 'Another#2026x');
    await thrice('POST /api/auth/logout', () => again.post('/api/auth/logout'));
  });

  it('no write endpoint is left out of the sweep or the named races', async () => {
    const named = [
      'POST /api/meetings/:id/minutes',
      'POST /api/meetings',
      'POST /api/topics/:id/attachments',
      'PUT /api/divisions/:id/delegations',
      'POST /api/minutes/:id/correct',
      'PUT /api/meetings/:id/record/:topicId',
      'POST /api/topics/:id/submit',
      'POST /api/topics/:id/approve',
      'POST /api/meetings/:id/notify',
      'POST /api/meetings/:id/leave',
      'POST /api/meetings/:id/start',
      'POST /api/meetings/:id/close',
      'POST /api/minutes/:id/submit',
      'POST /api/minutes/:id/issue',
      'POST /api/meetings/:id/leave/:leaveId/decide',
      // Login is raced by its own suite: five failures lock, concurrent or not (auth.test.ts).
      'POST /api/auth/login',
      // Archiving a division-year and an appraisal decision, each twice at once (archive.test.ts).
      'POST /api/archives',
      'POST /api/archives/items/:id/appraise',
    ];
    const { routes, onRoute } = routeCollector();
    const app = await createApp(h.s, { webDir: null, onRoute });
    await app.ready();
    await app.close();
    const writes = routes
      .filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method))
      .map((r) => `${r.method} ${r.url}`);
    const missing = writes.filter((w) => !fired.has(w) && !named.includes(w));
    expect(missing).toEqual([]);
  });
});
