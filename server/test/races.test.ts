import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { race, statuses } from './race.js';
import { makeHarness, type Client, type Harness } from './harness.js';
import { PDF, PLAIN_TOPIC } from './fixtures.js';
import { headTopicIds, holdMeeting, issueAt } from './flows.js';
import type { MeetingDto } from '../../core/contracts/meetings.js';
import type { MinutesDto } from '../../core/contracts/minutes.js';
import type { RecordEntryDto } from '../../core/contracts/record.js';
import type { TopicDto } from '../../core/contracts/topics.js';

const codes = (rs: LightMyRequestResponse[]) =>
  rs
    .filter((r) => r.statusCode >= 400)
    .map((r) => (r.json() as { error: { code: string } }).error.code)
    .sort();

/**
 * The same request N times at once, over the write endpoints, on both databases
 * (PostgreSQL under READ COMMITTED is where a read-then-write check breaks):
 * exactly one winner where one is meant, 409 with a code for the others, never
 * a 500, and nothing sent is lost.
 */
describe('races: the same request at once', () => {
  let h: Harness;
  let head: Client, recorder: Client, staff: Client;
  let trade: string;

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
  });
  afterAll(async () => h.close());
  const relogin = async () => {
    head = await h.login('head');
    recorder = await h.login('recorder');
    staff = await h.login('staff');
  };

  async function closedMeeting(at: string) {
    const m = await holdMeeting(h, at, `例会${at}`);
    await relogin();
    return m;
  }

  it('three drafts of one meeting’s minutes: one is created, the others are 409 naming it', async () => {
    const m = await closedMeeting('2026-11-03T09:00:00+08:00');
    const rs = await race(3, () => recorder.post(`/api/meetings/${m.id}/minutes`));
    expect(statuses(rs)).toEqual([201, 409, 409]);
    const winner = rs.find((r) => r.statusCode === 201)?.json() as MinutesDto;
    for (const r of rs.filter((x) => x.statusCode === 409))
      expect(r.json()).toMatchObject({ error: { code: 'ALREADY_EXISTS', details: { id: winner.id } } });
    const rows = await h.s.db.kysely.selectFrom('minutes').select('id').where('meeting_id', '=', m.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('three meetings convened with the same topic: it sits on one agenda', async () => {
    h.clock.set('2026-11-04T09:00:00+08:00');
    await relogin();
    const agenda = await headTopicIds(head, trade, '只能上一次会的议题');
    const body = { divisionId: trade, kind: 'regular', startsAt: '2026-11-05T09:00:00+08:00', place: '会议室', agenda };
    const rs = await race(3, () => head.post('/api/meetings', body));
    expect(statuses(rs)).toEqual([201, 409, 409]);
    expect(codes(rs)).toEqual(['TOPIC_NOT_SCHEDULABLE', 'TOPIC_NOT_SCHEDULABLE']);
    const items = await h.s.db.kysely
      .selectFrom('agenda_items')
      .select('id')
      .where('topic_id', '=', agenda[0] ?? '')
      .execute();
    expect(items).toHaveLength(1);
    const meetings = await h.s.db.kysely.selectFrom('meetings').select('id').where('place', '=', '会议室').execute();
    expect(meetings).toHaveLength(1);
  });

  it('four uploads to one topic at once: four files, none lost', async () => {
    await relogin();
    const t = (
      await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: '多附件议题' })
    ).json() as TopicDto;
    let i = 0;
    const rs = await race(4, () =>
      h.app.inject({
        method: 'POST',
        url: `/api/topics/${t.id}/attachments`,
        headers: {
          cookie: staff.cookie,
          'x-csrf-token': staff.csrf,
          'content-type': 'application/octet-stream',
          'x-filename': encodeURIComponent(`材料${++i}.pdf`),
        },
        payload: Buffer.concat([PDF, Buffer.from(`%${i}`)]),
      }),
    );
    expect(statuses(rs)).toEqual([201, 201, 201, 201]);
    const got = ((await staff.get(`/api/topics/${t.id}`)).json() as TopicDto).attachments.map((a) => a.filename).sort();
    expect(got).toEqual(['材料1.pdf', '材料2.pdf', '材料3.pdf', '材料4.pdf']);
  });

  it('the head saving delegations twice at once: no 500, the set is what was sent', async () => {
    const deputyId = await h.userId('deputy');
    const body = { delegations: [{ userId: deputyId, power: 'approve_topics' }] };
    const rs = await race(2, () => head.put(`/api/divisions/${trade}/delegations`, body));
    for (const r of rs) expect([200, 409]).toContain(r.statusCode);
    const rows = await h.s.db.kysely
      .selectFrom('delegations')
      .select(['user_id', 'power'])
      .where('division_id', '=', trade)
      .execute();
    expect(rows).toEqual([{ user_id: deputyId, power: 'approve_topics' }]);
  });

  it('three corrections of one issued minutes: one draft, 409 for the others', async () => {
    const m = await closedMeeting('2026-11-09T09:00:00+08:00');
    const issued = await issueAt(h, m.id, '2026-11-09T15:00:00+08:00');
    await relogin();
    const rs = await race(3, () => head.post(`/api/minutes/${issued.id}/correct`));
    expect(statuses(rs)).toEqual([201, 409, 409]);
    expect(codes(rs)).toEqual(['ALREADY_EXISTS', 'ALREADY_EXISTS']);
  });

  it('two first saves of one record entry: one wins, the other is 409 with the server’s copy', async () => {
    h.clock.set('2026-11-10T09:00:00+08:00');
    await relogin();
    const agenda = await headTopicIds(head, trade, '记录竞争议题');
    let m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-10T10:00:00+08:00',
        place: '第二会议室',
        agenda,
      })
    ).json() as MeetingDto;
    h.clock.set('2026-11-10T10:00:00+08:00');
    await relogin();
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    let n = 0;
    const rs = await race(2, () =>
      recorder.put(`/api/meetings/${m.id}/record/${agenda[0]}`, {
        version: 0,
        status: 'recorded',
        discussion: `讨论情况${++n}`,
        opinions: [],
        decisions: [],
      }),
    );
    expect(statuses(rs)).toEqual([200, 409]);
    const lost = rs.find((r) => r.statusCode === 409)?.json() as {
      error: { code: string; details: { current: RecordEntryDto } };
    };
    expect(lost.error.code).toBe('CONFLICT');
    expect(lost.error.details.current.version).toBe(1);
  });

  it('versioned steps fired three times with one version: one succeeds, the others are 409', async () => {
    h.clock.set('2026-11-11T09:00:00+08:00');
    await relogin();
    // Topic: submit, approve.
    const t = (
      await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: '步骤竞争议题' })
    ).json() as TopicDto;
    expect(statuses(await race(3, () => staff.post(`/api/topics/${t.id}/submit`, { version: t.version })))).toEqual([
      200, 409, 409,
    ]);
    expect(statuses(await race(3, () => head.post(`/api/topics/${t.id}/approve`, { version: t.version + 1 })))).toEqual(
      [200, 409, 409],
    );
    // Meeting: notify, start, close; leave asked three times.
    const m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-11T10:00:00+08:00',
        place: '第三会议室',
        agenda: [t.id],
      })
    ).json() as MeetingDto;
    expect(statuses(await race(3, () => head.post(`/api/meetings/${m.id}/notify`, { version: m.version })))).toEqual([
      200, 409, 409,
    ]);
    expect(statuses(await race(3, () => staff.post(`/api/meetings/${m.id}/leave`, { reason: '出差' })))).toEqual([
      200, 409, 409,
    ]);
    const cur = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect(statuses(await race(3, () => head.post(`/api/meetings/${m.id}/start`, { version: cur.version })))).toEqual([
      200, 409, 409,
    ]);
    await head.put(`/api/meetings/${m.id}/agenda/${t.id}/outcome`, { outcome: 'deferred' });
    expect(
      statuses(await race(3, () => head.post(`/api/meetings/${m.id}/close`, { version: cur.version + 1 }))),
    ).toEqual([200, 409, 409]);
    const leaves = await h.s.db.kysely
      .selectFrom('leave_requests')
      .select('id')
      .where('meeting_id', '=', m.id)
      .execute();
    expect(leaves).toHaveLength(1);
  });

  it('minutes steps three times at once: submit, issue — one number, one distribution', async () => {
    const m = await closedMeeting('2026-11-12T09:00:00+08:00');
    h.clock.set('2026-11-12T15:00:00+08:00');
    await relogin();
    const d = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    expect(statuses(await race(3, () => recorder.post(`/api/minutes/${d.id}/submit`, { version: d.version })))).toEqual(
      [200, 409, 409],
    );
    const rs = await race(3, () => head.post(`/api/minutes/${d.id}/issue`, { version: d.version + 1 }));
    // Issuing twice changes nothing: a repeat answers with the issued minutes or 409.
    for (const r of rs) expect([200, 409]).toContain(r.statusCode);
    const numbers = new Set(rs.filter((r) => r.statusCode === 200).map((r) => (r.json() as MinutesDto).number));
    expect(numbers.size).toBe(1);
    const entries = await h.s.db.kysely
      .selectFrom('distribution_entries')
      .select('recipient_id')
      .where('minutes_id', '=', d.id)
      .where('purpose', '=', 'circulate')
      .execute();
    expect(entries).toHaveLength(7);
  });
});
