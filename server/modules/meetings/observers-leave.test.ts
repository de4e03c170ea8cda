import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { headTopicIds } from '../../test/flows.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';

/** Observers see what an observer needs (R3.4); leave still open at the start (R3.7). */
describe('observers and late leave', () => {
  let h: Harness;
  let head: Client, recorder: Client, zhugang: Client;
  let trade: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    ids = Object.fromEntries(
      await Promise.all(
        ['head', 'deputy', 'recorder', 'staff', 'leader', 'jiancha', 'zhugang', 'director', 'zhaohaiyan'].map(
          async (u) => [u, await h.userId(u)],
        ),
      ),
    );
    await relogin();
  });
  afterAll(async () => h.close());
  async function relogin() {
    head = await h.login('head');
    recorder = await h.login('recorder');
    zhugang = await h.login('zhugang');
  }
  const convene = async (observers: string[], at = 3600_000) =>
    head.post('/api/meetings', {
      divisionId: trade,
      kind: 'regular',
      startsAt: new Date(h.clock.now().getTime() + at).toISOString(),
      place: '第一会议室',
      agenda: await headTopicIds(head, trade, `议题${Math.random()}`),
      observerIds: observers.map((o) => ids[o]),
    });

  it('R3.4: observers are the supervising leader, the supervision office or staff of other divisions — or whom a unit setting allows', async () => {
    for (const who of ['director', 'zhaohaiyan']) {
      const r = await convene([who]);
      expect(r.statusCode, who).toBe(422);
      expect(codeOf(r)).toBe('OBSERVER_NOT_ELIGIBLE');
    }
    const ok = await convene(['leader', 'jiancha', 'zhugang']);
    expect(ok.statusCode, ok.body).toBe(201);
    const admin = await h.login('admin');
    const cur = (await admin.get('/api/settings/regime')).json() as { value: object; version: number };
    await admin.put('/api/admin/settings/regime', {
      version: cur.version,
      value: { ...cur.value, observerExtraRoles: ['principal_leader'] },
    });
    expect((await convene(['director'])).statusCode).toBe(201);
    expect(codeOf(await convene(['zhaohaiyan']))).toBe('OBSERVER_NOT_ELIGIBLE');
    const list = (await head.get(`/api/divisions/${trade}/eligible-observers`)).json() as Array<{
      userId: string;
      kind: string;
    }>;
    expect(list.find((x) => x.userId === ids.leader)?.kind).toBe('supervising_leader');
    expect(list.find((x) => x.userId === ids.jiancha)?.kind).toBe('supervision_office');
    expect(list.find((x) => x.userId === ids.director)?.kind).toBe('unit_setting');
    expect(list.some((x) => x.userId === ids.zhaohaiyan || x.userId === ids.staff)).toBe(false);
    // Issue 15: the picker lists them by why (分管领导, 监察室, leaders by setting, other divisions), then by the
    // divisions' order and in rank order within each: head, deputy, staff.
    const named = list as Array<{ userId: string; kind: string; name: string; divisionName: string | null }>;
    const group = ['supervising_leader', 'supervision_office', 'unit_setting', 'other_division'];
    expect(named.map((x) => group.indexOf(x.kind))).toEqual(named.map((x) => group.indexOf(x.kind)).sort());
    expect(named.filter((x) => x.divisionName === '监察室').map((x) => x.name)).toEqual(['马骏', '高敏', '林芳']);
    expect(named.filter((x) => x.divisionName === '办公室').map((x) => x.name)).toEqual(['周雪梅', '吴涛', '许丽']);
    expect((await (await h.login('staff')).get(`/api/divisions/${trade}/eligible-observers`)).statusCode).toBe(403);
  });

  it('R3.4: an observer sees the meeting, agenda, materials and counts — not the record, others’ leave, drafts or receipts', async () => {
    const staff = await h.login('staff');
    let m = (await convene(['zhugang'])).json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/notify`, { version: m.version })).json() as MeetingDto;
    expect((await staff.post(`/api/meetings/${m.id}/leave`, { reason: '家中有事需要处理' })).statusCode).toBe(200);
    const seen = (await zhugang.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect(seen.agenda).toHaveLength(1);
    expect(seen.counts.expected).toBe(7);
    expect(seen.participants.map((p) => p.userId)).toEqual([ids.zhugang]);
    expect(JSON.stringify(seen)).not.toContain('家中有事需要处理');
    expect(seen.abilities.readRecord).toBe(false);
    expect((await zhugang.get(`/api/meetings/${m.id}/record`)).statusCode).toBe(404);
    expect((await zhugang.get(`/api/meetings/${m.id}/distribution`)).statusCode).toBe(404);
    // The member still sees everything.
    const full = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect(full.participants).toHaveLength(8);
    expect(full.abilities.readRecord).toBe(true);
    // Held and issued: the draft and the issued minutes stay closed to the observer who is no recipient.
    h.clock.set(new Date(Date.parse(m.startsAt) + 60_000));
    await relogin();
    m = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    const t = m.agenda[0]?.topicId ?? '';
    await head.put(`/api/meetings/${m.id}/agenda/${t}/outcome`, { outcome: 'deferred' });
    await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
    let n = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    expect((await zhugang.get(`/api/minutes/${n.id}`)).statusCode).toBe(404);
    expect((await zhugang.post(`/api/meetings/${m.id}/minutes`)).statusCode).toBe(404);
    n = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
    n = (await head.post(`/api/minutes/${n.id}/issue`, { version: n.version })).json() as MinutesDto;
    expect(n.status).toBe('issued');
    expect((await zhugang.get(`/api/minutes/${n.id}`)).statusCode).toBe(404);
  });

  it('R3.4: a unit setting makes observers recipients of the issued minutes, and the 分送 line says so', async () => {
    const admin = await h.login('admin');
    const cur = (await admin.get('/api/settings/regime')).json() as { value: object; version: number };
    await admin.put('/api/admin/settings/regime', {
      version: cur.version,
      value: { ...cur.value, distributeToObservers: true },
    });
    let m = (await convene(['zhugang'])).json() as MeetingDto;
    h.clock.set(new Date(Date.parse(m.startsAt) + 60_000));
    await relogin();
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    await head.put(`/api/meetings/${m.id}/agenda/${m.agenda[0]?.topicId}/outcome`, { outcome: 'deferred' });
    await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
    let n = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    n = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
    n = (await head.post(`/api/minutes/${n.id}/issue`, { version: n.version })).json() as MinutesDto;
    expect(n.content.distribution).toContain('列席人员');
    expect((await zhugang.get(`/api/minutes/${n.id}`)).statusCode).toBe(200);
    expect((await zhugang.get(`/api/meetings/${m.id}/record`)).statusCode).toBe(404);
  });

  it('R3.7: leave still pending at the start is decided by the head until the meeting closes, with the time recorded', async () => {
    const staff = await h.login('staff');
    let m = (await convene([], 2 * 3600_000)).json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/notify`, { version: m.version })).json() as MeetingDto;
    const asked = (await staff.post(`/api/meetings/${m.id}/leave`, { reason: '出差' })).json() as MeetingDto;
    const leave = asked.participants.find((p) => p.userId === ids.staff)?.leave;
    expect(leave?.canDecide).toBe(false);
    h.clock.set(new Date(Date.parse(m.startsAt)));
    await relogin();
    m = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    expect(m.participants.find((p) => p.userId === ids.staff)?.leave?.canDecide).toBe(true);
    const forRecorder = (await recorder.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect(forRecorder.participants.find((p) => p.userId === ids.staff)?.leave?.canDecide).toBe(false);
    expect(forRecorder.abilities.decideLeave).toBe(false);
    expect((await recorder.post(`/api/meetings/${m.id}/leave/${leave?.id}/decide`, { approve: true })).statusCode).toBe(
      403,
    );
    h.clock.advanceMinutes(10);
    const decided = await head.post(`/api/meetings/${m.id}/leave/${leave?.id}/decide`, { approve: true });
    expect(decided.statusCode, decided.body).toBe(200);
    const after = (decided.json() as MeetingDto).participants.find((p) => p.userId === ids.staff)?.leave;
    expect(after).toMatchObject({ status: 'approved', decidedAt: h.clock.now().toISOString(), canDecide: false });
    await head.put(`/api/meetings/${m.id}/agenda/${m.agenda[0]?.topicId}/outcome`, { outcome: 'deferred' });
    const closed = (await head.post(`/api/meetings/${m.id}/close`, { version: m.version })).json() as MeetingDto;
    expect(closed.participants.find((p) => p.userId === ids.staff)?.finalAttendance).toBe('leave');
  });

  it('R3.7: after the close a pending request is no longer decided; the head’s own request goes to the chair', async () => {
    const deputy = await h.login('deputy');
    let m = (await convene([], 2 * 3600_000)).json() as MeetingDto;
    m = (await head.patch(`/api/meetings/${m.id}`, { version: m.version, chairId: ids.deputy })).json() as MeetingDto;
    const own = (await head.post(`/api/meetings/${m.id}/leave`, { reason: '参加市政府会议' })).json() as MeetingDto;
    const headLeave = own.participants.find((p) => p.userId === ids.head)?.leave;
    expect(codeOf(await head.post(`/api/meetings/${m.id}/leave/${headLeave?.id}/decide`, { approve: true }))).toBe(
      'FORBIDDEN',
    );
    const staff = await h.login('staff');
    const s2 = (await staff.post(`/api/meetings/${m.id}/leave`, { reason: '培训' })).json() as MeetingDto;
    const staffLeave = s2.participants.find((p) => p.userId === ids.staff)?.leave;
    h.clock.set(new Date(Date.parse(m.startsAt)));
    await relogin();
    const chair = await h.login('deputy');
    m = (await chair.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect(m.participants.find((p) => p.userId === ids.head)?.leave?.canDecide).toBe(true);
    m = (await chair.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    expect(
      (await chair.post(`/api/meetings/${m.id}/leave/${headLeave?.id}/decide`, { approve: true })).statusCode,
    ).toBe(200);
    await chair.put(`/api/meetings/${m.id}/agenda/${m.agenda[0]?.topicId}/outcome`, { outcome: 'deferred' });
    await chair.post(`/api/meetings/${m.id}/close`, { version: m.version });
    const late = await head.post(`/api/meetings/${m.id}/leave/${staffLeave?.id}/decide`, { approve: true });
    expect(late.statusCode).toBe(409);
    expect(codeOf(late)).toBe('INVALID_TRANSITION');
    void deputy;
  });

  it.skipIf(TEST_DB !== 'postgres')(
    'R3.7: two decisions of one request at once: one wins, the other is refused',
    async () => {
      const staff = await h.login('staff');
      let m = (await convene([], 2 * 3600_000)).json() as MeetingDto;
      m = (await staff.post(`/api/meetings/${m.id}/leave`, { reason: '病假' })).json() as MeetingDto;
      const leave = m.participants.find((p) => p.userId === ids.staff)?.leave;
      const both = await Promise.all(
        [true, false].map((approve) => head.post(`/api/meetings/${m.id}/leave/${leave?.id}/decide`, { approve })),
      );
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    },
  );
});
