import { headTopicIds } from '../../test/flows.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { EXE, PDF, PLAIN_TOPIC } from '../../test/fixtures.js';
import type { MeetingDto, MonthlyDto } from '../../../core/contracts/meetings.js';
import type { TopicDto } from '../../../core/contracts/topics.js';

/** R3.5: the record cannot say a meeting took place when it did not; a paper meeting is entered only as 补录. */
describe('R3.5: no meeting in the past; 补录 with reason and paper minutes', () => {
  let h: Harness;
  let head: Client, staff: Client, recorder: Client;
  let trade: string;
  const relogin = async () => {
    head = await h.login('head');
    staff = await h.login('staff');
    recorder = await h.login('recorder');
  };
  beforeAll(async () => {
    h = await makeHarness();
    h.clock.set('2026-11-10T10:00:00+08:00');
    trade = await h.divisionId('对外贸易处');
    await relogin();
  });
  afterAll(async () => h.close());

  /** A meeting's body, with a fresh approved topic of the head's on its agenda. */
  const body = async (startsAt: string, extra: object = {}) => ({
    divisionId: trade,
    kind: 'regular',
    startsAt,
    place: '第一会议室',
    agenda: await headTopicIds(head, trade, `议题${startsAt}${Math.random()}`),
    ...extra,
  });
  const meetingCount = async () => (await h.s.db.kysely.selectFrom('meetings').select('id').execute()).length;
  const upload = (c: Client, id: string, data: Buffer, name: string) =>
    h.app.inject({
      method: 'PUT',
      url: `/api/meetings/${id}/paper-minutes`,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent(name),
      },
      payload: data,
    });
  const audits = async (id: string) =>
    h.s.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('subject_id', '=', id)
      .orderBy('seq')
      .execute();

  it('R3.5: a meeting cannot be convened for a time already past (5 minutes of clock skew allowed)', async () => {
    const [pastBody, sixBody] = [await body('2026-11-09T09:00:00+08:00'), await body('2026-11-10T09:54:00+08:00')];
    const [before, auditBefore] = [await meetingCount(), await h.auditCount()];
    const past = await head.post('/api/meetings', pastBody);
    expect(past.statusCode).toBe(422);
    expect(codeOf(past)).toBe('MEETING_IN_PAST');
    const sixMinutes = await head.post('/api/meetings', sixBody);
    expect(codeOf(sixMinutes)).toBe('MEETING_IN_PAST');
    expect([await meetingCount(), await h.auditCount()]).toEqual([before, auditBefore]);
    const skew = await head.post('/api/meetings', await body('2026-11-10T09:56:00+08:00'));
    expect(skew.statusCode, skew.body).toBe(201);
  });

  it('R3.5: a meeting cannot be moved into the past', async () => {
    const m = (await head.post('/api/meetings', await body('2026-11-12T09:00:00+08:00'))).json() as MeetingDto;
    const moved = await head.patch(`/api/meetings/${m.id}`, {
      version: m.version,
      startsAt: '2026-11-01T09:00:00+08:00',
    });
    expect(moved.statusCode).toBe(422);
    expect(codeOf(moved)).toBe('MEETING_IN_PAST');
    const after = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    expect([after.startsAt, after.version]).toEqual([m.startsAt, m.version]);
    // Editing something else of a meeting whose time has come is not refused.
    h.clock.set('2026-11-12T09:20:00+08:00');
    await relogin();
    const place = await head.patch(`/api/meetings/${m.id}`, { version: m.version, place: '第二会议室' });
    expect(place.statusCode, place.body).toBe(200);
    h.clock.set('2026-11-10T10:00:00+08:00');
    await relogin();
  });

  it('R3.5: a backfill needs a reason and a time in the past; staff cannot enter one', async () => {
    const before = await meetingCount();
    const noReason = await head.post('/api/meetings', await body('2026-11-05T09:00:00+08:00', { backfill: {} }));
    expect(noReason.statusCode).toBe(400);
    expect(codeOf(noReason)).toBe('VALIDATION_FAILED');
    const blank = await head.post(
      '/api/meetings',
      await body('2026-11-05T09:00:00+08:00', { backfill: { reason: '  ' } }),
    );
    expect(codeOf(blank)).toBe('VALIDATION_FAILED');
    const future = await head.post(
      '/api/meetings',
      await body('2026-11-20T09:00:00+08:00', { backfill: { reason: '补录' } }),
    );
    expect(future.statusCode).toBe(422);
    expect(codeOf(future)).toBe('BACKFILL_IN_FUTURE');
    const byStaff = await staff.post(
      '/api/meetings',
      await body('2026-11-05T09:00:00+08:00', { backfill: { reason: '补录' } }),
    );
    expect(byStaff.statusCode).toBe(403);
    expect(codeOf(byStaff)).toBe('FORBIDDEN');
    const outsider = await (
      await h.login('songhua')
    ).post('/api/meetings', await body('2026-11-05T09:00:00+08:00', { backfill: { reason: '补录' } }));
    expect(outsider.statusCode).toBe(404);
    expect(codeOf(outsider)).toBe('NOT_FOUND');
    expect(await meetingCount()).toBe(before);
  });

  it('R3.5: a backfill is started only with its paper minutes, on its paper date, and is marked 补录 everywhere', async () => {
    const topic = (await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    const reason = '11月5日处务会因系统维护在线下召开，会后补录';
    const created = await head.post(
      '/api/meetings',
      await body('2026-11-05T09:00:00+08:00', { agenda: [topic.id], backfill: { reason } }),
    );
    expect(created.statusCode, created.body).toBe(201);
    let m = created.json() as MeetingDto;
    expect(m.backfill).toMatchObject({ reason, byName: '李伟', paperMinutes: null });
    expect(m.abilities).toMatchObject({ start: false, notify: false, uploadPaperMinutes: true });

    const noPaper = await head.post(`/api/meetings/${m.id}/start`, { version: m.version });
    expect(noPaper.statusCode).toBe(409);
    expect(codeOf(noPaper)).toBe('PAPER_MINUTES_REQUIRED');
    const notice = await head.post(`/api/meetings/${m.id}/notify`, { version: m.version });
    expect(codeOf(notice)).toBe('INVALID_TRANSITION');
    expect(codeOf(await upload(head, m.id, EXE, '会议记录.pdf'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(codeOf(await upload(head, m.id, Buffer.from('纸质记录'), '会议记录.pdf'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(codeOf(await upload(staff, m.id, PDF, '会议记录.pdf'))).toBe('FORBIDDEN');
    expect(codeOf(await head.put(`/api/meetings/${m.id}/paper-minutes`, { file: 'x' }))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(codeOf(await head.get(`/api/meetings/${m.id}/paper-minutes`))).toBe('NOT_FOUND');
    const ordinary = (await head.post('/api/meetings', await body('2026-11-20T09:00:00+08:00'))).json() as MeetingDto;
    expect(codeOf(await upload(head, ordinary.id, PDF, '会议记录.pdf'))).toBe('INVALID_TRANSITION');
    expect(((await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto).version).toBe(m.version);

    const up = await upload(head, m.id, PDF, '11月5日处务会记录（扫描件）.pdf');
    expect(up.statusCode, up.body).toBe(200);
    m = up.json() as MeetingDto;
    expect(m.backfill?.paperMinutes).toMatchObject({ filename: '11月5日处务会记录（扫描件）.pdf', fileType: 'pdf' });
    const dl = await staff.get(`/api/meetings/${m.id}/paper-minutes`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(PDF)).toBe(true);

    const started = await head.post(`/api/meetings/${m.id}/start`, { version: m.version });
    expect(started.statusCode, started.body).toBe(200);
    m = started.json() as MeetingDto;
    expect(m.startedAt).toBe('2026-11-05T01:00:00.000Z');
    expect(codeOf(await upload(head, m.id, PDF, '换一份.pdf'))).toBe('INVALID_TRANSITION');
    expect(codeOf(await recorder.get(`/api/meetings/${m.id}/checkin-token`))).toBe('INVALID_TRANSITION');
    const rec = await recorder.put(`/api/meetings/${m.id}/record/${topic.id}`, {
      version: 0,
      status: 'recorded',
      discussion: '据纸质会议记录补录。',
      opinions: [],
      decisions: [],
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const closed = await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
    expect(closed.statusCode, closed.body).toBe(200);

    const list = (
      (await head.get(`/api/meetings?divisionId=${trade}&month=2026-11`)).json() as {
        items: Array<{ id: string; backfilled: boolean }>;
      }
    ).items;
    expect(list.find((x) => x.id === m.id)?.backfilled).toBe(true);
    expect(list.find((x) => x.id === ordinary.id)?.backfilled).toBe(false);
    const month = (await head.get('/api/meetings/monthly?month=2026-11')).json() as MonthlyDto;
    expect(month.divisions.find((d) => d.divisionId === trade)).toMatchObject({
      held: 1,
      backfilled: 1,
      verdict: 'met',
    });
    expect((await audits(m.id)).map((e) => e.action)).toEqual([
      'meeting.backfill',
      'meeting.paper_minutes',
      'meeting.start',
      'record.save',
      'meeting.close',
    ]);
    const [create, paper, start] = await audits(m.id);
    expect(JSON.parse(create?.data ?? '{}')).toMatchObject({ backfillReason: reason });
    expect(JSON.parse(paper?.data ?? '{}')).toMatchObject({ fileType: 'pdf', size: PDF.length });
    expect(JSON.parse(start?.data ?? '{}')).toEqual({ startedAt: '2026-11-05T01:00:00.000Z', backfill: true });
  });

  it('R3.5: a backfill cannot be moved into the future', async () => {
    const m = (
      await head.post('/api/meetings', await body('2026-11-06T09:00:00+08:00', { backfill: { reason: '线下召开' } }))
    ).json() as MeetingDto;
    const moved = await head.patch(`/api/meetings/${m.id}`, {
      version: m.version,
      startsAt: '2026-11-16T09:00:00+08:00',
    });
    expect(codeOf(moved)).toBe('BACKFILL_IN_FUTURE');
    const earlier = await head.patch(`/api/meetings/${m.id}`, {
      version: m.version,
      startsAt: '2026-11-06T08:30:00+08:00',
    });
    expect(earlier.statusCode, earlier.body).toBe(200);
  });
});
