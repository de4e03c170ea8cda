import { headTopicIds } from '../../test/flows.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { PLAIN_TOPIC } from '../../test/fixtures.js';
import type { MeetingDto, MonthlyDto } from '../../../core/contracts/meetings.js';
import type { TopicDto } from '../../../core/contracts/topics.js';

type Outcome = 'recorded' | 'deferred' | 'not_discussed';

/** R3.5 counted honestly: by the Shanghai month a meeting actually started, only when a topic was discussed. */
describe('R3.5 R3.6: which meetings count for which month', () => {
  let h: Harness;
  let trade: string;
  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
  });
  afterAll(async () => h.close());

  /** Convenes at `startsAt` minus 3 hours, starts at `startAt` (default: on time), records `outcomes`, closes. */
  const hold = async (startsAt: string, outcomes: Outcome[], startAt = startsAt): Promise<MeetingDto> => {
    h.clock.set(new Date(Date.parse(startsAt) - 3 * 3600_000));
    let head = await h.login('head');
    const topics: TopicDto[] = [];
    for (const [i] of outcomes.entries()) {
      const r = await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: `议题${startsAt}-${i}` });
      expect(r.statusCode, r.body).toBe(201);
      topics.push(r.json() as TopicDto);
    }
    const created = await head.post('/api/meetings', {
      divisionId: trade,
      kind: 'regular',
      startsAt,
      place: '第一会议室',
      agenda: topics.map((t) => t.id),
    });
    expect(created.statusCode, created.body).toBe(201);
    let m = created.json() as MeetingDto;
    h.clock.set(startAt);
    head = await h.login('head');
    const recorder = await h.login('recorder');
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    expect(m.status).toBe('in_session');
    for (const [i, t] of topics.entries()) {
      const outcome = outcomes[i];
      const r =
        outcome === 'recorded'
          ? await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
              version: 0,
              status: 'recorded',
              discussion: '会议研究了有关工作。',
              opinions: [],
              decisions: [],
            })
          : await head.put(`/api/meetings/${m.id}/agenda/${t.id}/outcome`, { outcome });
      expect(r.statusCode, r.body).toBe(200);
    }
    const closed = await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
    expect(closed.statusCode, closed.body).toBe(200);
    return closed.json() as MeetingDto;
  };
  const tradeIn = async (month: string) => {
    const res = await (await h.login('head')).get(`/api/meetings/monthly?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = (res.json() as MonthlyDto).divisions.find((x) => x.divisionId === trade);
    if (!d) throw new Error('对外贸易处 missing from the monthly view');
    return d;
  };

  it('R3.5: a meeting started at 23:30 on 30 November in Shanghai counts for November; one at 00:30 on 1 December for December', async () => {
    await hold('2026-11-30T23:30:00+08:00', ['recorded']);
    // 00:30 on 1 December in Shanghai is still 30 November in UTC.
    await hold('2026-12-01T00:30:00+08:00', ['recorded']);
    expect(await tradeIn('2026-11')).toMatchObject({ held: 1, backfilled: 0 });
    expect(await tradeIn('2026-12')).toMatchObject({ held: 1, backfilled: 0 });
  });

  it('R3.5: a meeting scheduled for November but started in December counts for December', async () => {
    const m = await hold('2026-11-30T20:00:00+08:00', ['recorded'], '2026-12-01T10:00:00+08:00');
    expect(m.startedAt).toBe('2026-12-01T02:00:00.000Z');
    expect(await tradeIn('2026-11')).toMatchObject({ held: 1 });
    expect(await tradeIn('2026-12')).toMatchObject({ held: 2 });
  });

  it('R3.5: a held meeting whose every topic was not discussed or deferred does not count', async () => {
    const m = await hold('2027-01-12T09:00:00+08:00', ['deferred', 'not_discussed']);
    expect(m.status).toBe('closed');
    expect(await tradeIn('2027-01')).toMatchObject({ held: 0, scheduled: 0, verdict: 'not_yet' });
  });

  it('R3.5: a cancelled meeting does not count; a planned one is scheduled, not held', async () => {
    h.clock.set('2027-02-01T09:00:00+08:00');
    const head = await h.login('head');
    const body = { divisionId: trade, kind: 'regular', place: '第一会议室' };
    const a = (
      await head.post('/api/meetings', {
        ...body,
        startsAt: '2027-02-03T09:00:00+08:00',
        agenda: await headTopicIds(head, trade, '二月议题一'),
      })
    ).json() as MeetingDto;
    const b = await head.post('/api/meetings', {
      ...body,
      startsAt: '2027-02-04T09:00:00+08:00',
      agenda: await headTopicIds(head, trade, '二月议题二'),
    });
    expect(b.statusCode, b.body).toBe(201);
    const cancelled = await head.post(`/api/meetings/${a.id}/cancel`, { version: a.version, reason: '改期' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await tradeIn('2027-02')).toMatchObject({ held: 0, scheduled: 1, required: 1, verdict: 'not_yet' });
  });

  it('R3.5: with meetingsPerMonth 2, one held meeting is not_yet during the month, missed after it, met with two', async () => {
    h.clock.set('2027-03-01T09:00:00+08:00');
    const admin = await h.login('admin');
    const regime = (await admin.get('/api/settings/regime')).json() as { version: number; value: object };
    const put = await admin.put('/api/admin/settings/regime', {
      version: regime.version,
      value: { ...regime.value, meetingsPerMonth: 2 },
    });
    expect(put.statusCode, put.body).toBe(200);
    await hold('2027-03-10T09:00:00+08:00', ['recorded']);
    expect(await tradeIn('2027-03')).toMatchObject({ held: 1, required: 2, verdict: 'not_yet' });
    h.clock.set('2027-03-31T23:59:00+08:00');
    expect(await tradeIn('2027-03')).toMatchObject({ verdict: 'not_yet' });
    h.clock.set('2027-04-01T00:00:30+08:00');
    expect(await tradeIn('2027-03')).toMatchObject({ held: 1, required: 2, verdict: 'missed' });
    await hold('2027-04-02T09:00:00+08:00', ['recorded']);
    await hold('2027-04-09T09:00:00+08:00', ['recorded']);
    expect(await tradeIn('2027-04')).toMatchObject({ held: 2, required: 2, verdict: 'met' });
  });

  it('R3.5: after the 20th the 工作台 reminds the head until the required number is held', async () => {
    h.clock.set('2027-05-21T09:00:00+08:00');
    const wb = async () =>
      ((await (await h.login('head')).get('/api/workbench')).json() as { monthlyReminders: unknown[] })
        .monthlyReminders;
    expect(await wb()).toEqual([{ divisionId: trade, divisionName: '对外贸易处', scheduled: 0, held: 0, required: 2 }]);
    await hold('2027-05-22T09:00:00+08:00', ['recorded']);
    h.clock.set('2027-05-23T09:00:00+08:00');
    expect(await wb()).toEqual([{ divisionId: trade, divisionName: '对外贸易处', scheduled: 0, held: 1, required: 2 }]);
    await hold('2027-05-24T09:00:00+08:00', ['recorded']);
    expect(await wb()).toEqual([]);
  });

  it('R3.6: an urgent meeting may be called for right now, but not for a time already past', async () => {
    h.clock.set('2027-06-03T15:00:00+08:00');
    const head: Client = await h.login('head');
    const urgent = { divisionId: trade, kind: 'urgent', place: '处长办公室', agenda: await headTopicIds(head, trade) };
    const now = await head.post('/api/meetings', { ...urgent, startsAt: '2027-06-03T14:57:00+08:00' });
    expect(now.statusCode, now.body).toBe(201);
    const past = await head.post('/api/meetings', { ...urgent, startsAt: '2027-06-03T14:50:00+08:00' });
    expect(past.statusCode).toBe(422);
    expect(codeOf(past)).toBe('MEETING_IN_PAST');
  });
});
