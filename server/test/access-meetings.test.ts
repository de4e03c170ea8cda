import { headTopicIds } from './flows.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROLES as ROLES, makeHarness, type Client, type DemoRole as Role, type Harness } from './harness.js';
import { PLAIN_TOPIC } from './fixtures.js';
import type { MeetingDto } from '../../core/contracts/meetings.js';
import type { TopicDto } from '../../core/contracts/topics.js';

/**
 * Topics and meetings as every demo role, in their own division (对外贸易处) and
 * in another (外商投资管理处): 200 where they may, 403 where they see but may
 * not act, 404 where they may not see. `leader` supervises both divisions.
 */
const TRADE: Role[] = ['head', 'deputy', 'recorder', 'staff'];
const ALL_DIVISIONS: Role[] = ['director', 'leader', 'jiwei', 'jiancha'];
const SEES_TRADE: Role[] = [...TRADE, ...ALL_DIVISIONS];

describe('access matrix: topics and meetings (§2, §3)', () => {
  let h: Harness;
  const c = new Map<Role, Client>();
  let trade: string, inv: string;
  let tradeTopic: TopicDto, invTopic: TopicDto, tradeMeeting: MeetingDto, invMeeting: MeetingDto;

  beforeAll(async () => {
    h = await makeHarness();
    for (const r of ROLES) c.set(r, await h.login(r));
    trade = await h.divisionId('对外贸易处');
    inv = await h.divisionId('外商投资管理处');
    const zhugang = await h.login('zhugang');
    tradeTopic = (await c.get('head')!.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    invTopic = (await zhugang.post('/api/topics', { divisionId: inv, ...PLAIN_TOPIC })).json() as TopicDto;
    const base = { kind: 'regular', startsAt: '2026-11-10T09:00:00+08:00', place: '会议室' };
    tradeMeeting = (
      await c.get('head')!.post('/api/meetings', { divisionId: trade, ...base, agenda: [tradeTopic.id] })
    ).json() as MeetingDto;
    invMeeting = (
      await zhugang.post('/api/meetings', { divisionId: inv, ...base, agenda: [invTopic.id] })
    ).json() as MeetingDto;
  });
  afterAll(async () => h.close());

  const expectFor = async (
    name: string,
    call: (cl: Client) => Promise<{ statusCode: number }>,
    ok: Role[],
    forbidden: Role[],
    okStatus = 200,
  ) => {
    for (const role of ROLES) {
      const want = ok.includes(role) ? okStatus : forbidden.includes(role) ? 403 : 404;
      expect((await call(c.get(role)!)).statusCode, `${role} ${name}`).toBe(want);
    }
  };

  it('reading a topic, own division and another', async () => {
    await expectFor('GET trade topic', (cl) => cl.get(`/api/topics/${tradeTopic.id}`), SEES_TRADE, []);
    await expectFor('GET investment topic', (cl) => cl.get(`/api/topics/${invTopic.id}`), ALL_DIVISIONS, []);
    await expectFor('GET trade topic list', (cl) => cl.get(`/api/topics?divisionId=${trade}`), SEES_TRADE, []);
    await expectFor('GET investment topic list', (cl) => cl.get(`/api/topics?divisionId=${inv}`), ALL_DIVISIONS, []);
    await expectFor('GET trade members', (cl) => cl.get(`/api/divisions/${trade}/members`), SEES_TRADE, []);
  });

  it('reading a meeting, own division and another', async () => {
    await expectFor('GET trade meeting', (cl) => cl.get(`/api/meetings/${tradeMeeting.id}`), SEES_TRADE, []);
    await expectFor('GET investment meeting', (cl) => cl.get(`/api/meetings/${invMeeting.id}`), ALL_DIVISIONS, []);
    await expectFor('GET trade meetings', (cl) => cl.get(`/api/meetings?divisionId=${trade}`), SEES_TRADE, []);
  });

  it('proposing a topic: members of the division only', async () => {
    await expectFor(
      'POST trade topic',
      (cl) => cl.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC }),
      TRADE,
      ['admin', 'secadmin', 'auditor', ...ALL_DIVISIONS],
      201,
    );
  });

  it('approving a topic: the head; those who see it get 403', async () => {
    const t = (await c.get('staff')!.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    const v = ((await c.get('staff')!.post(`/api/topics/${t.id}/submit`, { version: 1 })).json() as TopicDto).version;
    const order = ROLES.filter((r) => r !== 'head');
    for (const role of order) {
      const want = SEES_TRADE.includes(role) ? 403 : 404;
      expect((await c.get(role)!.post(`/api/topics/${t.id}/approve`, { version: v })).statusCode, role).toBe(want);
    }
    expect((await c.get('head')!.post(`/api/topics/${t.id}/approve`, { version: v })).statusCode).toBe(200);
  });

  it('convening and notifying: the head; those who see the division get 403', async () => {
    for (const role of ROLES.filter((r) => r !== 'head')) {
      const want = SEES_TRADE.includes(role) ? 403 : 404;
      const res = await c.get(role)!.post('/api/meetings', {
        divisionId: trade,
        kind: 'urgent',
        startsAt: '2026-11-11T09:00:00+08:00',
        place: '会议室',
        agenda: [],
      });
      expect(res.statusCode, role).toBe(want);
      expect(
        (await c.get(role)!.post(`/api/meetings/${tradeMeeting.id}/notify`, { version: tradeMeeting.version }))
          .statusCode,
        role,
      ).toBe(want);
    }
    expect(
      (await c.get('head')!.post(`/api/meetings/${tradeMeeting.id}/notify`, { version: tradeMeeting.version }))
        .statusCode,
    ).toBe(200);
  });

  it('the other endpoints: delegations, material, leave, attendance, check-in, personal pages', async () => {
    const head = c.get('head')!;
    const staff = c.get('staff')!;
    await expectFor('GET delegations', (cl) => cl.get(`/api/divisions/${trade}/delegations`), SEES_TRADE, []);
    await expectFor(
      'PUT delegations',
      (cl) => cl.put(`/api/divisions/${trade}/delegations`, { delegations: [] }),
      ['head'],
      ['deputy', 'recorder', 'staff', ...ALL_DIVISIONS],
    );

    // material of an approved topic
    const t = (await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    const up = await h.app.inject({
      method: 'POST',
      url: `/api/topics/${t.id}/attachments`,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': 'a.pdf',
      },
      payload: Buffer.from('%PDF-1.4 test'),
    });
    const attId = (up.json() as { id: string }).id;
    const v = ((await staff.post(`/api/topics/${t.id}/submit`, { version: 1 })).json() as TopicDto).version;
    await head.post(`/api/topics/${t.id}/approve`, { version: v });
    await expectFor('GET attachment', (cl) => cl.get(`/api/topics/${t.id}/attachments/${attId}`), SEES_TRADE, []);

    // a notified meeting: leave and edits
    const m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-20T09:00:00+08:00',
        place: '会议室',
        agenda: await headTopicIds(head, trade),
      })
    ).json() as MeetingDto;
    const n = (await head.post(`/api/meetings/${m.id}/notify`, { version: m.version })).json() as MeetingDto;
    for (const role of ROLES.filter((r) => r !== 'head')) {
      const res = await c.get(role)!.patch(`/api/meetings/${m.id}`, { version: n.version, place: '别处' });
      expect(res.statusCode, `${role} PATCH meeting`).toBe(SEES_TRADE.includes(role) ? 403 : 404);
    }
    expect((await head.patch(`/api/meetings/${m.id}`, { version: n.version, place: '第三会议室' })).statusCode).toBe(
      200,
    );
    for (const role of ROLES) {
      const res = await c.get(role)!.post(`/api/meetings/${m.id}/leave`, { reason: '公务' });
      const want =
        role === 'staff' || role === 'recorder'
          ? 200
          : role === 'head'
            ? 409 // the chair asks nobody for leave (LEAVE_NOT_FOR_HOST)
            : role === 'deputy'
              ? 200
              : ALL_DIVISIONS.includes(role)
                ? 403
                : 404;
      expect(res.statusCode, `${role} leave`).toBe(want);
    }

    // a meeting in session: attendance and check-in
    const cur = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    await head.post(`/api/meetings/${m.id}/start`, { version: cur.version });
    const marks = { marks: [{ userId: await h.userId('chenjing'), attendance: 'present' }] };
    await expectFor(
      'POST attendance',
      (cl) => cl.post(`/api/meetings/${m.id}/attendance`, marks),
      ['head', 'recorder'],
      ['deputy', 'staff', ...ALL_DIVISIONS],
    );
    await expectFor(
      'GET checkin-token',
      (cl) => cl.get(`/api/meetings/${m.id}/checkin-token`),
      ['head', 'recorder'],
      ['deputy', 'staff', ...ALL_DIVISIONS],
    );
    const { token } = (await head.get(`/api/meetings/${m.id}/checkin-token`)).json() as { token: string };
    await expectFor(
      'POST check-in',
      (cl) => cl.post(`/api/meetings/${m.id}/check-in`, { token }),
      TRADE,
      ALL_DIVISIONS,
    );
    // a token of another meeting does not open this one
    const other = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'urgent',
        startsAt: '2026-11-21T09:00:00+08:00',
        place: '会议室',
        agenda: await headTopicIds(head, trade),
      })
    ).json() as MeetingDto;
    await head.post(`/api/meetings/${other.id}/start`, { version: other.version });
    const res = await staff.post(`/api/meetings/${other.id}/check-in`, { token });
    expect(res.statusCode).toBe(422);

    for (const url of ['/api/workbench', '/api/notices', '/api/people'])
      await expectFor(`GET ${url}`, (cl) => cl.get(url), [...ROLES], []);
    await expectFor('POST calendar-feed', (cl) => cl.post('/api/me/calendar-feed'), [...ROLES], []);
  });
});
