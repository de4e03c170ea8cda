import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../test/harness.js';
import { holdMeeting } from '../../test/flows.js';
import type { MeetingDistributionDto } from '../../../core/contracts/distribution.js';
import { Scheduler } from '../../platform/jobs/scheduler.js';
import { JOBS } from './jobs.js';

/** The distribution deadline is the unit's N working days: it drives the deadline, the reminder day and its text. */
describe('a unit with 5 working days for its minutes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    const admin = await h.login('admin');
    const cur = (await admin.get('/api/settings/regime')).json() as { value: object; version: number };
    const r = await admin.put('/api/admin/settings/regime', {
      version: cur.version,
      value: { ...cur.value, distributionWorkingDays: 5 },
    });
    expect(r.statusCode, r.body).toBe(200);
  });
  afterAll(async () => h.close());

  it('R5.8: the deadline is the 5th working day, the reminder comes on the 4th and says so', async () => {
    const m = await holdMeeting(h, '2026-03-02T09:00:00+08:00', '三月例会');
    const d = (
      await (await h.login('head')).get(`/api/meetings/${m.id}/distribution`)
    ).json() as MeetingDistributionDto;
    expect(d).toMatchObject({ meetingDay: '2026-03-02', dueDate: '2026-03-09', workingDays: 5 });
    const jobs = new Scheduler(h.s, JOBS);
    const reminders = async () =>
      h.s.db.kysely
        .selectFrom('notices')
        .select('body')
        .where('kind', '=', 'minutes.reminder')
        .where('subject_id', '=', m.id)
        .where('user_id', '=', await h.userId('recorder'))
        .execute();
    h.clock.set('2026-03-05T10:00:00+08:00'); // the 3rd working day: the default regime's reminder day
    await jobs.tick();
    expect(await reminders()).toHaveLength(0);
    h.clock.set('2026-03-06T09:00:00+08:00');
    await jobs.tick();
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain('2026-03-09（会后第 5 个工作日）');
  });
});
