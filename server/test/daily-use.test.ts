import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, TEST_DB, type Harness } from './harness.js';
import { holdMeeting } from './flows.js';
import { PLAIN_TOPIC } from './fixtures.js';
import type { DivisionMembersDto, UserDto } from '../../core/contracts/org.js';
import type { MeetingDto } from '../../core/contracts/meetings.js';
import type { MinutesDto } from '../../core/contracts/minutes.js';
import type { TopicDto } from '../../core/contracts/topics.js';
import type { DistributionEntryDto, MeetingDistributionDto } from '../../core/contracts/distribution.js';
import { Scheduler } from '../platform/jobs/scheduler.js';
import { JOBS } from '../modules/distribution/jobs.js';

/**
 * Issue 15, daily use: names in rank order everywhere, one name per step with the
 * recorder's 待记录, the head's own meeting, and the optional comments of
 * approvers and readers.
 */
describe('issue 15: daily use', () => {
  let h: Harness;
  let trade: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    for (const u of ['head', 'deputy', 'recorder', 'staff', 'chenjing', 'yangfan', 'huanglei'])
      ids[u] = await h.userId(u);
  });
  afterAll(async () => h.close());

  /** The head sets a topic and convenes a meeting on it, at `now`. */
  const convene = async (now: string, startsAt: string) => {
    h.clock.set(now);
    const head = await h.login('head');
    const topic = (await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    const r = await head.post('/api/meetings', {
      divisionId: trade,
      kind: 'regular',
      startsAt,
      place: '会议室',
      agenda: [topic.id],
    });
    expect(r.statusCode, r.body).toBe(201);
    return { head, topic, meeting: r.json() as MeetingDto };
  };

  const setSort = async (user: string, sortOrder: number | undefined, position = 'staff', isRecorder = false) =>
    (await h.login('admin')).put(`/api/admin/users/${ids[user]}/memberships`, {
      memberships: [{ divisionId: trade, position, isRecorder, ...(sortOrder === undefined ? {} : { sortOrder }) }],
    });

  it('R3.3 R5.8: the admin sets sort numbers; participants, 出席 and distribution follow head, deputy, staff by number', async () => {
    // Staff in the admin's order: 杨帆 1, 黄磊 2, 刘洋 3, 王芳 4, 陈静 5 (pinyin order would be 陈 黄 刘 王 杨).
    for (const [u, n] of [
      ['yangfan', 1],
      ['huanglei', 2],
      ['staff', 3],
      ['chenjing', 5],
    ] as const) {
      const r = await setSort(u, n);
      expect(r.statusCode, r.body).toBe(200);
    }
    const rec = await setSort('recorder', 4, 'staff', true);
    expect((rec.json() as UserDto).memberships[0]).toMatchObject({ sortOrder: 4, isRecorder: true });
    // The head gets a high number: position still comes first.
    expect((await setSort('head', 99, 'head')).statusCode).toBe(200);
    // An older client that sends no number keeps the one the membership had.
    const kept = await setSort('chenjing', undefined);
    expect((kept.json() as UserDto).memberships[0]?.sortOrder).toBe(5);

    const order = ['李伟', '张敏', '杨帆', '黄磊', '刘洋', '王芳', '陈静'];
    const m = await holdMeeting(h, '2026-11-10T09:00:00+08:00', '排序例会', { allPresent: true });
    const head = await h.login('head');
    const meeting = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect(meeting.participants.filter((p) => p.role === 'participant').map((p) => p.name)).toEqual(order);

    const recorder = await h.login('recorder');
    let n = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    // R5.1: the 出席 line of the draft (and so of the PDF and Word) in the same order.
    expect(n.content.present).toEqual(order);
    n = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
    const issued = await head.post(`/api/minutes/${n.id}/issue`, { version: n.version });
    expect(issued.statusCode, issued.body).toBe(200);
    const d = (await head.get(`/api/meetings/${m.id}/distribution`)).json() as MeetingDistributionDto;
    expect(d.entries.filter((e) => e.purpose === 'circulate').map((e) => e.recipientName)).toEqual(order);
    // Report: principal leaders, then the supervising leader, then the discipline secretary.
    const report = d.entries.filter((e) => e.purpose === 'report').map((e) => e.recipientRole.split(',')[0]);
    expect(report).toEqual([...report].sort((a, b) => rank(a) - rank(b)));
  });

  it('a crafted sort number is refused with 400 VALIDATION_FAILED and changes nothing; only the admin sets it', async () => {
    const admin = await h.login('admin');
    for (const bad of [-1, 10000, 1.5, '3', null]) {
      const r = await admin.put(`/api/admin/users/${ids.yangfan}/memberships`, {
        memberships: [{ divisionId: trade, position: 'staff', isRecorder: false, sortOrder: bad }],
      });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(codeOf(r)).toBe('VALIDATION_FAILED');
    }
    const u = (await admin.get(`/api/admin/users/${ids.yangfan}`)).json() as UserDto;
    expect(u.memberships[0]?.sortOrder).toBe(1);
    const head = await h.login('head');
    const r = await head.put(`/api/admin/users/${ids.yangfan}/memberships`, {
      memberships: [{ divisionId: trade, position: 'staff', isRecorder: false, sortOrder: 0 }],
    });
    expect(r.statusCode).toBe(403);
  });

  it('R3.3 R5.8: on the division page the admin orders its members in one go; stale, foreign, doubled or crafted orders are refused and change nothing', async () => {
    const admin = await h.login('admin');
    type Members = DivisionMembersDto;
    const get = async () => (await admin.get(`/api/admin/divisions/${trade}/members`)).json() as Members;
    // Another admin renames nothing but saves the division: the version the page was opened at is stale.
    const opened = (await get()).division.version;
    const saved = await admin.patch(`/api/admin/divisions/${trade}`, { version: opened, sortOrder: 10 });
    expect(saved.statusCode, saved.body).toBe(200);
    const before = await get();
    // Rank order: the head, the deputy, then staff by their numbers (the test above set them).
    expect(before.members.map((m) => m.name)).toEqual(['李伟', '张敏', '杨帆', '黄磊', '刘洋', '王芳', '陈静']);
    expect(before.members.find((m) => m.name === '王芳')).toMatchObject({ isRecorder: true, position: 'staff' });
    const staffOf = (m: Members) => m.members.filter((x) => x.position === 'staff');
    // The admin reverses the staff: 陈静 first, 杨帆 last.
    const reversed = staffOf(before)
      .reverse()
      .map((m, i) => ({ userId: m.userId, sortOrder: i + 1 }));
    const refuse = async (body: unknown, status: number, code: string) => {
      const r = await admin.put(`/api/admin/divisions/${trade}/member-order`, body);
      expect([r.statusCode, codeOf(r)], r.body).toEqual([status, code]);
      expect(await get()).toEqual(before);
      return r;
    };
    const v = before.division.version;
    await refuse({ version: v, order: [...reversed, { userId: ids.yangfan, sortOrder: 9 }] }, 400, 'VALIDATION_FAILED');
    const other = (await admin.get('/api/admin/users?q=jiancha')).json() as { items: Array<{ id: string }> };
    await refuse({ version: v, order: [{ userId: other.items[0]?.id, sortOrder: 1 }] }, 400, 'VALIDATION_FAILED');
    for (const bad of [-1, 10000, 1.5, '3'])
      await refuse({ version: v, order: [{ userId: ids.staff, sortOrder: bad }] }, 400, 'VALIDATION_FAILED');
    await refuse({ version: v, order: [] }, 400, 'VALIDATION_FAILED');
    const stale = await refuse({ version: opened, order: reversed }, 409, 'CONFLICT');
    expect((stale.json() as { error: { details: { current: Members } } }).error.details.current).toEqual(before);
    // Not the head of the division, not the security admin: only who manages the org.
    for (const who of ['head', 'secadmin']) {
      const r = await (
        await h.login(who)
      ).put(`/api/admin/divisions/${trade}/member-order`, { version: v, order: reversed });
      expect(r.statusCode, who).toBe(403);
    }
    expect(await get()).toEqual(before);

    const ok = await admin.put(`/api/admin/divisions/${trade}/member-order`, { version: v, order: reversed });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = ok.json() as Members;
    expect(after.division.version).toBe(v + 1);
    expect(after.members.map((m) => m.name)).toEqual(['李伟', '张敏', '陈静', '王芳', '刘洋', '黄磊', '杨帆']);
    // The same numbers the user page shows, and the audit names each change.
    const u = (await admin.get(`/api/admin/users/${ids.yangfan}`)).json() as UserDto;
    expect(u.memberships[0]?.sortOrder).toBe(5);
    const a = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'division.member_order')
      .where('subject_id', '=', trade)
      .executeTakeFirstOrThrow();
    const changes = (JSON.parse(String(a.data)) as { changes: Array<{ name: string; from: number; to: number }> })
      .changes;
    expect(changes).toContainEqual({ userId: ids.yangfan, name: '杨帆', from: 1, to: 5 });
    // And a meeting convened now lists its participants in the new order.
    const m = await holdMeeting(h, '2026-11-17T09:00:00+08:00', '排序例会二', { allPresent: true });
    const meeting = (await (await h.login('head')).get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect(meeting.participants.filter((p) => p.role === 'participant').map((p) => p.name)).toEqual(
      after.members.map((x) => x.name),
    );
  });

  it.skipIf(TEST_DB !== 'postgres')(
    'R3.3: two admins ordering the same division at once on PostgreSQL: one wins, the other gets 409 and nothing interleaves',
    async () => {
      const [a, b] = [await h.login('admin'), await h.login('admin')];
      const cur = (await a.get(`/api/admin/divisions/${trade}/members`)).json() as DivisionMembersDto;
      const staff = cur.members.filter((m) => m.position === 'staff');
      const up = staff.map((m, i) => ({ userId: m.userId, sortOrder: 100 + i }));
      const down = staff.map((m, i) => ({ userId: m.userId, sortOrder: 200 - i }));
      const rs = await Promise.all([
        a.put(`/api/admin/divisions/${trade}/member-order`, { version: cur.division.version, order: up }),
        b.put(`/api/admin/divisions/${trade}/member-order`, { version: cur.division.version, order: down }),
      ]);
      expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const won = rs[0]?.statusCode === 200 ? up : down;
      const now = (await a.get(`/api/admin/divisions/${trade}/members`)).json() as DivisionMembersDto;
      expect(
        now.members
          .filter((m) => m.position === 'staff')
          .map((m) => ({ userId: m.userId, sortOrder: m.sortOrder }))
          .sort((x, y) => x.sortOrder - y.sortOrder),
      ).toEqual([...won].sort((x, y) => x.sortOrder - y.sortOrder));
    },
  );

  it('R2.2: approving a topic takes an optional comment, kept in its history and the audit; over 500 characters is 400', async () => {
    const staff = await h.login('staff');
    const head = await h.login('head');
    const t = (await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    await staff.post(`/api/topics/${t.id}/submit`, { version: 1 });
    const long = await head.post(`/api/topics/${t.id}/approve`, { version: 2, comment: '长'.repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(codeOf(long)).toBe('VALIDATION_FAILED');
    const extra = await head.post(`/api/topics/${t.id}/approve`, { version: 2, comment: '好', note: 'x' });
    expect(codeOf(extra)).toBe('VALIDATION_FAILED');
    const ok = await head.post(`/api/topics/${t.id}/approve`, { version: 2, comment: '  同意，请准备材料。 ' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as TopicDto).history.find((e) => e.action === 'approve')?.note).toBe('同意，请准备材料。');
    const a = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'topic.approve')
      .where('subject_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(a.data)).toMatchObject({ note: '同意，请准备材料。' });
    // An old client sends the version only.
    const t2 = (await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    await staff.post(`/api/topics/${t2.id}/submit`, { version: 1 });
    expect((await head.post(`/api/topics/${t2.id}/approve`, { version: 2 })).statusCode).toBe(200);
  });

  it('R5.8: the issuer’s comment and a leader’s 批示 with 已阅 are stored, audited and shown to the division', async () => {
    const m = await holdMeeting(h, '2026-11-12T09:00:00+08:00', '批示例会');
    const recorder = await h.login('recorder');
    const head = await h.login('head');
    let n = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    n = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
    const tooLong = await head.post(`/api/minutes/${n.id}/issue`, { version: n.version, comment: 'x'.repeat(501) });
    expect(codeOf(tooLong)).toBe('VALIDATION_FAILED');
    const issued = await head.post(`/api/minutes/${n.id}/issue`, { version: n.version, comment: '同意印发。' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect((issued.json() as MinutesDto).issueComment).toBe('同意印发。');

    const director = await h.login('director');
    const inbox = (
      (await director.get('/api/distributions?box=reading&state=open')).json() as { items: DistributionEntryDto[] }
    ).items;
    const entry = inbox.find((e) => e.minutesId === n.id);
    if (!entry) throw new Error('no entry for the director');
    const bad = await director.post(`/api/distributions/${entry.id}/read`, { comment: 'x'.repeat(501) });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    const read = await director.post(`/api/distributions/${entry.id}/read`, { comment: '请抓紧落实。' });
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as DistributionEntryDto).readComment).toBe('请抓紧落实。');
    // Confirming again changes nothing, the comment included.
    const again = await director.post(`/api/distributions/${entry.id}/read`, { comment: '改了' });
    expect((again.json() as DistributionEntryDto).readComment).toBe('请抓紧落实。');
    // An old client confirms with no body at all.
    const staff = await h.login('staff');
    const mine = (
      (await staff.get('/api/distributions?box=reading&state=open')).json() as { items: DistributionEntryDto[] }
    ).items.find((e) => e.minutesId === n.id);
    expect((await staff.post(`/api/distributions/${mine?.id}/read`)).statusCode).toBe(200);

    // The division sees the leader's 批示 on the minutes page; a staff member's 已阅 is no 批示.
    const seen = (await staff.get(`/api/minutes/${n.id}`)).json() as MinutesDto;
    expect(seen.instructions).toEqual([expect.objectContaining({ name: '王建国', comment: '请抓紧落实。' })]);
    const audit = await h.s.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('subject_id', '=', n.id)
      .where('action', 'in', ['minutes.issue', 'distribution.read'])
      .execute();
    expect(audit.map((a) => JSON.parse(a.data) as { comment?: string }).map((d) => d.comment)).toEqual(
      expect.arrayContaining(['同意印发。', '请抓紧落实。']),
    );
  });

  it('R3.7: the chair of his own meeting gets no 会议通知未阅, no 请假, and a request is 409 LEAVE_NOT_FOR_HOST', async () => {
    const { head, meeting } = await convene('2026-11-16T01:00:00Z', '2026-11-20T09:00:00+08:00');
    let m = meeting;
    expect(m.abilities.requestLeave).toBe(false);
    const leave = await head.post(`/api/meetings/${m.id}/leave`, { reason: '外出' });
    expect(leave.statusCode).toBe(409);
    expect(codeOf(leave)).toBe('LEAVE_NOT_FOR_HOST');
    m = (await head.post(`/api/meetings/${m.id}/notify`, { version: m.version })).json() as MeetingDto;
    const wb = (await head.get('/api/workbench')).json() as {
      meetingsToAttend: Array<{ id: string; noticeRead: boolean }>;
    };
    expect(wb.meetingsToAttend.find((x) => x.id === m.id)?.noticeRead).toBe(true);
    const notices = await h.s.db.kysely
      .selectFrom('notices')
      .select('user_id')
      .where('subject_id', '=', m.id)
      .where('kind', '=', 'meeting.notice')
      .execute();
    expect(notices.map((x) => x.user_id)).not.toContain(ids.head);
    expect(notices.map((x) => x.user_id)).toContain(ids.staff);
    // Everyone else still has it unread, and may ask for leave.
    const staff = await h.login('staff');
    const seen = (await staff.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect(seen.abilities.requestLeave).toBe(true);
  });

  it('R2.3: 会议尚未通知 is not sent in the hour after the meeting was convened, and is sent after it', async () => {
    // Convened on the reminder day itself (the working day before the meeting).
    const { meeting: m } = await convene('2026-11-23T09:00:00+08:00', '2026-11-24T09:00:00+08:00');
    const jobs = new Scheduler(h.s, JOBS);
    const told = async () =>
      (
        await h.s.db.kysely
          .selectFrom('notices')
          .select('title')
          .where('subject_id', '=', m.id)
          .where('kind', '=', 'meeting.reminder')
          .execute()
      ).length;
    h.clock.set('2026-11-23T09:01:00+08:00');
    await jobs.tick();
    expect(await told()).toBe(0);
    h.clock.set('2026-11-23T10:05:00+08:00');
    await jobs.tick();
    expect(await told()).toBe(1);
  });

  it('R5.2: the recorder has 待记录 while the meeting runs, no minutes due; after the close the step is named', async () => {
    const { topic: t, meeting } = await convene('2026-11-25T08:00:00+08:00', '2026-11-25T09:00:00+08:00');
    let m = meeting;
    h.clock.set('2026-11-25T09:00:00+08:00');
    const head2 = await h.login('head');
    m = (await head2.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    // The deadline job starts the clock of a meeting in session; that is no minutes to-do yet.
    await new Scheduler(h.s, JOBS).tick();
    type Wb = {
      meetingsToRecord: Array<{ id: string }>;
      minutesDue: Array<{ meetingId: string; step: string }>;
    };
    const recorder = await h.login('recorder');
    let wb = (await recorder.get('/api/workbench')).json() as Wb;
    expect(wb.meetingsToRecord.map((x) => x.id)).toContain(m.id);
    expect(wb.minutesDue.map((x) => x.meetingId)).not.toContain(m.id);
    const staffWb = (await (await h.login('staff')).get('/api/workbench')).json() as Wb;
    expect(staffWb.meetingsToRecord).toEqual([]);
    await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
      version: 0,
      status: 'recorded',
      discussion: '会议研究了有关工作。',
      opinions: [],
      decisions: [],
    });
    const closed = await head2.post(`/api/meetings/${m.id}/close`, { version: m.version });
    expect(closed.statusCode, closed.body).toBe(200);
    wb = (await recorder.get('/api/workbench')).json() as Wb;
    expect(wb.meetingsToRecord.map((x) => x.id)).not.toContain(m.id);
    expect(wb.minutesDue.find((x) => x.meetingId === m.id)?.step).toBe('none');
    const n = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    wb = (await recorder.get('/api/workbench')).json() as Wb;
    expect(wb.minutesDue.find((x) => x.meetingId === m.id)?.step).toBe('draft');
    const sent = await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version });
    expect(sent.statusCode, sent.body).toBe(200);
    const headWb = (await head2.get('/api/workbench')).json() as Wb;
    expect(headWb.minutesDue.find((x) => x.meetingId === m.id)?.step).toBe('in_review');
  });

  it.skipIf(TEST_DB !== 'postgres')('R5.8: two 已阅 with different comments at once: one comment stands', async () => {
    const m = await holdMeeting(h, '2026-12-01T09:00:00+08:00', '并发批示');
    const recorder = await h.login('recorder');
    const head = await h.login('head');
    let n = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    n = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
    await head.post(`/api/minutes/${n.id}/issue`, { version: n.version });
    const director = await h.login('director');
    const entry = (
      (await director.get('/api/distributions?box=reading&state=open')).json() as { items: DistributionEntryDto[] }
    ).items.find((e) => e.minutesId === n.id);
    const both = await Promise.all(
      ['甲', '乙'].map((comment) => director.post(`/api/distributions/${entry?.id}/read`, { comment })),
    );
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    const comments = both.map((r) => (r.json() as DistributionEntryDto).readComment);
    expect(comments[0]).toBe(comments[1]);
  });
});

const ROLE_ORDER = ['principal_leader', 'supervising_leader', 'discipline_secretary'];
function rank(role: string | undefined): number {
  return ROLE_ORDER.indexOf(role ?? '');
}
