import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { codeOf, makeHarness, type Harness } from '../../test/harness.js';
import { headTopicIds, holdMeeting, issueAt, uploadItemFile } from '../../test/flows.js';
import type { ComplianceCellDetailDto, ComplianceMatrixDto } from '../../../core/contracts/oversight.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import type { TrackingDetailDto, TrackingItemDto } from '../../../core/contracts/tracking.js';
import type { UserDto } from '../../../core/contracts/org.js';
import { COMPLIANCE_CHECKS } from '../../../core/compliance.js';

/**
 * The compliance matrix (R6.4) on one story of 对外贸易处 in 2026, evaluated on
 * 2026-11-02 (Shanghai):
 * - February: one meeting, cancelled; March: none.
 * - 2026-03-31T17:30Z (= 04-01 in Shanghai): held, minutes issued 04-20 — late;
 *   its record's decision then changed in the database (R5.4).
 * - 05-12: held, issued the same day, filing signed; its content then tampered (R5.7).
 * - 06-10: held, issued that day, its number moved from 3 to 4 in the database (R5.6);
 *   decisions A (due 06-30, never done) and B (due 06-20, extended to 07-15, done 07-10).
 * - August: the recorder's designation removed 08-10 and given back 08-20 (R5.2).
 */
describe('R6.4: the compliance matrix', () => {
  let h: Harness;
  let trade: string;
  let investment: string;
  let april: MinutesDto;
  let may: MinutesDto;
  let june: MinutesDto;
  let cancelled: MeetingDto;
  const item: Record<string, TrackingItemDto> = {};

  const ok = <T>(r: LightMyRequestResponse): T => {
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as T;
  };
  const matrix = async (query: string, who = 'jiancha') =>
    ok<ComplianceMatrixDto>(await (await h.login(who)).get(`/api/oversight/compliance?${query}`));
  const cell = async (month: string, check: string, division = trade, who = 'jiancha') =>
    ok<ComplianceCellDetailDto>(
      await (
        await h.login(who)
      ).get(`/api/oversight/compliance/cell?divisionId=${division}&month=${month}&check=${check}`),
    );
  const result = (m: ComplianceMatrixDto, division: string, month: string, check: string) =>
    m.rows
      .find((r) => r.divisionId === division)
      ?.months.find((x) => x.month === month)
      ?.cells.find((c) => c.check === check)?.result;

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    investment = await h.divisionId('外商投资管理处');
    const staff = await h.userId('staff');
    const yangfan = await h.userId('yangfan');

    // February: a meeting convened, then cancelled.
    h.clock.set('2026-02-09T09:00:00+08:00');
    let head = await h.login('head');
    cancelled = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-02-12T09:00:00+08:00',
        place: '第一会议室',
        agenda: await headTopicIds(head, trade, '二月议题'),
        title: '二月例会',
      })
    ).json() as MeetingDto;
    ok(await head.post(`/api/meetings/${cancelled.id}/cancel`, { version: cancelled.version, reason: '处长出差' }));

    // 04-01 in Shanghai, 03-31 in UTC; minutes late.
    const m4 = await holdMeeting(h, '2026-03-31T17:30:00Z', '四月例会');
    april = await issueAt(h, m4.id, '2026-04-20T10:00:00+08:00');

    const m5 = await holdMeeting(h, '2026-05-12T09:00:00+08:00', '五月例会');
    may = await issueAt(h, m5.id, '2026-05-12T16:00:00+08:00');
    const filing = await h.s.db.kysely
      .selectFrom('distribution_entries')
      .select('id')
      .where('minutes_id', '=', may.id)
      .where('purpose', '=', 'file')
      .executeTakeFirstOrThrow();
    ok(await (await h.login('jiancha')).post(`/api/distributions/${filing.id}/receive`));

    const m6 = await holdMeeting(h, '2026-06-10T09:00:00+08:00', '六月例会', {
      decisions: [
        { text: 'A 完成外贸统计报表', outcome: 'adopted', responsibleUserId: staff, deadline: '2026-06-30' },
        { text: 'B 走访重点企业', outcome: 'adopted', responsibleUserId: yangfan, deadline: '2026-06-20' },
      ],
    });
    june = await issueAt(h, m6.id, '2026-06-10T16:00:00+08:00');
    head = await h.login('head');
    const page = (await head.get('/api/tracking/items?scope=division')).json() as { items: TrackingItemDto[] };
    for (const i of page.items) item[i.decisionText.slice(0, 1)] = i;
    // B: extended to 07-15 on 06-15, completed 07-10.
    h.clock.set('2026-06-15T10:00:00+08:00');
    const yf = await h.login('yangfan');
    const asked = ok<TrackingDetailDto>(
      await yf.post(`/api/tracking/items/${item.B?.id}/extensions`, {
        version: item.B?.version,
        reason: '企业负责人出差',
        newDeadline: '2026-07-15',
      }),
    );
    ok(
      await (
        await h.login('head')
      ).post(`/api/tracking/items/${asked.id}/extensions/${asked.extensionRequests[0]?.id}/decide`, {
        version: asked.version,
        approve: true,
      }),
    );
    h.clock.set('2026-07-10T10:00:00+08:00');
    const cur = ok<TrackingDetailDto>(await (await h.login('yangfan')).get(`/api/tracking/items/${item.B?.id}`));
    const yf2 = await h.login('yangfan');
    const done = ok<TrackingDetailDto>(
      await yf2.post(`/api/tracking/items/${cur.id}/completion`, {
        version: cur.version,
        text: '已走访完毕',
        attachmentIds: [await uploadItemFile(h, yf2, cur.id)],
      }),
    );
    ok(await (await h.login('head')).post(`/api/tracking/items/${cur.id}/confirm`, { version: done.version }));

    // August: the recorder designation lapses for ten days.
    const recorder = await h.userId('recorder');
    const setRecorder = async (at: string, isRecorder: boolean) => {
      h.clock.set(at);
      const admin = await h.login('admin');
      const u = ok<UserDto>(await admin.get(`/api/admin/users/${recorder}`));
      ok(
        await admin.put(`/api/admin/users/${recorder}/memberships`, {
          memberships: u.memberships.map((m) => ({ divisionId: m.divisionId, position: m.position, isRecorder })),
        }),
      );
    };
    await setRecorder('2026-08-10T09:00:00+08:00', false);
    await setRecorder('2026-08-20T09:00:00+08:00', true);

    // Facts changed behind the application's back.
    const entry = await h.s.db.kysely
      .selectFrom('record_entries')
      .select(['id', 'decisions'])
      .where('meeting_id', '=', m4.id)
      .executeTakeFirstOrThrow();
    const decisions = JSON.parse(entry.decisions) as Array<{ text: string }>;
    for (const d of decisions) d.text = '另行研究';
    await h.s.db.kysely
      .updateTable('record_entries')
      .set({ decisions: JSON.stringify(decisions) })
      .where('id', '=', entry.id)
      .execute();
    const row = await h.s.db.kysely
      .selectFrom('minutes')
      .select('content')
      .where('id', '=', may.id)
      .executeTakeFirstOrThrow();
    await h.s.db.kysely
      .updateTable('minutes')
      .set({ content: row.content.replace('会议', '会仪') })
      .where('id', '=', may.id)
      .execute();
    await h.s.db.kysely.updateTable('minutes').set({ number_seq: 4 }).where('id', '=', june.id).execute();
    h.clock.set('2026-11-02T10:00:00+08:00');
  });
  afterAll(async () => h.close());

  it('R6.4 R3.5: a month with only a cancelled meeting fails, the cancelled one shown but not counted', async () => {
    const m = await matrix('from=2026-02&to=2026-04');
    expect(result(m, trade, '2026-02', 'meetings')).toBe('fail');
    const c = await cell('2026-02', 'meetings');
    expect(c).toMatchObject({
      result: 'fail',
      resultLabel: '未达标',
      counts: { ok: 0, problem: 0, pending: 0, skipped: 1 },
    });
    expect(c.note).toBe('当月召开 0 次，少于规定的 1 次');
    expect(c.evidence).toEqual([
      {
        kind: 'meeting',
        id: cancelled.id,
        label: '二月例会（2026-02-12）',
        link: `/meetings/${cancelled.id}`,
        state: 'skipped',
        detail: '已取消，不计入',
      },
    ]);
    expect(c.definition).toMatchObject({ id: 'meetings', clause: 'R3.5', name: '每月召开处务会' });
  });

  it('R6.4 R3.5: a meeting at 2026-03-31T17:30Z is 04-01 in Shanghai and counts for April, not March', async () => {
    const m = await matrix('from=2026-03&to=2026-04');
    expect(result(m, trade, '2026-03', 'meetings')).toBe('fail');
    expect(result(m, trade, '2026-04', 'meetings')).toBe('pass');
    const c = await cell('2026-04', 'meetings');
    expect(c.evidence.map((e) => [e.label, e.state])).toEqual([['四月例会（2026-04-01）', 'ok']]);
    expect(c.note).toBe('已召开 1 次，规定至少 1 次');
  });

  it('R6.4 R5.8: minutes distributed late fail the month of the meeting; on time and signed for passes', async () => {
    const m = await matrix('from=2026-04&to=2026-05');
    expect(result(m, trade, '2026-04', 'distribution')).toBe('fail');
    expect(result(m, trade, '2026-05', 'distribution')).toBe('pass');
    const c = await cell('2026-04', 'distribution');
    expect(c.evidence).toEqual([
      {
        kind: 'meeting',
        id: april.meetingId,
        label: '四月例会（2026-04-01）',
        link: `/minutes/${april.id}`,
        state: 'problem',
        detail: '逾期分送（时限 2026-04-07）',
      },
    ]);
    // A division that held no meeting has nothing to check under R5.x.
    expect(result(m, investment, '2026-05', 'distribution')).toBe('na');
    expect(result(m, investment, '2026-05', 'fidelity')).toBe('na');
  });

  it('R6.4 R5.10: minutes on time whose filing the supervision office has not signed for fail once the deadline passed', async () => {
    const c = await cell('2026-06', 'distribution');
    expect(c.result).toBe('fail');
    expect(c.evidence[0]?.detail).toBe('按时分送，监察室尚未签收备案');
  });

  it('R6.4 R5.4: issued minutes that no longer carry their record’s decision fail, naming what is missing', async () => {
    const c = await cell('2026-04', 'fidelity');
    expect(c.result).toBe('fail');
    expect(c.evidence).toHaveLength(1);
    expect(c.evidence[0]).toMatchObject({
      kind: 'minutes',
      id: april.id,
      label: `${april.number}（四月例会）`,
      state: 'problem',
    });
    expect(c.evidence[0]?.detail).toContain('缺少议定事项');
    expect((await cell('2026-05', 'fidelity')).result).toBe('pass');
  });

  it('R6.4 R5.7: a tampered minutes fails the month it was issued in, and the evidence names it', async () => {
    const m = await matrix('from=2026-05&to=2026-06');
    expect(result(m, trade, '2026-05', 'integrity')).toBe('fail');
    expect(result(m, trade, '2026-06', 'integrity')).toBe('pass');
    const c = await cell('2026-05', 'integrity');
    const bad = c.evidence.filter((e) => e.state === 'problem');
    expect(bad).toEqual([
      {
        kind: 'minutes',
        id: may.id,
        label: `${may.number}（五月例会）`,
        link: `/minutes/${may.id}`,
        state: 'problem',
        detail: '纪要内容与签发时封存的哈希不一致，可能在系统之外被改动',
      },
    ]);
  });

  it('R6.4 R5.6: a gap in the division’s numbers fails the month of the number after it', async () => {
    const m = await matrix('from=2026-04&to=2026-06');
    expect(result(m, trade, '2026-04', 'numbering')).toBe('pass');
    expect(result(m, trade, '2026-05', 'numbering')).toBe('pass');
    expect(result(m, trade, '2026-06', 'numbering')).toBe('fail');
    const c = await cell('2026-06', 'numbering');
    expect(c.evidence.map((e) => [e.label, e.state, e.detail])).toEqual([
      ['〔2026〕3号', 'problem', '空号：该编号没有已签发的纪要'],
      [`${june.number}（六月例会）`, 'ok', '编号连续'],
    ]);
  });

  it('R6.4 R6.2: an overdue item fails its month; one done after an extension, before the extended deadline, passes', async () => {
    const m = await matrix('from=2026-06&to=2026-07');
    expect(result(m, trade, '2026-06', 'execution')).toBe('fail');
    expect(result(m, trade, '2026-07', 'execution')).toBe('pass');
    const jun = await cell('2026-06', 'execution');
    expect(jun.evidence).toEqual([
      {
        kind: 'tracking_item',
        id: item.A?.id,
        label: `${june.number} A 完成外贸统计报表`,
        link: `/tracking/${item.A?.id}`,
        state: 'problem',
        detail: '超过时限 2026-06-30 仍未办结',
      },
    ]);
    const jul = await cell('2026-07', 'execution');
    expect(jul.evidence.map((e) => [e.id, e.state, e.detail])).toEqual([
      [item.B?.id, 'ok', '2026-07-10 确认办结，未超过时限 2026-07-15（经批准延期，原时限 2026-06-20）'],
    ]);
  });

  it('R6.4 R5.2: ten days without a designated recorder fail August; July is covered', async () => {
    const m = await matrix('from=2026-07&to=2026-08');
    expect(result(m, trade, '2026-07', 'recorder')).toBe('pass');
    expect(result(m, trade, '2026-08', 'recorder')).toBe('fail');
    const c = await cell('2026-08', 'recorder');
    expect(c.evidence.map((e) => [e.state, e.detail])).toEqual([
      ['problem', '2026-08-10 09:00 至 2026-08-20 09:00：未指定记录人'],
      ['ok', '2026-08-01 至 2026-08-10 09:00：指定记录人 王芳'],
      ['ok', '2026-08-20 09:00 至 2026-08-31：指定记录人 王芳'],
    ]);
  });

  it('R6.4: the running month is evaluated so far, a future month is 不适用', async () => {
    const m = await matrix('from=2026-10&to=2026-12');
    expect(m.months).toEqual([
      { month: '2026-10', soFar: false },
      { month: '2026-11', soFar: true },
      { month: '2026-12', soFar: true },
    ]);
    expect(result(m, trade, '2026-11', 'meetings')).toBe('na');
    const nov = m.rows.find((r) => r.divisionId === trade)?.months[1]?.cells[0];
    expect(nov?.note).toBe('本月尚未结束：已召开 0 次，规定至少 1 次');
    expect(m.rows.find((r) => r.divisionId === trade)?.months[2]?.cells.map((c) => c.result)).toEqual(
      Array(COMPLIANCE_CHECKS.length).fill('na'),
    );
    expect(m.checks.map((c) => c.clause)).toEqual([
      'R3.5',
      'R5.2',
      'R5.8–R5.10',
      'R5.4',
      'R5.7',
      'R5.6',
      'R6.2',
      'R4.1',
    ]);
    // Leadership is not a division that meets: not in the rows.
    expect(m.rows.map((r) => r.divisionName)).not.toContain('局领导');
  });

  it('R6.4: 监察室, 办公室, the principal leader and the discipline secretary read the bureau (200); administrators and staff get 404', async () => {
    const bureau = (await matrix('from=2026-10&to=2026-10')).rows.map((r) => r.divisionName);
    expect(bureau).toEqual([
      '办公室',
      '监察室',
      '对外贸易处',
      '外商投资管理处',
      '市场运行和消费促进处',
      '电子商务和服务贸易处',
      '规划财务处',
    ]);
    for (const who of ['jiancha', 'zhouxuemei', 'xuli', 'director', 'jiwei']) {
      const c = await h.login(who);
      const r = await c.get('/api/oversight/compliance?from=2026-10&to=2026-10');
      expect(r.statusCode, who).toBe(200);
      expect(
        (r.json() as ComplianceMatrixDto).rows.map((x) => x.divisionName),
        who,
      ).toEqual(bureau);
      expect((r.json() as ComplianceMatrixDto).scope, who).toBe('bureau');
      expect(
        (await c.get(`/api/oversight/compliance/cell?divisionId=${trade}&month=2026-10&check=meetings`)).statusCode,
        who,
      ).toBe(200);
    }
    for (const who of ['admin', 'secadmin', 'auditor', 'staff', 'recorder']) {
      const c = await h.login(who);
      const r = await c.get('/api/oversight/compliance?from=2026-10&to=2026-10');
      expect(r.statusCode, who).toBe(404);
      expect(codeOf(r)).toBe('NOT_FOUND');
      const one = await c.get(`/api/oversight/compliance/cell?divisionId=${trade}&month=2026-10&check=meetings`);
      expect([one.statusCode, codeOf(one)], who).toEqual([404, 'NOT_FOUND']);
    }
    const me = async (who: string) =>
      ((await (await h.login(who)).get('/api/me')).json() as { abilities: Record<string, boolean> }).abilities;
    const abilities = async (who: string) => {
      const a = await me(who);
      return [a['oversight.read'], a['compliance.read']];
    };
    expect(await abilities('jiancha')).toEqual([true, true]);
    expect(await abilities('zhouxuemei')).toEqual([true, true]);
    expect(await abilities('admin')).toEqual([false, false]);
    expect(await abilities('staff')).toEqual([false, false]);
    // A head or a supervising leader reads their part of the matrix, never the registers (oversight.read).
    expect(await abilities('head')).toEqual([false, true]);
    expect(await abilities('leader')).toEqual([false, true]);
  });

  it('R6.4: a division’s head and deputy see only their own division; another division’s cell or a crafted divisionId is 404', async () => {
    const market = await h.divisionId('市场运行和消费促进处');
    for (const who of ['head', 'deputy']) {
      const m = await matrix('from=2026-04&to=2026-06', who);
      expect(m.scope, who).toBe('divisions');
      expect(
        m.rows.map((r) => r.divisionName),
        who,
      ).toEqual(['对外贸易处']);
      // The same facts as the supervision office reads: April's late minutes fail R5.8 for the head too.
      expect(result(m, trade, '2026-04', 'distribution')).toBe('fail');
      expect((await cell('2026-04', 'distribution', trade, who)).evidence[0]?.detail).toBe(
        '逾期分送（时限 2026-04-07）',
      );
      const c = await h.login(who);
      for (const url of [
        `/api/oversight/compliance/cell?divisionId=${investment}&month=2026-04&check=meetings`,
        `/api/oversight/compliance?from=2026-04&to=2026-04&divisionId=${investment}`,
        `/api/oversight/compliance?from=2026-04&to=2026-04&divisionId=${market}`,
      ]) {
        const r = await c.get(url);
        expect([r.statusCode, codeOf(r)], `${who} ${url}`).toEqual([404, 'NOT_FOUND']);
      }
      expect((await matrix(`from=2026-04&to=2026-04&divisionId=${trade}`, who)).rows).toHaveLength(1);
    }
    // 外商投资管理处's head does not see 对外贸易处.
    const zhugang = await h.login('zhugang');
    const other = await zhugang.get(`/api/oversight/compliance/cell?divisionId=${trade}&month=2026-04&check=meetings`);
    expect([other.statusCode, codeOf(other)]).toEqual([404, 'NOT_FOUND']);
    expect((await matrix('from=2026-04&to=2026-04', 'zhugang')).rows.map((r) => r.divisionName)).toEqual([
      '外商投资管理处',
    ]);
  });

  it('R6.4: a supervising leader sees the divisions they supervise; any other division is 404', async () => {
    const market = await h.divisionId('市场运行和消费促进处');
    const m = await matrix('from=2026-04&to=2026-04', 'leader');
    expect(m.scope).toBe('divisions');
    expect(m.rows.map((r) => r.divisionName)).toEqual(['对外贸易处', '外商投资管理处']);
    expect((await cell('2026-04', 'meetings', investment, 'leader')).divisionName).toBe('外商投资管理处');
    const c = await h.login('leader');
    for (const url of [
      `/api/oversight/compliance/cell?divisionId=${market}&month=2026-04&check=meetings`,
      `/api/oversight/compliance?from=2026-04&to=2026-04&divisionId=${market}`,
    ]) {
      const r = await c.get(url);
      expect([r.statusCode, codeOf(r)], url).toEqual([404, 'NOT_FOUND']);
    }
    // 赵海燕 supervises 办公室 and three business divisions, in the org chart's order.
    expect((await matrix('from=2026-04&to=2026-04', 'zhaohaiyan')).rows.map((r) => r.divisionName)).toEqual([
      '办公室',
      '市场运行和消费促进处',
      '电子商务和服务贸易处',
      '规划财务处',
    ]);
  });

  it('R6.4: a bad month, a reversed or over-long period → 400 VALIDATION_FAILED with a Chinese message', async () => {
    const c = await h.login('jiancha');
    for (const q of [
      'from=2026-13&to=2026-12',
      'from=2026-1&to=2026-02',
      'from=2026-05&to=2026-04',
      'from=2025-01&to=2026-01',
    ]) {
      const r = await c.get(`/api/oversight/compliance?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(codeOf(r)).toBe('VALIDATION_FAILED');
      expect((r.json() as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await c.get('/api/oversight/compliance?from=2025-02&to=2026-01')).statusCode).toBe(200);
    const bad = await c.get(`/api/oversight/compliance/cell?divisionId=${trade}&month=2026-00&check=meetings`);
    expect(bad.statusCode).toBe(400);
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(
      (await c.get(`/api/oversight/compliance/cell?divisionId=nope&month=2026-01&check=meetings`)).statusCode,
    ).toBe(404);
  });

  it('R6.4: divisionId narrows the matrix to one division', async () => {
    const m = await matrix(`from=2026-04&to=2026-04&divisionId=${trade}`);
    expect(m.rows.map((r) => r.divisionName)).toEqual(['对外贸易处']);
  });

  it('R6.4 得分: 100 × Σ w·达标 ÷ Σ w·适用 over the ended months, weights from the settings (0–10), with its formula in Chinese', async () => {
    const admin = await h.login('admin');
    const cur = ok<{ value: Record<string, unknown>; version: number }>(await admin.get('/api/settings/regime'));
    const weights = (w: Record<string, unknown>) => ({
      value: { ...cur.value, complianceWeights: { ...(cur.value.complianceWeights as object), ...w } },
      version: cur.version,
    });
    // Out of range, not whole, a check missing or unknown: 400 in Chinese, nothing stored.
    for (const bad of [{ meetings: 11 }, { meetings: -1 }, { meetings: 1.5 }, { meetings: '3' }, { nope: 1 }]) {
      const r = await admin.put('/api/admin/settings/regime', weights(bad));
      expect([r.statusCode, codeOf(r)], JSON.stringify(bad)).toEqual([400, 'VALIDATION_FAILED']);
      expect((r.json() as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const missing = { ...(cur.value.complianceWeights as Record<string, number>) };
    delete missing.registers;
    const r = await admin.put('/api/admin/settings/regime', {
      value: { ...cur.value, complianceWeights: missing },
      version: cur.version,
    });
    expect([r.statusCode, codeOf(r)]).toEqual([400, 'VALIDATION_FAILED']);

    // Default weights (all 1), 2026-04…07 for 对外贸易处: April 4 of 6 applicable cells passed, May 5/6,
    // June 4/7, July 2/3 — 15 of 22.
    const even = (await matrix('from=2026-04&to=2026-07')).rows.find((x) => x.divisionId === trade)?.score;
    expect(even).toEqual({
      score: 68.2,
      passedWeight: 15,
      applicableWeight: 22,
      passed: 15,
      failed: 7,
      notApplicable: 10,
      months: 4,
    });

    ok(await admin.put('/api/admin/settings/regime', weights({ meetings: 3, distribution: 2, fidelity: 0 })));
    try {
      const m = await matrix('from=2026-04&to=2026-07');
      // April 6/8 (R3.5 3 + R5.2 + R5.7 + R5.6 passed; R5.8 2 failed), May 7/8, June 5/9, July 2/5; R5.4 (weight 0) not scored.
      expect(m.rows.find((x) => x.divisionId === trade)?.score).toEqual({
        score: 66.7,
        passedWeight: 20,
        applicableWeight: 30,
        passed: 13,
        failed: 6,
        notApplicable: 9,
        months: 4,
      });
      expect(m.scoring.formula).toBe('得分 = 100 × Σ（检查项权重 × 达标月数）÷ Σ（检查项权重 × 适用月数）');
      expect(m.scoring.notes[0]).toContain(
        '每月召开处务会（R3.5）3，指定专人记录（R5.2）1，纪要按期分送备案（R5.8–R5.10）2',
      );
      expect(m.scoring.notes[0]).toContain('不同意见如实完整（R5.4）0');
      expect(m.scoring.weights).toMatchObject({ meetings: 3, distribution: 2, fidelity: 0, registers: 1 });
      // The total adds up the rows' weights: the bureau's for the office, the head's own division for the head.
      const rows = m.rows.map((x) => x.score);
      expect(m.scoring.total.passedWeight).toBe(rows.reduce((a, x) => a + x.passedWeight, 0));
      expect(m.scoring.total.applicableWeight).toBe(rows.reduce((a, x) => a + x.applicableWeight, 0));
      const head = await matrix('from=2026-04&to=2026-07', 'head');
      expect(head.scoring.total).toEqual(head.rows[0]?.score);
      expect(head.scoring.total.score).toBe(66.7);
      // November is running: shown, not scored — October alone: R5.2 passed, R3.5 (3) failed.
      const now = (await matrix('from=2026-10&to=2026-11')).rows.find((x) => x.divisionId === trade)?.score;
      expect(now).toMatchObject({ score: 25, passedWeight: 1, applicableWeight: 4, months: 1 });
      // A division with nothing applicable has no score (null), not 0 or 100.
      const none = await matrix('from=2026-12&to=2026-12');
      expect(none.rows.every((x) => x.score.score === null)).toBe(true);
    } finally {
      const back = ok<{ version: number }>(await admin.get('/api/settings/regime'));
      ok(
        await admin.put('/api/admin/settings/regime', {
          value: cur.value,
          version: back.version,
        }),
      );
    }
  });

  it('R6.4 趋势: the pass share per month for each division and over the rows (bureau-wide, or the scope’s)', async () => {
    const head = await matrix('from=2026-04&to=2026-07', 'head');
    const want = [
      { month: '2026-04', soFar: false, passed: 4, applicable: 6, share: 0.667 },
      { month: '2026-05', soFar: false, passed: 5, applicable: 6, share: 0.833 },
      { month: '2026-06', soFar: false, passed: 4, applicable: 7, share: 0.571 },
      { month: '2026-07', soFar: false, passed: 2, applicable: 3, share: 0.667 },
    ];
    expect(head.rows[0]?.trend).toEqual(want);
    // The head's "overall" line is their own division's, never the bureau's.
    expect(head.trend).toEqual(want);
    expect((await matrix('from=2026-04&to=2026-07')).rows.find((r) => r.divisionId === trade)?.trend).toEqual(want);
    // Bureau-wide: October, each of the seven divisions held no meeting (R3.5 failed) and had its recorder
    // (R5.2 passed); November runs — R3.5 not yet decidable, so only R5.2, 7 of 7 so far.
    const bureau = await matrix('from=2026-10&to=2026-11');
    expect(bureau.rows).toHaveLength(7);
    expect(bureau.trend).toEqual([
      { month: '2026-10', soFar: false, passed: 7, applicable: 14, share: 0.5 },
      { month: '2026-11', soFar: true, passed: 7, applicable: 7, share: 1 },
    ]);
    // Months with nothing applicable are points without a share.
    expect((await matrix('from=2026-12&to=2026-12')).trend).toEqual([
      { month: '2026-12', soFar: true, passed: 0, applicable: 0, share: null },
    ]);
  });

  it('R6.4 go-live: months before the unit’s regimeStartMonth are 不适用, not 未达标; by default the month the unit was created', async () => {
    const admin = await h.login('admin');
    const regime = async () =>
      ok<{ value: { regimeStartMonth: string | null }; version: number; unitCreatedMonth: string }>(
        await admin.get('/api/settings/regime'),
      );
    const put = async (regimeStartMonth: unknown) => {
      const cur = await regime();
      return admin.put('/api/admin/settings/regime', {
        value: { ...cur.value, regimeStartMonth },
        version: cur.version,
      });
    };
    const before = await regime();
    // The demo bureau is seeded in force from a year before (2025-11); it was created 2026-11-02.
    expect([before.value.regimeStartMonth, before.unitCreatedMonth]).toEqual(['2025-11', '2026-11']);
    expect(result(await matrix('from=2026-02&to=2026-02'), trade, '2026-02', 'meetings')).toBe('fail');

    ok(await put('2026-05'));
    const m = await matrix('from=2026-02&to=2026-06');
    expect(m.regimeStartMonth).toBe('2026-05');
    for (const month of ['2026-02', '2026-03', '2026-04'])
      expect(
        m.rows
          .find((r) => r.divisionId === trade)
          ?.months.find((x) => x.month === month)
          ?.cells.map((c) => c.result),
        month,
      ).toEqual(Array(COMPLIANCE_CHECKS.length).fill('na'));
    // From May on the facts decide as before: May's tampered minutes, June's numbering gap.
    expect(result(m, trade, '2026-05', 'integrity')).toBe('fail');
    expect(result(m, trade, '2026-06', 'numbering')).toBe('fail');
    const feb = await cell('2026-02', 'meetings');
    expect(feb).toMatchObject({
      result: 'na',
      resultLabel: '不适用',
      note: '本制度自 2026-05 起施行，此前的月份不适用',
    });
    // The evidence is still there to read.
    expect(feb.evidence.map((e) => e.detail)).toEqual(['已取消，不计入']);
    const apr = await cell('2026-04', 'distribution');
    expect([apr.result, apr.counts.problem]).toEqual(['na', 1]);
    const events = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'settings.regime')
      .orderBy('seq', 'desc')
      .execute();
    expect(JSON.parse(events[0]?.data ?? '{}')).toEqual({
      changes: { regimeStartMonth: { from: '2025-11', to: '2026-05' } },
    });

    // Bad input: a 400 in Chinese, nothing changed; only the system admin may change it.
    for (const bad of ['2026-13', '2026-5', '2026-05-01', 202605, '']) {
      const r = await put(bad);
      expect([r.statusCode, codeOf(r)], String(bad)).toEqual([400, 'VALIDATION_FAILED']);
      expect((r.json() as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await regime()).value.regimeStartMonth).toBe('2026-05');
    const cur = await regime();
    const office = await (
      await h.login('jiancha')
    ).put('/api/admin/settings/regime', { value: { ...cur.value, regimeStartMonth: '2025-01' }, version: cur.version });
    expect([office.statusCode, codeOf(office)]).toEqual([403, 'FORBIDDEN']);
    expect((await regime()).value.regimeStartMonth).toBe('2026-05');

    // Unset: the month the unit was created (here moved to 2026-03-15 in Shanghai).
    ok(await put(null));
    const created = await h.s.db.kysely.selectFrom('units').select(['unit_id', 'created_at']).executeTakeFirstOrThrow();
    expect(result(await matrix('from=2026-10&to=2026-10'), trade, '2026-10', 'meetings')).toBe('na');
    await h.s.db.kysely
      .updateTable('units')
      .set({ created_at: '2026-03-14T16:30:00.000Z' })
      .where('unit_id', '=', created.unit_id)
      .execute();
    try {
      expect((await regime()).unitCreatedMonth).toBe('2026-03');
      const d = await matrix('from=2026-02&to=2026-03');
      expect(d.regimeStartMonth).toBe('2026-03');
      expect(result(d, trade, '2026-02', 'meetings')).toBe('na');
      expect(result(d, trade, '2026-03', 'meetings')).toBe('fail');
    } finally {
      await h.s.db.kysely
        .updateTable('units')
        .set({ created_at: created.created_at })
        .where('unit_id', '=', created.unit_id)
        .execute();
      ok(await put('2025-11'));
    }
  });

  it('R6.4 R5.2: a designated recorder whose account is stopped records nothing — a gap from the day it is stopped until it is restored', async () => {
    // Last in this file: it moves the clock on into November.
    const recorder = await h.userId('recorder');
    const setActive = async (at: string, active: boolean) => {
      h.clock.set(at);
      const admin = await h.login('admin');
      const u = ok<UserDto>(await admin.get(`/api/admin/users/${recorder}`));
      ok(await admin.patch(`/api/admin/users/${recorder}`, { version: u.version, active }));
    };
    await setActive('2026-11-03T09:00:00+08:00', false);
    await setActive('2026-11-05T09:00:00+08:00', true);
    h.clock.set('2026-11-06T10:00:00+08:00');
    const c = await cell('2026-11', 'recorder');
    expect(c.result).toBe('fail');
    expect(c.evidence.map((e) => [e.state, e.detail])).toEqual([
      ['problem', '2026-11-03 09:00 至 2026-11-05 09:00：未指定记录人'],
      ['ok', '2026-11-01 至 2026-11-03 09:00：指定记录人 王芳'],
      ['ok', '2026-11-05 09:00 至 2026-11-06 10:00：指定记录人 王芳'],
    ]);
    // August's own gap is told as before: the account's history does not disturb it.
    expect((await cell('2026-08', 'recorder')).evidence.map((e) => e.state)).toEqual(['problem', 'ok', 'ok']);
  });
});
