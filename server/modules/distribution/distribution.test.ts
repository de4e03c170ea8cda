import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { openDatabase } from '../../platform/db/database.js';
import { PLAIN_TOPIC } from '../../test/fixtures.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import type { TopicDto } from '../../../core/contracts/topics.js';
import type { DistributionEntryDto, MeetingDistributionDto } from '../../../core/contracts/distribution.js';
import { forgetAllAuth } from '../../platform/auth/auth-cache.js';
import { once, Scheduler } from '../../platform/jobs/scheduler.js';
import { notify } from '../notices/notices.js';
import { JOBS } from './jobs.js';
import { holdMeeting, issueAt } from '../../test/flows.js';

/** The items of one page of a distribution list. */
async function entries(c: Client, url: string): Promise<DistributionEntryDto[]> {
  return ((await c.get(url)).json() as { items: DistributionEntryDto[] }).items;
}

async function distribution(c: Client, meetingId: string): Promise<MeetingDistributionDto> {
  const res = await c.get(`/api/meetings/${meetingId}/distribution`);
  if (res.statusCode !== 200) throw new Error(`distribution: ${res.body}`);
  return res.json() as MeetingDistributionDto;
}

async function noticesOf(h: Harness, username: string, kind: string) {
  return h.s.db.kysely
    .selectFrom('notices')
    .selectAll()
    .where('user_id', '=', await h.userId(username))
    .where('kind', '=', kind)
    .execute();
}

describe('distribution within 3 working days (R5.8–R5.10)', () => {
  let h: Harness;
  let meeting: MeetingDto;
  let minutes: MinutesDto;
  beforeAll(async () => {
    h = await makeHarness();
    // The last working day before 国庆 2025: 10-01…08 rest, 10-09 (1), 10-10 (2), Saturday 10-11 is a working day (3).
    meeting = await holdMeeting(h, '2025-09-30T15:00:00+08:00', '国庆节前例会');
  });
  afterAll(async () => h.close());

  it('R5.8: the deadline runs from the meeting day; before 国庆 it lands on the adjusted Saturday 2025-10-11', async () => {
    const d = await distribution(await h.login('head'), meeting.id);
    expect(d).toMatchObject({
      meetingDay: '2025-09-30',
      workingDays: 3,
      dueDate: '2025-10-11',
      deadline: '2025-10-11T15:59:59.999Z',
      provisional: false,
      status: 'pending',
      entries: [],
    });
  });

  it('R5.8 R5.9 R5.10: issuing distributes in one transaction to leaders, the division and the supervision office', async () => {
    const before = await h.s.db.kysely.selectFrom('distribution_entries').selectAll().execute();
    expect(before).toHaveLength(0);
    minutes = await issueAt(h, meeting.id, '2025-10-11T17:30:00+08:00');
    const d = await distribution(await h.login('head'), meeting.id);
    expect(d.status).toBe('on_time');
    const byPurpose = (p: string) => d.entries.filter((e) => e.purpose === p).map((e) => e.recipientName);
    // R5.8: principal leaders, the supervising leader of 对外贸易处, the discipline secretary.
    expect(byPurpose('report').sort()).toEqual(['刘志强', '孙明', '王建国', '陈立新'].sort());
    expect(d.entries.find((e) => e.recipientName === '孙明')?.recipientRole).toBe(
      'supervising_leader,discipline_secretary'
        .split(',')
        .filter((r) => r !== 'supervising_leader')
        .join(),
    );
    expect(d.entries.find((e) => e.recipientName === '陈立新')?.recipientRole).toBe('supervising_leader');
    // R5.9: every member of the division.
    expect(byPurpose('circulate')).toHaveLength(7);
    // R5.10: the supervision office, as an office.
    expect(byPurpose('file')).toEqual(['监察室']);
    for (const e of d.entries) {
      expect(e).toMatchObject({
        dueDate: '2025-10-11',
        provisional: false,
        delivery: 'on_time',
        minutesId: minutes.id,
      });
    }
    // The head who signed has read it; everyone else has it unread.
    expect(d.entries.filter((e) => e.readAt !== null).map((e) => e.recipientName)).toEqual(['李伟']);
    const notices = await noticesOf(h, 'director', 'minutes.distributed');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ subject_type: 'minutes', subject_id: minutes.id });
  });

  it('R5.8: recipients see the minutes in 待阅 and confirm 已阅; a second confirmation changes nothing', async () => {
    for (const who of ['director', 'leader', 'jiwei']) {
      const c = await h.login(who);
      const inbox = await entries(c, '/api/distributions');
      expect(inbox, who).toHaveLength(1);
      const entry = inbox[0] as DistributionEntryDto;
      expect(entry).toMatchObject({
        purpose: 'report',
        minutesNumber: minutes.number,
        abilities: { confirmRead: true },
      });
      h.clock.advanceMinutes(1);
      const first = (await c.post(`/api/distributions/${entry.id}/read`)).json() as DistributionEntryDto;
      expect(first.readAt).not.toBeNull();
      h.clock.advanceMinutes(1);
      const again = await c.post(`/api/distributions/${entry.id}/read`);
      expect(again.statusCode).toBe(200);
      expect((again.json() as DistributionEntryDto).readAt).toBe(first.readAt);
      expect(await entries(c, '/api/distributions')).toHaveLength(0);
      expect(await entries(c, '/api/distributions?state=done')).toHaveLength(1);
    }
    const audits = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'distribution.read')
      .execute();
    expect(audits).toHaveLength(3);
  });

  it('R5.9: the division’s staff see the circulation; someone else’s entry is 404', async () => {
    const staff = await h.login('staff');
    const inbox = await entries(staff, '/api/distributions');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.purpose).toBe('circulate');
    const director = await h.login('director');
    const theirs = await entries(director, '/api/distributions?state=all');
    const res = await staff.get(`/api/distributions/${theirs[0]?.id}`);
    expect(res.statusCode).toBe(404);
    expect((await staff.post(`/api/distributions/${theirs[0]?.id}/read`)).statusCode).toBe(404);
    expect((await director.get(`/api/distributions/${theirs[0]?.id}`)).statusCode).toBe(200);
  });

  it('R5.10: the supervision office signs for the filing; anyone else gets 403', async () => {
    const jiancha = await h.login('jiancha');
    const box = await entries(jiancha, '/api/distributions?box=filing');
    expect(box).toHaveLength(1);
    const filing = box[0] as DistributionEntryDto;
    expect(filing.abilities.receive).toBe(true);
    const staff = await h.login('staff');
    expect((await staff.post(`/api/distributions/${filing.id}/receive`)).statusCode).toBe(403);
    expect((await staff.get('/api/distributions?box=filing')).statusCode).toBe(403);
    const director = await h.login('director');
    expect((await director.post(`/api/distributions/${filing.id}/receive`)).statusCode).toBe(403);
    const signed = (await jiancha.post(`/api/distributions/${filing.id}/receive`)).json() as DistributionEntryDto;
    expect(signed).toMatchObject({ receivedByName: '高敏', done: true });
    const again = (await (await h.login('majun')).post(`/api/distributions/${filing.id}/receive`)).json();
    expect(again).toMatchObject({ receivedByName: '高敏', receivedAt: signed.receivedAt });
    expect(await entries(jiancha, '/api/distributions?box=filing')).toHaveLength(0);
    const d = await distribution(await h.login('head'), meeting.id);
    expect(d.entries.find((e) => e.purpose === 'file')).toMatchObject({ done: true, receivedByName: '高敏' });
    expect(d.counts.done).toBe(5); // head + 3 leaders + the filing
  });

  it('R5.8: a recipient from outside the division reads the minutes and documents through the entry', async () => {
    // The supervising leader loses the division after the minutes went out; what was sent to him stays readable.
    const leaderId = await h.userId('leader');
    const trade = await h.divisionId('对外贸易处');
    const role = await h.s.db.kysely
      .selectFrom('unit_roles')
      .select('id')
      .where('user_id', '=', leaderId)
      .where('role', '=', 'supervising_leader')
      .executeTakeFirstOrThrow();
    await h.s.db.kysely
      .deleteFrom('unit_role_divisions')
      .where('unit_role_id', '=', role.id)
      .where('division_id', '=', trade)
      .execute();
    forgetAllAuth(h.s.db);
    const leader = await h.login('leader');
    expect((await leader.get(`/api/meetings/${meeting.id}`)).statusCode).toBe(404);
    expect((await leader.get(`/api/minutes/${minutes.id}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/minutes/${minutes.id}/document.docx`)).statusCode).toBe(200);
    expect((await leader.get(`/api/meetings/${meeting.id}/distribution`)).statusCode).toBe(200);
    // Someone it was never sent to: nothing.
    const other = await h.login('zhaohaiyan');
    expect((await other.get(`/api/minutes/${minutes.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/meetings/${meeting.id}/distribution`)).statusCode).toBe(404);
  });

  it('R5.7 R5.8: a correction is distributed again, due from its own issue; the superseded version leaves 待阅', async () => {
    h.clock.set('2025-10-20T10:00:00+08:00'); // a Monday
    const head = await h.login('head');
    let c = (await head.post(`/api/minutes/${minutes.id}/correct`)).json() as MinutesDto;
    c = (await head.post(`/api/minutes/${c.id}/submit`, { version: c.version })).json() as MinutesDto;
    c = (await head.post(`/api/minutes/${c.id}/issue`, { version: c.version })).json() as MinutesDto;
    expect(c.number).toBe(`${minutes.number}（更正）`);
    const staff = await h.login('staff');
    const inbox = await entries(staff, '/api/distributions');
    expect(inbox.map((e) => e.minutesId)).toEqual([c.id]);
    expect(inbox[0]).toMatchObject({ dueDate: '2025-10-23', delivery: 'on_time' });
    const d = await distribution(head, meeting.id);
    expect(d).toMatchObject({ status: 'on_time', minutesId: c.id, dueDate: '2025-10-11' });
    const director = await entries(await h.login('director'), '/api/distributions');
    expect(director.map((e) => e.minutesNumber)).toEqual([c.number]);
  });
});

describe('deadlines on China’s calendar, overdue and late (R5.8–R5.10)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('R5.8: before 春节 2026 the deadline skips 02-15…23 and counts Saturday 02-14', async () => {
    const m = await holdMeeting(h, '2026-02-13T09:00:00+08:00', '春节前例会');
    expect(await distribution(await h.login('head'), m.id)).toMatchObject({
      dueDate: '2026-02-25',
      provisional: false,
    });
    const sat = await holdMeeting(h, '2026-02-14T09:00:00+08:00', '春节前调休日例会');
    expect(await distribution(await h.login('head'), sat.id)).toMatchObject({ dueDate: '2026-02-26' });
  });

  it('R5.8: a deadline lands on the adjusted Saturday 2026-02-28', async () => {
    const m = await holdMeeting(h, '2026-02-25T09:00:00+08:00', '节后例会');
    expect(await distribution(await h.login('head'), m.id)).toMatchObject({ dueDate: '2026-02-28' });
  });

  it('R5.8: a meeting held on a Sunday: the Sunday itself never counts', async () => {
    const m = await holdMeeting(h, '2026-11-29T10:00:00+08:00', '周日加班例会');
    expect(await distribution(await h.login('head'), m.id)).toMatchObject({
      meetingDay: '2026-11-29',
      dueDate: '2026-12-02',
    });
  });

  it('R5.8 R5.10: minutes issued after the deadline still go out, marked late; the overdue mark comes at the deadline, once', async () => {
    const m = await holdMeeting(h, '2026-03-02T09:00:00+08:00', '三月例会'); // due Thursday 03-05
    const jobs = new Scheduler(h.s, JOBS);
    h.clock.set('2026-03-05T23:59:00+08:00');
    await jobs.tick();
    expect((await distribution(await h.login('head'), m.id)).status).toBe('pending');
    h.clock.set('2026-03-06T00:00:30+08:00');
    // Two processes' schedulers at once: the claim decides, one notice each.
    const other = new Scheduler(h.s, JOBS);
    await Promise.all([jobs.tick(), other.tick()]);
    await jobs.tick();
    const d = await distribution(await h.login('head'), m.id);
    expect(d.status).toBe('overdue');
    expect(d.overdueAt).toBe('2026-03-05T16:00:30.000Z');
    const mine = async (who: string) =>
      (await noticesOf(h, who, 'distribution.overdue')).filter((n) => n.subject_id === m.id);
    expect(await mine('jiancha')).toHaveLength(1);
    expect(await mine('majun')).toHaveLength(1);
    expect(await mine('head')).toHaveLength(1);
    expect(await mine('staff')).toHaveLength(0);
    const late = await issueAt(h, m.id, '2026-03-09T10:00:00+08:00');
    const after = await distribution(await h.login('head'), m.id);
    expect(after.status).toBe('late');
    expect(after.entries.every((e) => e.delivery === 'late')).toBe(true);
    const list = (
      (await (await h.login('jiancha')).get('/api/distribution-deadlines?status=late')).json() as {
        items: Array<{ minutesId: string }>;
      }
    ).items;
    expect(list.map((x) => x.minutesId)).toContain(late.id);
  });

  it('R5.8: on the 2nd working day after the meeting without issued minutes, the recorder and the head are reminded once', async () => {
    const m = await holdMeeting(h, '2025-09-30T15:00:00+08:00', '国庆节前专题会'); // 2nd working day: 10-10
    const jobs = new Scheduler(h.s, JOBS);
    const count = async () => (await noticesOf(h, 'recorder', 'minutes.reminder')).filter((n) => n.subject_id === m.id);
    h.clock.set('2025-10-09T10:00:00+08:00');
    await jobs.tick();
    expect(await count()).toHaveLength(0);
    h.clock.set('2025-10-10T08:59:00+08:00');
    await jobs.tick();
    expect(await count()).toHaveLength(0);
    h.clock.set('2025-10-10T09:00:00+08:00');
    await jobs.tick();
    h.clock.advanceMinutes(1);
    await jobs.tick();
    expect(await count()).toHaveLength(1);
    expect((await noticesOf(h, 'head', 'minutes.reminder')).filter((n) => n.subject_id === m.id)).toHaveLength(1);
    expect((await noticesOf(h, 'staff', 'minutes.reminder')).filter((n) => n.subject_id === m.id)).toHaveLength(0);
  });

  it('R3.7 R2.3: participants are reminded one working day before the meeting (Friday for a Monday meeting)', async () => {
    h.clock.set('2026-12-01T09:00:00+08:00');
    const trade = await h.divisionId('对外贸易处');
    const head = await h.login('head');
    const topic = (await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    let m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-12-07T09:30:00+08:00',
        place: '第二会议室',
        agenda: [topic.id],
      })
    ).json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/notify`, { version: m.version })).json() as MeetingDto;
    const jobs = new Scheduler(h.s, JOBS);
    const reminded = async () =>
      (await noticesOf(h, 'staff', 'meeting.reminder')).filter((n) => n.subject_id === m.id).length;
    h.clock.set('2026-12-03T10:00:00+08:00');
    await jobs.tick();
    expect(await reminded()).toBe(0);
    h.clock.set('2026-12-04T09:05:00+08:00');
    await jobs.tick();
    await jobs.tick();
    expect(await reminded()).toBe(1);
    h.clock.set('2026-12-05T09:05:00+08:00');
    await jobs.tick();
    expect(await reminded()).toBe(1);
  });

  it('R5.9: unread circulations are reminded once per working day, not on rest days', async () => {
    const m = await holdMeeting(h, '2026-04-01T09:00:00+08:00', '四月例会');
    await issueAt(h, m.id, '2026-04-02T16:00:00+08:00');
    const jobs = new Scheduler(h.s, JOBS);
    const unread = async () => (await noticesOf(h, 'chenjing', 'distribution.unread')).length;
    const base = await unread();
    h.clock.set('2026-04-03T09:30:00+08:00'); // Friday
    await jobs.tick();
    await jobs.tick();
    expect(await unread()).toBe(base + 1);
    h.clock.set('2026-04-04T09:30:00+08:00'); // 清明 2026: 04-04…06 rest
    await jobs.tick();
    h.clock.set('2026-04-06T09:30:00+08:00');
    await jobs.tick();
    expect(await unread()).toBe(base + 1);
    h.clock.set('2026-04-07T09:30:00+08:00');
    await jobs.tick();
    expect(await unread()).toBe(base + 2);
    const jiancha = (await noticesOf(h, 'jiancha', 'distribution.unfiled')).length;
    expect(jiancha).toBeGreaterThan(0);
  });

  it('R5.8: changing the recipient settings changes future distributions, not issued ones', async () => {
    const m1 = await holdMeeting(h, '2026-05-11T09:00:00+08:00', '五月例会');
    const n1 = await issueAt(h, m1.id, '2026-05-11T16:00:00+08:00');
    const admin = await h.login('admin');
    const regime = (await admin.get('/api/settings/regime')).json() as { version: number; value: object };
    const put = await admin.put('/api/admin/settings/regime', {
      version: regime.version,
      value: { ...regime.value, circulateToDivision: false, reportRecipientRoles: ['principal_leader'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const m2 = await holdMeeting(h, '2026-05-12T09:00:00+08:00', '五月第二次例会');
    await issueAt(h, m2.id, '2026-05-12T16:00:00+08:00');
    const head = await h.login('head');
    const d1 = await distribution(head, m1.id);
    const d2 = await distribution(head, m2.id);
    expect(d1.minutesId).toBe(n1.id);
    expect(d1.entries.filter((e) => e.purpose === 'circulate')).toHaveLength(7);
    expect(d2.entries.filter((e) => e.purpose === 'circulate')).toHaveLength(0);
    expect(d2.entries.filter((e) => e.purpose === 'report').map((e) => e.recipientRole)).toEqual([
      'principal_leader',
      'principal_leader',
    ]);
  });
});

describe('the calendar kept by the general office; deadlines into 2027', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  const SCHEDULE_2027 = {
    year: 2027,
    papers: ['（测试用）国务院办公厅关于2027年部分节假日安排的通知'],
    days: [
      { name: '元旦', date: '2027-01-01', isOffDay: true },
      { name: '元旦', date: '2027-01-02', isOffDay: true },
      { name: '元旦', date: '2027-01-03', isOffDay: true },
      { name: '元旦', date: '2027-01-04', isOffDay: true },
      { name: '元旦', date: '2027-01-09', isOffDay: false },
    ],
  };

  it('R5.8: a deadline running into 2027 is provisional, with 1 January a rest day; importing the schedule recomputes it', async () => {
    const m = await holdMeeting(h, '2026-12-30T09:00:00+08:00', '年末例会');
    const head = await h.login('head');
    expect(await distribution(head, m.id)).toMatchObject({ dueDate: '2027-01-05', provisional: true });
    const n = await issueAt(h, m.id, '2026-12-31T10:00:00+08:00');
    let d = await distribution(await h.login('head'), m.id);
    expect(d.entries[0]).toMatchObject({ dueDate: '2027-01-05', provisional: true });
    const office = await h.login('zhouxuemei'); // head of the general office
    const res = await office.post('/api/calendar/schedules', SCHEDULE_2027);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, days: 5, recomputed: 1 });
    d = await distribution(await h.login('head'), m.id);
    // 12-31 (1), 01-01…04 rest, 01-05 (2), 01-06 (3)
    expect(d).toMatchObject({ dueDate: '2027-01-06', provisional: false, status: 'on_time', minutesId: n.id });
    expect(d.entries.every((e) => e.dueDate === '2027-01-06' && !e.provisional)).toBe(true);
    const years = (await office.get('/api/calendar/years')).json() as Array<{ year: number; source: string }>;
    expect(years.find((y) => y.year === 2027)?.source).toBe('imported');
    const ev = await h.s.db.kysely
      .selectFrom('audit_events')
      .select(['data', 'actor_name'])
      .where('action', '=', 'calendar.import')
      .executeTakeFirstOrThrow();
    expect(ev.actor_name).toBe('周雪梅');
    expect(JSON.parse(ev.data)).toMatchObject({ year: 2027, recomputed: 1 });
    // Withdrawing the import makes 2027 provisional again.
    expect((await office.del('/api/calendar/schedules/2027')).json()).toEqual({ recomputed: 1 });
    expect(await distribution(await h.login('head'), m.id)).toMatchObject({ dueDate: '2027-01-05', provisional: true });
  });

  it('a malformed calendar import names its bad lines and imports nothing; only the office or the admin may import', async () => {
    const admin = await h.login('admin');
    const bad = await admin.post('/api/calendar/schedules', {
      year: 2027,
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '春节', date: '2027-02-30', isOffDay: true },
        { name: '', date: '2027-02-06', isOffDay: 'yes' },
        { name: '元旦', date: '2027-01-01', isOffDay: true },
      ],
    });
    expect(bad.statusCode).toBe(422);
    const body = bad.json() as { error: { code: string; message: string; details: { errors: { index: number }[] } } };
    expect(body.error.code).toBe('CALENDAR_IMPORT_INVALID');
    expect(body.error.details.errors.map((e) => e.index)).toEqual([1, 2, 3]);
    expect(body.error.message).toContain('第 2 条');
    expect(body.error.message).toContain('第 4 条');
    expect(await h.s.db.kysely.selectFrom('calendar_schedules').selectAll().execute()).toHaveLength(0);
    expect(codeOf(await admin.post('/api/calendar/schedules', '不是 JSON 对象'))).toBeTruthy();
    expect((await admin.post('/api/calendar/schedules', [1, 2])).statusCode).toBe(422);
    const head = await h.login('head');
    expect((await head.post('/api/calendar/schedules', SCHEDULE_2027)).statusCode).toBe(403);
    expect((await head.put('/api/calendar/overrides/2026-12-31', { isOffDay: true })).statusCode).toBe(403);
  });

  it('R5.8: a single-day override is audited and moves pending deadlines', async () => {
    const m = await holdMeeting(h, '2026-06-01T09:00:00+08:00', '六月例会'); // due 06-04
    const admin = await h.login('admin');
    expect(await distribution(await h.login('head'), m.id)).toMatchObject({ dueDate: '2026-06-04' });
    const res = await admin.put('/api/calendar/overrides/2026-06-03', { isOffDay: true, name: '防汛停工' });
    expect(res.json()).toEqual({ recomputed: 1 });
    expect(await distribution(await h.login('head'), m.id)).toMatchObject({ dueDate: '2026-06-05' });
    const staff = await h.login('staff');
    expect((await staff.get('/api/calendar/due?date=2026-06-01')).json()).toMatchObject({ date: '2026-06-05' });
    expect((await admin.put('/api/calendar/overrides/2026-02-30', { isOffDay: true })).statusCode).toBe(400);
    expect((await admin.del('/api/calendar/overrides/2026-06-03')).json()).toEqual({ recomputed: 1 });
    expect((await admin.del('/api/calendar/overrides/2026-06-03')).statusCode).toBe(404);
    expect(await distribution(await h.login('head'), m.id)).toMatchObject({ dueDate: '2026-06-04' });
    const actions = (
      await h.s.db.kysely.selectFrom('audit_events').select('action').where('action', 'like', 'calendar.%').execute()
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['calendar.override', 'calendar.override_remove']));
  });
});

describe('scheduled jobs are claimed in the database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('a job run that dies half-way leaves no claim and no notice; the next run does it, exactly once', async () => {
    const unit = await h.s.db.kysely.selectFrom('units').select('unit_id').executeTakeFirstOrThrow();
    const staff = await h.userId('staff');
    const work = (crash: boolean) => async (trx: Parameters<Parameters<typeof once>[4]>[0]) => {
      await notify(h.s, trx, {
        unitId: unit.unit_id,
        userIds: [staff],
        kind: 'test.job',
        subjectType: 'reading',
        subjectId: 'x',
        title: '测试',
        body: '测试',
      });
      if (crash) throw new Error('进程在发送途中退出');
    };
    await expect(once(h.s, 'test', 'k1', unit.unit_id, work(true))).rejects.toThrow('进程在发送途中退出');
    expect(await noticesOf(h, 'staff', 'test.job')).toHaveLength(0);
    expect(await once(h.s, 'test', 'k1', unit.unit_id, work(false))).toBe(true);
    expect(await once(h.s, 'test', 'k1', unit.unit_id, work(false))).toBe(false);
    expect(await noticesOf(h, 'staff', 'test.job')).toHaveLength(1);
  });

  it.runIf(TEST_DB === 'postgres')(
    'R5.10: two server processes (separate connection pools) tick together on one PostgreSQL: one overdue notice',
    async () => {
      const m = await holdMeeting(h, '2026-03-02T09:00:00+08:00', '双进程例会');
      const second = openDatabase(h.testDb.url, { searchPath: h.testDb.searchPath, poolSize: 3 });
      try {
        h.clock.set('2026-03-06T09:00:00+08:00');
        const a = new Scheduler(h.s, JOBS);
        const b = new Scheduler({ ...h.s, db: second }, JOBS);
        await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
        const overdue = (await noticesOf(h, 'jiancha', 'distribution.overdue')).filter((n) => n.subject_id === m.id);
        expect(overdue).toHaveLength(1);
        const reminders = (await noticesOf(h, 'recorder', 'minutes.reminder')).filter((n) => n.subject_id === m.id);
        expect(reminders).toHaveLength(1);
      } finally {
        await second.close();
      }
    },
  );
});
