import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { PLAIN_TOPIC } from '../../test/fixtures.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import type { TopicDto } from '../../../core/contracts/topics.js';

describe('meetings (§3): convening, notice, leave, attendance', () => {
  let h: Harness;
  let head: Client, deputy: Client, staff: Client, recorder: Client, observer: Client;
  let trade: string;
  let meeting: MeetingDto;
  let t1: TopicDto;
  /** Sessions expire after 30 idle minutes: after moving the clock, log in again. */
  const relogin = async () => {
    head = await h.login('head');
    deputy = await h.login('deputy');
    staff = await h.login('staff');
    recorder = await h.login('recorder');
    observer = await h.login('zhugang');
  };
  beforeAll(async () => {
    h = await makeHarness();
    head = await h.login('head');
    deputy = await h.login('deputy');
    staff = await h.login('staff');
    recorder = await h.login('recorder');
    observer = await h.login('zhugang');
    trade = await h.divisionId('对外贸易处');
  });
  afterAll(async () => h.close());

  const topic = async (c: Client, title: string, divisionId = trade) => {
    const r = await c.post('/api/topics', { divisionId, ...PLAIN_TOPIC, title });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as TopicDto;
  };
  let n = 0;
  /** A fresh approved topic of the head's: a meeting needs one on its agenda. */
  const agendaOf = async () => [(await topic(head, `议题${++n}`)).id];
  const base = () => ({
    divisionId: trade,
    kind: 'regular',
    startsAt: '2026-11-03T09:30:00+08:00',
    place: '第一会议室',
  });

  it('R1.1 R2.2: a division meeting studies its own division’s approved topics: an unapproved topic and another division’s topic are refused on the agenda', async () => {
    const draft = await topic(staff, '未审核议题');
    const r1 = await head.post('/api/meetings', { ...base(), agenda: [draft.id] });
    expect(codeOf(r1)).toBe('TOPIC_NOT_SCHEDULABLE');
    const sub = (await staff.post(`/api/topics/${draft.id}/submit`, { version: 1 })).json() as TopicDto;
    const r2 = await head.post('/api/meetings', { ...base(), agenda: [sub.id] });
    expect(codeOf(r2)).toBe('TOPIC_NOT_SCHEDULABLE');
    const foreign = await topic(await h.login('zhugang'), '外资处议题', await h.divisionId('外商投资管理处'));
    const r3 = await head.post('/api/meetings', { ...base(), agenda: [foreign.id] });
    expect(codeOf(r3)).toBe('TOPIC_NOT_SCHEDULABLE');
    expect(await h.s.db.kysely.selectFrom('meetings').select('id').execute()).toHaveLength(0);
  });

  it('R3.1 R3.2 R3.6: the head, or a deputy the head designated, convenes (urgent meetings too); the designation is recorded', async () => {
    expect((await staff.post('/api/meetings', { ...base(), agenda: await agendaOf() })).statusCode).toBe(403);
    expect((await deputy.post('/api/meetings', { ...base(), agenda: await agendaOf() })).statusCode).toBe(403);
    const deputyId = await h.userId('deputy');
    await head.put(`/api/divisions/${trade}/delegations`, { delegations: [{ userId: deputyId, power: 'convene' }] });
    const r = await deputy.post('/api/meetings', { ...base(), kind: 'urgent', agenda: await agendaOf() });
    expect(r.statusCode, r.body).toBe(201);
    const m = r.json() as MeetingDto;
    expect(m).toMatchObject({
      kind: 'urgent',
      chairId: deputyId,
      chairDesignatedBy: await h.userId('head'),
      recorderName: '王芳',
    });
    expect(m.title).toBe('对外贸易处2026年11月3日临时处务会');
    const cancelled = await deputy.post(`/api/meetings/${m.id}/cancel`, { version: m.version, reason: '改期' });
    expect((cancelled.json() as MeetingDto).status).toBe('cancelled');
    const staffChair = await head.post('/api/meetings', {
      ...base(),
      chairId: await h.userId('staff'),
      agenda: await agendaOf(),
    });
    expect(codeOf(staffChair)).toBe('VALIDATION_FAILED');
  });

  it('R3.3 R3.4: all division members take part; observers are invited', async () => {
    t1 = await topic(head, '研究外贸稳增长措施');
    const r = await head.post('/api/meetings', {
      ...base(),
      agenda: [t1.id],
      observerIds: [await h.userId('zhugang'), await h.userId('jiancha')],
    });
    expect(r.statusCode, r.body).toBe(201);
    meeting = r.json() as MeetingDto;
    expect(meeting.participants.filter((p) => p.role === 'participant')).toHaveLength(7);
    expect(
      meeting.participants
        .filter((p) => p.role === 'observer')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['朱刚', '高敏'].sort());
    expect(((await head.get(`/api/topics/${t1.id}`)).json() as TopicDto).status).toBe('scheduled');
    const member = await head.post('/api/meetings', {
      ...base(),
      agenda: await agendaOf(),
      observerIds: [await h.userId('staff')],
    });
    expect(codeOf(member)).toBe('VALIDATION_FAILED');
  });

  it('R3.4: an observer sees this meeting and its materials, nothing else of the division', async () => {
    expect((await observer.get(`/api/meetings/${meeting.id}`)).statusCode).toBe(200);
    expect((await observer.get(`/api/topics/${t1.id}`)).statusCode).toBe(200);
    const other = await topic(head, '另一议题');
    expect((await observer.get(`/api/topics/${other.id}`)).statusCode).toBe(404);
    expect((await observer.get(`/api/meetings?divisionId=${trade}`)).statusCode).toBe(404);
    const mine = ((await observer.get('/api/meetings')).json() as { items: Array<{ id: string }> }).items;
    expect(mine.map((m) => m.id)).toEqual([meeting.id]);
    expect((await (await h.login('songhua')).get(`/api/meetings/${meeting.id}`)).statusCode).toBe(404);
  });

  it('R2.3: the notice reaches everyone with a read receipt; a change after notice re-notifies', async () => {
    const n = await head.post(`/api/meetings/${meeting.id}/notify`, { version: meeting.version });
    meeting = n.json() as MeetingDto;
    expect(meeting.status).toBe('notified');
    const inbox = (await staff.get('/api/notices')).json() as { items: Array<{ kind: string; body: string }> };
    expect(inbox.items[0]).toMatchObject({ kind: 'meeting.notice' });
    expect(inbox.items[0]?.body).toContain('研究外贸稳增长措施');
    expect((await staff.post(`/api/meetings/${meeting.id}/read`)).statusCode).toBe(204);
    h.clock.advanceMinutes(1);
    const read = (await head.get(`/api/meetings/${meeting.id}`)).json() as MeetingDto;
    expect(read.participants.find((p) => p.name === '刘洋')?.noticeReadAt).toBeTruthy();
    const moved = await head.patch(`/api/meetings/${meeting.id}`, { version: read.version, place: '第二会议室' });
    meeting = moved.json() as MeetingDto;
    expect(meeting.changes).toEqual([
      expect.objectContaining({ field: 'place', before: '第一会议室', after: '第二会议室' }),
    ]);
    expect(meeting.participants.find((p) => p.name === '刘洋')?.noticeReadAt).toBeNull();
    const again = (await observer.get('/api/notices')).json() as { items: Array<{ kind: string; body: string }> };
    expect(again.items[0]).toMatchObject({ kind: 'meeting.changed' });
    expect(again.items[0]?.body).toContain('地点：第一会议室 → 第二会议室');
  });

  it('R3.7: leave is asked of the head with a reason before the start', async () => {
    expect(codeOf(await observer.post(`/api/meetings/${meeting.id}/leave`, { reason: '出差' }))).toBe(
      'NOT_A_PARTICIPANT',
    );
    const asked = (
      await deputy.post(`/api/meetings/${meeting.id}/leave`, { reason: '参加市政府专题会' })
    ).json() as MeetingDto;
    const leave = asked.participants.find((p) => p.name === '张敏')?.leave;
    expect(leave).toMatchObject({ status: 'pending', reason: '参加市政府专题会' });
    expect(codeOf(await deputy.post(`/api/meetings/${meeting.id}/leave`, { reason: '再请一次' }))).toBe(
      'ALREADY_EXISTS',
    );
    expect(
      (await staff.post(`/api/meetings/${meeting.id}/leave/${leave?.id}/decide`, { approve: true })).statusCode,
    ).toBe(403);
    h.clock.advanceMinutes(1);
    const ok = (
      await head.post(`/api/meetings/${meeting.id}/leave/${leave?.id}/decide`, { approve: true, note: '同意' })
    ).json() as MeetingDto;
    meeting = ok;
    expect(ok.participants.find((p) => p.name === '张敏')?.leave?.status).toBe('approved');
    const inbox = (await deputy.get('/api/notices')).json() as { items: Array<{ kind: string }> };
    expect(inbox.items[0]?.kind).toBe('leave.approved');
  });

  it('the session: no agenda change after start, no leave after start; attendance by mark and by QR', async () => {
    h.clock.set('2026-11-03T01:25:00Z');
    await relogin();
    meeting = (await head.post(`/api/meetings/${meeting.id}/start`, { version: meeting.version })).json() as MeetingDto;
    expect(meeting.status).toBe('in_session');
    expect(codeOf(await head.patch(`/api/meetings/${meeting.id}`, { version: meeting.version, agenda: [] }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(
      codeOf(await (await h.login('chenjing')).post(`/api/meetings/${meeting.id}/leave`, { reason: '晚了' })),
    ).toBe('INVALID_TRANSITION');
    const chenjing = await h.userId('chenjing');
    expect(
      (
        await staff.post(`/api/meetings/${meeting.id}/attendance`, {
          marks: [{ userId: chenjing, attendance: 'present' }],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await recorder.post(`/api/meetings/${meeting.id}/attendance`, {
          marks: [
            { userId: chenjing, attendance: 'present' },
            { userId: await h.userId('recorder'), attendance: 'present' },
            { userId: await h.userId('head'), attendance: 'present' },
          ],
        })
      ).statusCode,
    ).toBe(200);

    expect((await staff.get(`/api/meetings/${meeting.id}/checkin-token`)).statusCode).toBe(403);
    const { token } = (await recorder.get(`/api/meetings/${meeting.id}/checkin-token`)).json() as { token: string };
    const first = (await staff.post(`/api/meetings/${meeting.id}/check-in`, { token })).json() as {
      attendance: string;
      already: boolean;
    };
    expect(first).toMatchObject({ attendance: 'present', already: false });
    const second = (await staff.post(`/api/meetings/${meeting.id}/check-in`, { token })).json() as { already: boolean };
    expect(second.already).toBe(true);
    const rows = await h.s.db.kysely
      .selectFrom('participants')
      .select('id')
      .where('meeting_id', '=', meeting.id)
      .where('user_id', '=', await h.userId('staff'))
      .execute();
    expect(rows).toHaveLength(1);
    expect(codeOf(await observer.post(`/api/meetings/${meeting.id}/check-in`, { token: 'A'.repeat(24) }))).toBe(
      'CHECKIN_TOKEN_INVALID',
    );
    h.clock.advanceMinutes(2); // the token of two minutes ago has expired
    expect(codeOf(await (await h.login('yangfan')).post(`/api/meetings/${meeting.id}/check-in`, { token }))).toBe(
      'CHECKIN_TOKEN_INVALID',
    );
    const fresh = ((await recorder.get(`/api/meetings/${meeting.id}/checkin-token`)).json() as { token: string }).token;
    h.clock.set('2026-11-03T01:40:00Z');
    const late = (
      await (await h.login('yangfan')).post(`/api/meetings/${meeting.id}/check-in`, { token: fresh })
    ).json() as { attendance?: string; error?: unknown };
    expect(late.error).toBeDefined(); // 13 minutes later: that token is long gone
    const now = ((await recorder.get(`/api/meetings/${meeting.id}/checkin-token`)).json() as { token: string }).token;
    const yf = (
      await (await h.login('yangfan')).post(`/api/meetings/${meeting.id}/check-in`, { token: now })
    ).json() as { attendance: string };
    expect(yf.attendance).toBe('late');
    expect(
      (await (await h.login('songhua')).post(`/api/meetings/${meeting.id}/check-in`, { token: now })).statusCode,
    ).toBe(404);
  });

  it('R3.7: at close everyone is present, late, on leave, or absent without leave (flagged)', async () => {
    const cur = (await head.get(`/api/meetings/${meeting.id}`)).json() as MeetingDto;
    const early = await head.post(`/api/meetings/${meeting.id}/close`, { version: cur.version });
    expect(codeOf(early)).toBe('RECORD_INCOMPLETE');
    const saved = await recorder.put(`/api/meetings/${meeting.id}/record/${t1.id}`, {
      version: 0,
      status: 'recorded',
      discussion: '会议听取了稳增长措施的汇报。',
      // R6.1: everyone present states a stance, or is recorded as 未发表意见.
      opinions: await Promise.all(
        ['head', 'recorder', 'staff', 'chenjing', 'yangfan'].map(async (u, i) => ({
          speakerId: await h.userId(u),
          stance: i === 0 ? 'for' : 'no_opinion',
          text: i === 0 ? '同意' : '',
        })),
      ),
      decisions: [
        { text: '原则同意稳增长措施', outcome: 'adopted', responsibleUserId: await h.userId('head'), deadline: null },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const closed = (
      await head.post(`/api/meetings/${meeting.id}/close`, { version: cur.version })
    ).json() as MeetingDto;
    expect(closed.status).toBe('closed');
    const by = (name: string) => closed.participants.find((p) => p.name === name)?.finalAttendance;
    expect(by('刘洋')).toBe('present');
    expect(by('杨帆')).toBe('late');
    expect(by('张敏')).toBe('leave');
    expect(by('黄磊')).toBe('absent');
    expect(by('朱刚')).toBeNull(); // an observer who did not come is not absent (R3.4)
    expect(closed.counts).toEqual({ expected: 7, present: 5, leave: 1, absent: 1, observers: 0 });
    expect(((await head.get(`/api/topics/${t1.id}`)).json() as TopicDto).status).toBe('decided');
    const ev = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'meeting.close')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.data).absentWithoutLeave).toEqual([await h.userId('huanglei')]);
  });

  it('R3.5: the monthly view counts held meetings per division', async () => {
    const m = (await head.get('/api/meetings/monthly?month=2026-11')).json() as {
      divisions: Array<{ divisionName: string; held: number }>;
    };
    expect(m.divisions.find((d) => d.divisionName === '对外贸易处')?.held).toBe(1);
    const cal = (
      (await head.get(`/api/meetings?divisionId=${trade}&month=2026-11`)).json() as { items: Array<{ status: string }> }
    ).items;
    expect(cal.map((x) => x.status).sort()).toEqual(['cancelled', 'closed']);
    expect((await head.get(`/api/meetings?divisionId=${trade}&month=2026-12`)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('a deferred topic returns to the pool and keeps its history', async () => {
    h.clock.set('2026-11-05T01:00:00Z');
    await relogin();
    const t = await topic(head, '暂缓议题');
    let m = (
      await head.post('/api/meetings', { ...base(), startsAt: '2026-11-05T10:00:00+08:00', agenda: [t.id] })
    ).json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    await head.put(`/api/meetings/${m.id}/agenda/${t.id}/outcome`, { outcome: 'deferred' });
    await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
    const after = (await head.get(`/api/topics/${t.id}`)).json() as TopicDto;
    expect(after.status).toBe('approved');
    expect(after.history.map((e) => e.action)).toEqual(['created_by_head', 'scheduled', 'deferred']);
  });
});
