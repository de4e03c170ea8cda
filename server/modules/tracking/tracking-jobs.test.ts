import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { PLAIN_TOPIC } from '../../test/fixtures.js';
import { holdMeeting, issueAt, uploadItemFile } from '../../test/flows.js';
import { openDatabase } from '../../platform/db/database.js';
import { Scheduler, type TickReport } from '../../platform/jobs/scheduler.js';
import { ALL_JOBS } from '../../jobs.js';
import type { TrackingDetailDto, TrackingItemDto } from '../../../core/contracts/tracking.js';

/**
 * The 督办 jobs (R6.2) around 中秋 and 国庆 2026 (09-25…27 and 10-01…07 off,
 * Sunday 09-20 and Saturday 10-10 worked), with the unit's default settings:
 * yellow within 3 working days, escalation after 5 working days overdue.
 */
const TOPIC = `${PLAIN_TOPIC.title}（节前督办例会）`;

describe('督办 reminders, overdue notices, escalation and the weekly digest (R6.2)', () => {
  let h: Harness;
  let jobs: Scheduler;
  const id: Record<string, string> = {};
  const username = new Map<string, string>();
  const item: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', TrackingItemDto> = {} as never;

  const tick = async (at: string, scheduler = jobs): Promise<TickReport> => {
    h.clock.set(at);
    const r = await scheduler.tick();
    expect(r.errors).toEqual({});
    return r;
  };
  /** The usernames a notice of `kind` about `subjectId` went to, sorted (one entry per notice). */
  const sentTo = async (kind: string, subjectId: string) =>
    (
      await h.s.db.kysely
        .selectFrom('notices')
        .select('user_id')
        .where('kind', '=', kind)
        .where('subject_id', '=', subjectId)
        .execute()
    )
      .map((n) => username.get(n.user_id) ?? n.user_id)
      .sort();
  const events = (itemId: string, kinds = ['reminder', 'overdue', 'escalated']) =>
    h.s.db.kysely
      .selectFrom('tracking_events')
      .select(['kind', 'data', 'actor_id', 'actor_name'])
      .where('item_id', '=', itemId)
      .where('kind', 'in', kinds)
      .orderBy('seq')
      .execute();
  /** The notice of `kind` about `subjectId` that `who` got. */
  const noticeOf = (kind: string, subjectId: string, who: string) =>
    h.s.db.kysely
      .selectFrom('notices')
      .select(['title', 'body', 'subject_type'])
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .where('user_id', '=', id[who] ?? '')
      .executeTakeFirstOrThrow();
  const digests = async (who: string) =>
    h.s.db.kysely
      .selectFrom('notices')
      .selectAll()
      .where('kind', '=', 'tracking.digest')
      .where('user_id', '=', id[who] ?? '')
      .orderBy('created_at')
      .execute();
  const ok = (r: LightMyRequestResponse) => {
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as TrackingDetailDto;
  };
  const upload = (c: Client, itemId: string) => uploadItemFile(h, c, itemId);
  const complete = async (c: Client, i: TrackingItemDto) =>
    ok(
      await c.post(`/api/tracking/items/${i.id}/completion`, {
        version: i.version,
        text: '已办结',
        attachmentIds: [await upload(c, i.id)],
      }),
    );

  beforeAll(async () => {
    h = await makeHarness();
    jobs = new Scheduler(h.s, ALL_JOBS);
    for (const u of await h.s.db.kysely.selectFrom('users').select(['id', 'username']).execute()) {
      id[u.username] = u.id;
      username.set(u.id, u.username);
    }
    const investment = await h.divisionId('外商投资管理处');
    const m = await holdMeeting(h, '2026-09-21T09:00:00+08:00', '节前督办例会', {
      decisions: [
        // A: a person with a co-responsible, due the last working day before 国庆.
        {
          text: 'A 制定参展补助细则',
          outcome: 'adopted',
          responsibleUserId: id.staff,
          coResponsibleIds: [id.chenjing],
          deadline: '2026-09-30',
        },
        // B: the head's own item, extended before its deadline.
        { text: 'B 对接重点企业', outcome: 'adopted', responsibleUserId: id.head, deadline: '2026-10-09' },
        // C: done before it turns yellow.
        { text: 'C 报送统计数据', outcome: 'adopted', responsibleUserId: id.yangfan, deadline: '2026-09-30' },
        // D: another division is responsible (its head executes, its supervising leader follows).
        { text: 'D 会签外资项目', outcome: 'adopted', responsibleDivisionId: investment, deadline: '2026-09-30' },
        // E: completion asked, waiting for the head; F: an extension asked, waiting for the head.
        { text: 'E 整理会议材料', outcome: 'adopted', responsibleUserId: id.recorder, deadline: '2026-10-30' },
        { text: 'F 调研出口企业', outcome: 'adopted', responsibleUserId: id.huanglei, deadline: '2026-10-30' },
      ],
    });
    await issueAt(h, m.id, '2026-09-21T16:00:00+08:00');
    const head = await h.login('head');
    const page = (await head.get('/api/tracking/items?scope=division')).json() as { items: TrackingItemDto[] };
    for (const i of page.items) item[i.decisionText.slice(0, 1) as 'A'] = i;
    expect(Object.keys(item).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);

    h.clock.set('2026-09-22T10:00:00+08:00');
    const [yangfan, recorder, huanglei, head2] = await Promise.all(
      ['yangfan', 'recorder', 'huanglei', 'head'].map((u) => h.login(u)),
    );
    const c = await complete(yangfan!, item.C);
    ok(await head2!.post(`/api/tracking/items/${item.C.id}/confirm`, { version: c.version }));
    await complete(recorder!, item.E);
    ok(
      await huanglei!.post(`/api/tracking/items/${item.F.id}/extensions`, {
        version: item.F.version,
        reason: '企业调研需延至年底',
        newDeadline: '2026-11-30',
      }),
    );
  });
  afterAll(async () => h.close());

  it('R6.2: the yellow reminder goes out once, from 09:00 of the first working day the item is yellow, to the responsible people', async () => {
    // 09-23: four working days are left (09-24, 09-28, 09-29, 09-30): green.
    await tick('2026-09-23T10:00:00+08:00');
    expect(await sentTo('tracking.reminder', item.A.id)).toEqual([]);
    // 09-24: three are left, yellow — but not before 09:00.
    await tick('2026-09-24T08:59:00+08:00');
    expect(await sentTo('tracking.reminder', item.A.id)).toEqual([]);
    // Two schedulers tick at once (on PostgreSQL two connection pools, as two server processes), then again.
    const second =
      TEST_DB === 'postgres' ? openDatabase(h.testDb.url, { searchPath: h.testDb.searchPath, poolSize: 3 }) : null;
    try {
      const other = new Scheduler(second ? { ...h.s, db: second } : h.s, ALL_JOBS);
      h.clock.set('2026-09-24T09:00:00+08:00');
      const reports = await Promise.all([jobs.tick(), other.tick(), jobs.tick(), other.tick()]);
      for (const r of reports) expect(r.errors).toEqual({});
      // A scheduler's second tick during its first is that same tick (one report).
      const yellow = [...new Set(reports)].reduce((n, r) => n + (r.jobs['tracking.yellow'] ?? 0), 0);
      expect(yellow).toBe(2); // A and D, each claimed by exactly one of the ticks
    } finally {
      await second?.close();
    }
    await tick('2026-09-24T09:01:00+08:00');
    expect(await sentTo('tracking.reminder', item.A.id)).toEqual(['chenjing', 'staff']);
    // The responsible division's head.
    expect(await sentTo('tracking.reminder', item.D.id)).toEqual(['zhugang']);
    // Closed, or due later: nothing.
    expect(await sentTo('tracking.reminder', item.C.id)).toEqual([]);
    expect(await sentTo('tracking.reminder', item.E.id)).toEqual([]);
    const a = await events(item.A.id);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ kind: 'reminder', actor_id: null, actor_name: '系统' });
    expect(JSON.parse(a[0]?.data ?? '{}')).toMatchObject({
      deadline: '2026-09-30',
      recipients: [
        { userId: id.staff, name: '刘洋' },
        { userId: id.chenjing, name: '陈静' },
      ],
    });
    const notice = await noticeOf('tracking.reminder', item.A.id, 'staff');
    expect(notice.subject_type).toBe('tracking_item');
    expect(notice.title).toBe(`督办事项临期提醒：${TOPIC}`);
    expect(notice.body).toContain('完成时限为 2026年9月30日，还剩 3 个工作日');
  });

  it('R6.2: the reminder and its read receipt appear on the item’s timeline once the recipient reads the notice', async () => {
    h.clock.set('2026-09-24T11:00:00+08:00');
    const staff = await h.login('staff');
    const notices = (await staff.get('/api/notices')).json() as {
      items: Array<{ id: string; kind: string; subjectId: string }>;
    };
    const mine = notices.items.find((n) => n.kind === 'tracking.reminder' && n.subjectId === item.A.id);
    expect(mine).toBeDefined();
    const before = ok(await staff.get(`/api/tracking/items/${item.A.id}`));
    const reminder = () => before.timeline.find((e) => e.kind === 'reminder');
    expect(reminder()?.receipts).toEqual([
      { userId: id.staff, name: '刘洋', readAt: null },
      { userId: id.chenjing, name: '陈静', readAt: null },
    ]);
    expect(before.timeline.find((e) => e.kind === 'created')?.receipts).toEqual([]);
    expect((await staff.post(`/api/notices/${mine?.id}/read`)).statusCode).toBe(204);
    // The head, who may see the item, sees who read it and when.
    const after = ok(await (await h.login('head')).get(`/api/tracking/items/${item.A.id}`));
    expect(after.timeline.find((e) => e.kind === 'reminder')?.receipts).toEqual([
      { userId: id.staff, name: '刘洋', readAt: '2026-09-24T03:00:00.000Z' },
      { userId: id.chenjing, name: '陈静', readAt: null },
    ]);
    // Someone else cannot mark the staff's notice read.
    expect((await (await h.login('chenjing')).post(`/api/notices/${mine?.id}/read`)).statusCode).toBe(404);
  });

  it('R6.2: the weekly digest goes to each head with open items in their ledger, once per week, with exact counts', async () => {
    await tick('2026-09-28T08:30:00+08:00');
    expect(await digests('head')).toHaveLength(0);
    await tick('2026-09-28T09:00:00+08:00');
    await tick('2026-09-28T10:00:00+08:00');
    const head = await digests('head');
    expect(head).toHaveLength(1);
    expect(head[0]?.title).toBe('督办周报（2026年第40周）：在办督办事项 5 项');
    // A and D are yellow; E waits for the head's confirmation, F for the extension decision.
    expect(head[0]?.body).toBe(
      '红灯（逾期）0 项，黄灯（临期）2 项，停滞 0 项；待您确认办结 1 项，待您审批的延期申请 1 项。',
    );
    const zhugang = await digests('zhugang');
    expect(zhugang).toHaveLength(1);
    expect(zhugang[0]?.body).toBe(
      '红灯（逾期）0 项，黄灯（临期）1 项，停滞 0 项；待您确认办结 0 项，待您审批的延期申请 0 项。',
    );
    // Heads with nothing open get none.
    for (const u of ['songhua', 'caoyu', 'dongwei', 'zhouxuemei', 'majun', 'director'])
      expect(await digests(u), u).toHaveLength(0);
  });

  it('R6.2: the head’s own item reminds the head; it is extended before its deadline', async () => {
    // B (10-09): 09-28 leaves four working days; 09-29 leaves 09-30, 10-08, 10-09 — yellow.
    await tick('2026-09-28T11:00:00+08:00');
    expect(await sentTo('tracking.reminder', item.B.id)).toEqual([]);
    await tick('2026-09-29T09:00:00+08:00');
    expect(await sentTo('tracking.reminder', item.B.id)).toEqual(['head']);
    h.clock.set('2026-09-30T10:00:00+08:00');
    const head = await h.login('head');
    const d = ok(
      await head.post(`/api/tracking/items/${item.B.id}/extensions`, {
        version: item.B.version,
        reason: '企业负责人出国',
        newDeadline: '2026-10-30',
      }),
    );
    const granted = ok(
      await (
        await h.login('leader')
      ).post(`/api/tracking/items/${item.B.id}/extensions/${d.extensionRequests[0]?.id}/decide`, {
        version: d.version,
        approve: true,
      }),
    );
    expect(granted).toMatchObject({ deadline: '2026-10-30', originalDeadline: '2026-10-09' });
  });

  it('R6.2: the overdue notice waits for the first working day after 国庆, from 09:00, and goes out once', async () => {
    for (const at of ['2026-10-01T10:00:00+08:00', '2026-10-07T10:00:00+08:00', '2026-10-08T08:59:00+08:00'])
      await tick(at);
    expect(await sentTo('tracking.overdue', item.A.id)).toEqual([]);
    expect(await digests('head')).toHaveLength(1); // week 41 has had no working day yet
    await tick('2026-10-08T09:00:00+08:00');
    await tick('2026-10-08T15:00:00+08:00');
    // The responsible and co-responsible, their head, the supervising leader.
    expect(await sentTo('tracking.overdue', item.A.id)).toEqual(['chenjing', 'head', 'leader', 'staff']);
    // The responsible division's head (also its head), its supervising leader.
    expect(await sentTo('tracking.overdue', item.D.id)).toEqual(['leader', 'zhugang']);
    // Extended (B), closed (C), or not yet due (E, F): nothing.
    for (const k of ['B', 'C', 'E', 'F'] as const) expect(await sentTo('tracking.overdue', item[k].id), k).toEqual([]);
    const a = await events(item.A.id, ['overdue']);
    expect(a).toHaveLength(1);
    expect(
      (JSON.parse(a[0]?.data ?? '{}') as { recipients: Array<{ userId: string }> }).recipients
        .map((r) => username.get(r.userId))
        .sort(),
    ).toEqual(['chenjing', 'head', 'leader', 'staff']);
    const notice = await noticeOf('tracking.overdue', item.A.id, 'leader');
    expect(notice.title).toBe(`督办事项已逾期：${TOPIC}`);
    expect(notice.body).toContain('完成时限为 2026年9月30日，已逾期 1 个工作日（当前状态：待办理；责任人：刘洋）');
  });

  it('R6.2: the week after 国庆 has its digest on its first working day (Thursday 10-08), with the overdue items named', async () => {
    const head = await digests('head');
    expect(head).toHaveLength(2);
    expect(head[1]?.title).toBe('督办周报（2026年第41周）：在办督办事项 5 项');
    const lines = head[1]?.body.split('\n') ?? [];
    // A and D red; A, B, D and F without a report since 09-21 (five working days back is 09-24).
    expect(lines[0]).toBe(
      '红灯（逾期）2 项，黄灯（临期）0 项，停滞 4 项；待您确认办结 1 项，待您审批的延期申请 1 项。',
    );
    expect(lines[1]).toBe('逾期事项：');
    expect(lines.slice(2).map((l) => l.slice(0, 3))).toEqual(['1. ', '2. ']);
    expect(
      lines
        .slice(2)
        .map((l) => l.slice(3))
        .sort(),
    ).toEqual([
      `${TOPIC}：A 制定参展补助细则（完成时限 2026年9月30日，逾期 1 个工作日）`,
      `${TOPIC}：D 会签外资项目（完成时限 2026年9月30日，逾期 1 个工作日）`,
    ]);
  });

  it('R6.2: after five working days overdue (the 调休 Saturday counted) the supervision office and the supervising leader are alerted, once', async () => {
    // Overdue working days: 10-08, 10-09, 10-10 (worked Saturday), 10-12 — four.
    await tick('2026-10-12T09:00:00+08:00');
    expect(await sentTo('tracking.escalated', item.A.id)).toEqual([]);
    await tick('2026-10-13T09:00:00+08:00');
    await tick('2026-10-13T09:01:00+08:00');
    for (const k of ['A', 'D'] as const)
      expect(await sentTo('tracking.escalated', item[k].id), k).toEqual(['jiancha', 'leader', 'linfang', 'majun']);
    expect(await sentTo('tracking.overdue', item.A.id)).toHaveLength(4);
    expect((await events(item.A.id)).map((e) => e.kind)).toEqual(['reminder', 'overdue', 'escalated']);
    const notice = await noticeOf('tracking.escalated', item.D.id, 'jiancha');
    expect(notice.title).toBe(`督办事项逾期未办结（报监察室）：${TOPIC}`);
    expect(notice.body).toContain('外商投资管理处承办的纪要');
    expect(notice.body).toContain('已逾期 5 个工作日');
  });

  it('R6.2: an extension to a new deadline gets its own reminder later; a closed item never gets one', async () => {
    // 10-26 leaves four working days before 10-30: nothing; 10-27 three: a fresh reminder for the new deadline.
    await tick('2026-10-26T10:00:00+08:00');
    expect(await sentTo('tracking.reminder', item.B.id)).toEqual(['head']);
    await tick('2026-10-27T09:00:00+08:00');
    await tick('2026-10-27T09:30:00+08:00');
    expect(await sentTo('tracking.reminder', item.B.id)).toEqual(['head', 'head']);
    const b = await events(item.B.id, ['reminder']);
    expect(b.map((e) => (JSON.parse(e.data) as { deadline: string }).deadline)).toEqual(['2026-10-09', '2026-10-30']);
    // Never overdue: the old deadline passed with the extension granted.
    expect(await sentTo('tracking.overdue', item.B.id)).toEqual([]);
    // C was confirmed on 09-22: no reminder of any kind, nothing on its timeline.
    for (const kind of ['tracking.reminder', 'tracking.overdue', 'tracking.escalated'])
      expect(await sentTo(kind, item.C.id), kind).toEqual([]);
    expect(await events(item.C.id)).toEqual([]);
  });
});
