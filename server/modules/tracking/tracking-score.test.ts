import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { holdMeeting, issueAt, uploadItemFile } from '../../test/flows.js';
import type { TrackingDetailDto, TrackingItemDto, TrackingScoresDto } from '../../../core/contracts/tracking.js';

/**
 * 考评 (R6.2) on a small fixture around 国庆 2026 (10-01…10-07 off, Saturday
 * 10-10 worked), today 2026-10-16: in 对外贸易处 one item completed on time,
 * one late, one extended and completed by its new deadline, one terminated and
 * one still open past its deadline; in 外商投资管理处 one open item overdue.
 */
describe('考评: the execution score per division and period (R6.2)', () => {
  let h: Harness;
  const id: Record<string, string> = {};
  let trade: string;
  let investment: string;
  const item: Record<string, TrackingItemDto> = {};

  const ok = (r: LightMyRequestResponse) => {
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as TrackingDetailDto;
  };
  const upload = (c: Client, itemId: string) => uploadItemFile(h, c, itemId);
  /** `who` asks for completion of the item on `at`, and the head confirms it then. */
  const completeOn = async (at: string, who: string, key: string) => {
    h.clock.set(at);
    const c = await h.login(who);
    const cur = ok(await c.get(`/api/tracking/items/${item[key]?.id}`));
    const asked = ok(
      await c.post(`/api/tracking/items/${cur.id}/completion`, {
        version: cur.version,
        text: '已办结',
        attachmentIds: [await upload(c, cur.id)],
      }),
    );
    ok(await (await h.login('head')).post(`/api/tracking/items/${cur.id}/confirm`, { version: asked.version }));
  };
  const scores = async (who: string, query: string) => {
    const r = await (await h.login(who)).get(`/api/tracking/scores?${query}`);
    return r;
  };
  const rows = async (who: string, query = 'from=2026-09-01&to=2026-10-31') => {
    const r = await scores(who, query);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as TrackingScoresDto;
  };

  beforeAll(async () => {
    h = await makeHarness();
    for (const u of ['head', 'staff', 'yangfan', 'chenjing', 'huanglei', 'recorder']) id[u] = await h.userId(u);
    trade = await h.divisionId('对外贸易处');
    investment = await h.divisionId('外商投资管理处');
    const m = await holdMeeting(h, '2026-09-21T09:00:00+08:00', '考评例会', {
      decisions: [
        { text: 'P', outcome: 'adopted', responsibleUserId: id.staff, deadline: '2026-09-30' },
        { text: 'L', outcome: 'adopted', responsibleUserId: id.yangfan, deadline: '2026-09-30' },
        { text: 'X', outcome: 'adopted', responsibleUserId: id.chenjing, deadline: '2026-09-30' },
        { text: 'T', outcome: 'adopted', responsibleUserId: id.huanglei, deadline: '2026-10-09' },
        { text: 'O', outcome: 'adopted', responsibleUserId: id.recorder, deadline: '2026-10-14' },
        { text: 'I', outcome: 'adopted', responsibleDivisionId: investment, deadline: '2026-09-30' },
      ],
    });
    await issueAt(h, m.id, '2026-09-21T16:00:00+08:00');
    const page = (await (await h.login('head')).get('/api/tracking/items?scope=division')).json() as {
      items: TrackingItemDto[];
    };
    for (const i of page.items) item[i.decisionText] = i;
    // X: extended to 10-16 before its deadline, granted by the head.
    h.clock.set('2026-09-28T10:00:00+08:00');
    const x = ok(
      await (
        await h.login('chenjing')
      ).post(`/api/tracking/items/${item.X?.id}/extensions`, {
        version: item.X?.version,
        reason: '等待企业反馈',
        newDeadline: '2026-10-16',
      }),
    );
    ok(
      await (
        await h.login('head')
      ).post(`/api/tracking/items/${x.id}/extensions/${x.extensionRequests[0]?.id}/decide`, {
        version: x.version,
        approve: true,
      }),
    );
    await completeOn('2026-09-29T10:00:00+08:00', 'staff', 'P'); // on time
    await completeOn('2026-10-09T10:00:00+08:00', 'yangfan', 'L'); // two working days late (10-08, 10-09)
    // T: ended by a later meeting's decision.
    const later = await holdMeeting(h, '2026-10-10T09:00:00+08:00', '节后例会');
    const laterMinutes = await issueAt(h, later.id, '2026-10-10T15:00:00+08:00');
    h.clock.set('2026-10-10T16:00:00+08:00');
    const t = ok(await (await h.login('head')).get(`/api/tracking/items/${item.T?.id}`));
    ok(
      await (
        await h.login('head')
      ).post(`/api/tracking/items/${t.id}/terminate`, {
        version: t.version,
        referenceNumber: laterMinutes.number,
        reason: '会议决定不再推进',
      }),
    );
    await completeOn('2026-10-15T10:00:00+08:00', 'chenjing', 'X'); // on time by the extended deadline
    h.clock.set('2026-10-16T10:00:00+08:00');
  });
  afterAll(async () => h.close());

  it('R6.2: exact figures and score per division, the holiday not counted, with the formula from the settings', async () => {
    const r = await rows('director');
    expect(r).toMatchObject({ from: '2026-09-01', to: '2026-10-31', asOf: '2026-10-16' });
    expect(r.formula).toBe('得分 = 按期办结率×60 + 办结率×40 − 逾期工作日×0.5 − 延期次数×2（最低为 0，满分 100）');
    expect(r.notes[0]).toContain('经批准延期的，以延期后的完成时限为准');
    expect(r.rows).toEqual([
      {
        divisionId: trade,
        divisionName: '对外贸易处',
        due: 4,
        completed: 3,
        completedOnTime: 2,
        onTimeRate: 0.5,
        completionRate: 0.75,
        // L: 10-08, 10-09; O: 10-15, 10-16.
        overdueWorkingDays: 4,
        extensions: 1,
        terminated: 1,
        score: 56,
      },
      {
        divisionId: investment,
        divisionName: '外商投资管理处',
        due: 1,
        completed: 0,
        completedOnTime: 0,
        onTimeRate: 0,
        completionRate: 0,
        // 10-08, 10-09, 10-10 (worked Saturday), 10-12 … 10-16.
        overdueWorkingDays: 8,
        extensions: 0,
        terminated: 0,
        score: 0,
      },
    ]);
  });

  it('R6.2: the deadline in force decides the period: the extended item counts in October', async () => {
    const sept = (await rows('director', 'from=2026-09-01&to=2026-09-30')).rows.find((x) => x.divisionId === trade);
    expect(sept).toMatchObject({ due: 2, completed: 2, completedOnTime: 1, overdueWorkingDays: 2, extensions: 0 });
    expect(sept?.score).toBe(69); // 30 + 40 − 1
    const oct = (await rows('director', 'from=2026-10-01&to=2026-10-31')).rows.find((x) => x.divisionId === trade);
    expect(oct).toMatchObject({ due: 2, completed: 1, completedOnTime: 1, overdueWorkingDays: 2, extensions: 1 });
    expect(oct?.terminated).toBe(1);
    expect(oct?.score).toBe(47); // 30 + 20 − 1 − 2
  });

  it('R6.2: the weights are the unit’s settings', async () => {
    const admin = await h.login('admin');
    const cur = (await admin.get('/api/settings/regime')).json() as { value: object; version: number };
    const put = await admin.put('/api/admin/settings/regime', {
      value: { ...cur.value, trackingScoreOverduePenalty: 1.5, trackingScoreExtensionPenalty: 0 },
      version: cur.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    const bad = await admin.put('/api/admin/settings/regime', {
      value: { ...cur.value, trackingScoreOverduePenalty: 0.333 },
      version: cur.version + 1,
    });
    expect(bad.statusCode).toBe(400);
    const r = await rows('director');
    expect(r.formula).toBe('得分 = 按期办结率×60 + 办结率×40 − 逾期工作日×1.5 − 延期次数×0（最低为 0，满分 100）');
    expect(r.rows.find((x) => x.divisionId === trade)?.score).toBe(54); // 30 + 30 − 6 − 0
  });

  it('R6.2: the head and deputies see their division, the supervising leader theirs, the office and leaders all; others 403', async () => {
    for (const who of ['director', 'jiwei', 'jiancha', 'leader'])
      expect(
        (await rows(who)).rows.map((x) => x.divisionId),
        who,
      ).toEqual([trade, investment]);
    for (const who of ['head', 'deputy']) {
      expect(
        (await rows(who)).rows.map((x) => x.divisionId),
        who,
      ).toEqual([trade]);
      expect(codeOf(await scores(who, `from=2026-09-01&to=2026-10-31&divisionId=${investment}`)), who).toBe(
        'FORBIDDEN',
      );
    }
    expect((await rows('zhugang')).rows.map((x) => x.divisionId)).toEqual([investment]);
    expect((await rows('head', `from=2026-09-01&to=2026-10-31&divisionId=${trade}`)).rows).toHaveLength(1);
    // A supervising leader of other divisions sees theirs (no items: no rows), not these.
    expect((await rows('zhaohaiyan')).rows).toEqual([]);
    expect(codeOf(await scores('zhaohaiyan', `from=2026-09-01&to=2026-10-31&divisionId=${trade}`))).toBe('FORBIDDEN');
    // Staff, the recorder and the three administrators: none.
    for (const who of ['staff', 'recorder', 'admin', 'secadmin', 'auditor'])
      expect(codeOf(await scores(who, 'from=2026-09-01&to=2026-10-31')), who).toBe('FORBIDDEN');
    // An unknown division, a reversed or crafted period.
    expect(
      codeOf(await scores('director', 'from=2026-09-01&to=2026-10-31&divisionId=00000000-0000-4000-8000-000000000000')),
    ).toBe('NOT_FOUND');
    expect((await scores('director', 'from=2026-10-31&to=2026-09-01')).statusCode).toBe(400);
    expect((await scores('director', 'from=2020-01-01&to=2026-10-31')).statusCode).toBe(400);
    expect((await scores('director', 'from=2026-09-31&to=2026-10-31')).statusCode).toBe(400);
    expect((await scores('director', 'from=2026-09-01&to=2026-10-31&x=1')).statusCode).toBe(400);
    expect((await scores('director', 'to=2026-10-31')).statusCode).toBe(400);
  });
});
