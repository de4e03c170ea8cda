import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../test/harness.js';
import { PLAIN_TOPIC } from '../../test/fixtures.js';
import { holdMeeting } from '../../test/flows.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import { MINUTES_STEP_LABELS } from '../../../core/minutes.js';
import type { TopicDto } from '../../../core/contracts/topics.js';

/** Whoever must act is told (bell and e-mail), and the notice is done when the matter is. */
describe('notices to approvers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  const open = async (username: string, kind: string, subjectId: string) =>
    h.s.db.kysely
      .selectFrom('notices')
      .select(['read_at'])
      .where('user_id', '=', await h.userId(username))
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .execute();

  it('R2.2: a submitted topic tells the head and the authorised deputy — not its proposer — and is done once decided', async () => {
    const trade = await h.divisionId('对外贸易处');
    const head = await h.login('head');
    await head.put(`/api/divisions/${trade}/delegations`, {
      delegations: [{ userId: await h.userId('deputy'), power: 'approve_topics' }],
    });
    const staff = await h.login('staff');
    const t = (await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    await staff.post(`/api/topics/${t.id}/submit`, { version: t.version });
    expect(await open('head', 'topic.submitted', t.id)).toEqual([{ read_at: null }]);
    expect(await open('deputy', 'topic.submitted', t.id)).toEqual([{ read_at: null }]);
    expect(await open('staff', 'topic.submitted', t.id)).toEqual([]);
    const before = ((await head.get('/api/workbench')).json() as { unreadNotices: number }).unreadNotices;
    await (await h.login('deputy')).post(`/api/topics/${t.id}/approve`, { version: t.version + 1 });
    expect((await open('head', 'topic.submitted', t.id))[0]?.read_at).toBe(h.clock.now().toISOString());
    const after = ((await head.get('/api/workbench')).json() as { unreadNotices: number }).unreadNotices;
    expect(after).toBe(before - 1);
    // The deputy's own topic goes to the head only.
    const deputy = await h.login('deputy');
    const own = (
      await deputy.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: '副处长的议题' })
    ).json() as TopicDto;
    await deputy.post(`/api/topics/${own.id}/submit`, { version: own.version });
    expect(await open('deputy', 'topic.submitted', own.id)).toEqual([]);
    expect(await open('head', 'topic.submitted', own.id)).toEqual([{ read_at: null }]);
  });

  it('R5.5: minutes sent for signature tell the head; issuing settles it and the drafting reminders', async () => {
    const m = await holdMeeting(h, '2026-11-03T09:00:00+08:00', '通知签发例会');
    h.clock.set('2026-11-03T15:00:00+08:00');
    const recorder = await h.login('recorder');
    let n = (await recorder.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
    n = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
    expect(await open('head', 'minutes.submitted', n.id)).toEqual([{ read_at: null }]);
    // One name per step (issue 15): the notice names the step as the pages do.
    const notice = await h.s.db.kysely
      .selectFrom('notices')
      .select('title')
      .where('kind', '=', 'minutes.submitted')
      .where('subject_id', '=', n.id)
      .executeTakeFirstOrThrow();
    expect(notice.title).toBe(`纪要待签发：${m.title}`);
    expect(notice.title.startsWith(`纪要${MINUTES_STEP_LABELS.in_review}`)).toBe(true);
    const head = await h.login('head');
    await head.post(`/api/minutes/${n.id}/issue`, { version: n.version });
    expect((await open('head', 'minutes.submitted', n.id))[0]?.read_at).toBe(h.clock.now().toISOString());
  });
});
