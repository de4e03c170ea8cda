import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { codeOf, makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { PDF } from '../../test/fixtures.js';
import { holdMeeting, issueAt } from '../../test/flows.js';
import { race } from '../../test/race.js';
import { expectCursorList, walkPages } from '../../test/pages.js';
import type {
  CaseDetailDto,
  CaseNoticeDto,
  CaseSummaryDto,
  EvidenceCheckDto,
} from '../../../core/contracts/accountability.js';
import type { TrackingDetailDto, TrackingItemDto } from '../../../core/contracts/tracking.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import type { AuditEventDto } from '../../../core/contracts/audit.js';
import { canonicalJson } from '../../../core/accountability.js';
import { sha256Hex } from './evidence.js';

type Page<T> = { items: T[]; nextCursor: string | null };
const ADMINS = ['admin', 'secadmin', 'auditor'] as const;

describe('accountability cases (责任追究, R6.3)', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let late: MinutesDto;
  let lateMeetingId: string;
  let onTimeMeetingId: string;
  let overdueItem: TrackingItemDto;
  let openItem: TrackingItemDto;
  /** The case walked through every step. */
  let c: CaseDetailDto;
  let clients: Record<string, Client> = {};
  let loggedAt = '';

  /** A client of `u`, logged in again whenever the clock moved (sessions expire when idle). */
  const as = async (u: string): Promise<Client> => {
    const now = h.clock.now().toISOString();
    if (now !== loggedAt) {
      clients = {};
      loggedAt = now;
    }
    clients[u] ??= await h.login(u);
    return clients[u];
  };
  const json = <T>(r: LightMyRequestResponse, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const upload = async (u: string, caseId: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/attachments`,
      headers: {
        cookie: (await as(u)).cookie,
        'x-csrf-token': (await as(u)).csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent('情况说明.pdf'),
      },
      payload: PDF,
    });
  const detail = async (caseId: string, u = 'jiancha') =>
    json<CaseDetailDto>(await (await as(u)).get(`/api/cases/${caseId}`));

  beforeAll(async () => {
    h = await makeHarness();
    ids = Object.fromEntries(
      await Promise.all(
        ['head', 'staff', 'chenjing', 'jiancha', 'jiwei', 'director', 'zhugang'].map(async (u) => [
          u,
          await h.userId(u),
        ]),
      ),
    );
    // Minutes issued late (R5.8): the meeting on Tuesday 3 November, issued the Monday after.
    const a = await holdMeeting(h, '2026-11-03T09:00:00+08:00', '问责例会', {
      decisions: [
        { text: '制定参展补助细则', outcome: 'adopted', responsibleUserId: ids.staff, deadline: '2026-11-20' },
        { text: '梳理重点企业名单', outcome: 'adopted', responsibleUserId: ids.staff, deadline: '2026-12-31' },
      ],
    });
    lateMeetingId = a.id;
    late = await issueAt(h, a.id, '2026-11-09T10:00:00+08:00');
    const b = await holdMeeting(h, '2026-11-10T09:00:00+08:00', '按时例会');
    onTimeMeetingId = b.id;
    await issueAt(h, b.id, '2026-11-10T15:00:00+08:00');
    // Staff reads the assignment notice (a read receipt), asks for an extension before the deadline; refused.
    h.clock.set('2026-11-12T10:00:00+08:00');
    const staff = await as('staff');
    const items = json<Page<TrackingItemDto>>(await staff.get(`/api/tracking/items?sourceMinutesId=${late.id}`)).items;
    overdueItem = items.find((i) => i.decisionText === '制定参展补助细则')!;
    openItem = items.find((i) => i.decisionText === '梳理重点企业名单')!;
    const notice = json<Page<{ id: string; subjectId: string }>>(await staff.get('/api/notices')).items.find(
      (n) => n.subjectId === overdueItem.id,
    );
    expect((await staff.post(`/api/notices/${notice?.id}/read`)).statusCode).toBe(204);
    const asked = json<TrackingDetailDto>(
      await staff.post(`/api/tracking/items/${overdueItem.id}/extensions`, {
        version: overdueItem.version,
        reason: '企业调研尚未完成',
        newDeadline: '2026-12-04',
      }),
    );
    const head = await as('head');
    json(
      await head.post(`/api/tracking/items/${overdueItem.id}/extensions/${asked.extensionRequests[0]?.id}/decide`, {
        version: asked.version,
        approve: false,
        note: '应按期完成',
      }),
    );
    // The deadline passes without completion.
    h.clock.set('2026-11-25T10:00:00+08:00');
  });
  afterAll(async () => h.close());

  it('R6.3: only the supervision office or the discipline secretary opens a case — leaders 403, anyone else and the three administrators 404', async () => {
    const body = { kind: 'item', itemId: overdueItem.id };
    expect(codeOf(await (await as('director')).post('/api/cases', body))).toBe('FORBIDDEN');
    for (const u of ['head', 'staff', 'leader', ...ADMINS])
      expect((await (await as(u)).post('/api/cases', body)).statusCode, u).toBe(404);
    // An item neither overdue nor refused is no breach.
    expect(codeOf(await (await as('jiancha')).post('/api/cases', { kind: 'item', itemId: openItem.id }))).toBe(
      'CASE_SOURCE_INVALID',
    );
    // Minutes issued on time are no breach either.
    expect(
      codeOf(await (await as('jiancha')).post('/api/cases', { kind: 'minutes_late', meetingId: onTimeMeetingId })),
    ).toBe('CASE_SOURCE_INVALID');
    c = json<CaseDetailDto>(await (await as('jiancha')).post('/api/cases', body), 201);
    expect(c.status).toBe('registered');
    expect(c.kind).toBe('item');
    // The person concerned defaults to the item's responsible person.
    expect(c.subjects).toEqual([{ id: ids.staff, name: '刘洋' }]);
    expect(c.bundleHash).toMatch(/^[0-9a-f]{64}$/);
    expect(c.evidence).toHaveLength(1);
    expect(c.evidence[0]?.sha256).toBe(c.bundleHash);
    expect(c.abilities).toMatchObject({ preliminary: true, file: false, decide: false, evidence: true });
    // One open case per breach.
    expect(codeOf(await (await as('jiwei')).post('/api/cases', body))).toBe('CASE_ALREADY_OPEN');
  });

  it('R6.3: the opening bundle holds the decision, the issued minutes, the timeline, reminders with read receipts and the extension decisions', () => {
    const bundle = c.evidence[0]?.payload as {
      source: {
        breach: string;
        item: { deadline: string; overdueWorkingDays: number };
        decision: { text: string; meeting: { title: string } };
        minutes: { number: string; contentHash: string; sealHolds: boolean };
        timeline: Array<{ kind: string }>;
        reminders: Array<{ kind: string; recipientName: string; readAt: string | null }>;
        extensions: Array<{ status: string; reason: string; decidedBy: string; note: string }>;
      };
      case: { subjects: Array<{ name: string }> };
    };
    const src = bundle.source;
    expect(src.breach).toBe('overdue');
    expect(src.item.deadline).toBe('2026-11-20');
    expect(src.item.overdueWorkingDays).toBe(3);
    expect(src.decision.text).toBe('制定参展补助细则');
    expect(src.decision.meeting.title).toBe('问责例会');
    expect(src.minutes.number).toBe(late.number);
    expect(src.minutes.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(src.minutes.sealHolds).toBe(true);
    expect(src.timeline.map((e) => e.kind)).toEqual(['created', 'extension_request', 'extension_reject']);
    const assigned = src.reminders.find((n) => n.kind === 'tracking.assigned');
    expect(assigned?.recipientName).toBe('刘洋');
    expect(assigned?.readAt).toBe('2026-11-12T02:00:00.000Z');
    expect(src.extensions).toEqual([
      expect.objectContaining({
        status: 'rejected',
        reason: '企业调研尚未完成',
        decidedBy: '李伟',
        note: '应按期完成',
      }),
    ]);
    expect(bundle.case.subjects.map((p) => p.name)).toEqual(['刘洋']);
  });

  it('R6.3: who sees a case — the supervision office, the discipline secretary and the principal leaders; nobody else, the administrators included', async () => {
    for (const u of ['jiancha', 'majun', 'jiwei', 'director']) {
      const list = json<Page<CaseSummaryDto>>(await (await as(u)).get('/api/cases'));
      expect(
        list.items.map((x) => x.id),
        u,
      ).toContain(c.id);
      expect((await detail(c.id, u)).id).toBe(c.id);
    }
    for (const u of ['head', 'deputy', 'leader', 'chenjing', ...ADMINS]) {
      const cl = await as(u);
      expect((await cl.get('/api/cases')).statusCode, u).toBe(404);
      expect((await cl.get(`/api/cases/${c.id}`)).statusCode, u).toBe(404);
      expect((await cl.get(`/api/cases/${c.id}/evidence/verify`)).statusCode, u).toBe(404);
      expect((await cl.get(`/api/cases/mine/${c.id}`)).statusCode, u).toBe(404);
      expect((await cl.post(`/api/cases/${c.id}/preliminary`, { version: c.version })).statusCode, u).toBe(404);
    }
    // The person concerned is not told before 调查: the case does not exist for them yet.
    const staff = await as('staff');
    expect((await staff.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/cases/mine/${c.id}`)).statusCode).toBe(404);
    expect(json<Page<CaseNoticeDto>>(await staff.get('/api/cases/mine')).items).toEqual([]);
    // Filters: by status, kind and division.
    const jiancha = await as('jiancha');
    const trade = await h.divisionId('对外贸易处');
    const byKind = json<Page<CaseSummaryDto>>(await jiancha.get(`/api/cases?kind=item&divisionId=${trade}`));
    expect(byKind.items.map((x) => x.id)).toEqual([c.id]);
    expect(json<Page<CaseSummaryDto>>(await jiancha.get('/api/cases?status=archived')).items).toEqual([]);
  });

  it('R6.3: 线索登记 → 初核 → 立案 → 调查: each step by the office, stale versions 409, wrong states 409', async () => {
    const jiancha = await as('jiancha');
    expect(codeOf(await (await as('director')).post(`/api/cases/${c.id}/preliminary`, { version: c.version }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await jiancha.post(`/api/cases/${c.id}/file`, { version: c.version }))).toBe('INVALID_TRANSITION');
    expect(codeOf(await jiancha.post(`/api/cases/${c.id}/preliminary`, { version: c.version + 1 }))).toBe('CONFLICT');
    c = json(await jiancha.post(`/api/cases/${c.id}/preliminary`, { version: c.version, note: '调阅督办记录' }));
    expect(c.status).toBe('preliminary');
    expect(c.abilities).toMatchObject({ file: true, dismiss: true, investigate: false });
    c = json(await jiancha.post(`/api/cases/${c.id}/file`, { version: c.version, note: '事实清楚' }));
    expect(c.status).toBe('filed');
    expect(
      codeOf(
        await (await as('director')).post(`/api/cases/${c.id}/investigate`, { version: c.version, notice: '请说明' }),
      ),
    ).toBe('FORBIDDEN');
    c = json(
      await jiancha.post(`/api/cases/${c.id}/investigate`, {
        version: c.version,
        notice: '你负责的“制定参展补助细则”已逾期，请于三个工作日内提交书面说明。',
      }),
    );
    expect(c.status).toBe('investigating');
    expect(c.notice?.text).toContain('已逾期');
    const told = await h.s.db.kysely
      .selectFrom('notices')
      .select(['user_id', 'subject_type', 'title'])
      .where('kind', '=', 'case.notice')
      .execute();
    expect(told).toEqual([{ user_id: ids.staff, subject_type: 'case_notice', title: '问责调查通知' }]);
    expect(c.timeline.map((e) => e.kind)).toEqual(['open', 'preliminary', 'file', 'investigate']);
  });

  it('R6.3: the person concerned reads only the notice, submits a statement with files, and may not decide (403)', async () => {
    const staff = await as('staff');
    // Seen, not allowed: the whole case, the evidence check, any office step.
    expect(codeOf(await staff.get(`/api/cases/${c.id}`))).toBe('FORBIDDEN');
    expect(codeOf(await staff.get(`/api/cases/${c.id}/evidence/verify`))).toBe('FORBIDDEN');
    const decideBody = {
      version: c.version,
      measure: '批评教育',
      decidedBy: '本人',
      decidedOn: '2026-11-25',
      meetingReference: '无',
      text: '自行了结',
    };
    expect(codeOf(await staff.post(`/api/cases/${c.id}/decide`, decideBody))).toBe('FORBIDDEN');
    expect(codeOf(await staff.post(`/api/cases/${c.id}/evidence`, { version: c.version, text: '补充' }))).toBe(
      'FORBIDDEN',
    );
    // /api/me tells the person concerned they have a notice (the 我的问责通知 menu entry), nobody else.
    expect(json<{ concernedCases: number }>(await staff.get('/api/me')).concernedCases).toBe(1);
    expect(json<{ concernedCases: number }>(await (await as('head')).get('/api/me')).concernedCases).toBe(0);
    let mine = json<CaseNoticeDto>(await staff.get(`/api/cases/mine/${c.id}`));
    expect(mine.notice.text).toContain('已逾期');
    expect(mine.abilities.statement).toBe(true);
    expect(Object.keys(mine).sort()).toEqual([
      'abilities',
      'decision',
      'id',
      'notice',
      'statements',
      'status',
      'version',
    ]);
    const file = json<{ id: string; sha256: string }>(await upload('staff', c.id), 201);
    // Someone else's statement on this case: they are not concerned (404).
    expect(
      (await (await as('chenjing')).post(`/api/cases/${c.id}/statements`, { version: mine.version, text: '代为说明' }))
        .statusCode,
    ).toBe(404);
    mine = json(
      await staff.post(`/api/cases/${c.id}/statements`, {
        version: mine.version,
        text: '因企业调研未完成导致逾期，已于本周补报。',
        attachmentIds: [file.id],
      }),
    );
    expect(mine.statements).toEqual([
      expect.objectContaining({
        text: '因企业调研未完成导致逾期，已于本周补报。',
        attachments: [expect.objectContaining({ id: file.id, sha256: file.sha256 })],
      }),
    ]);
    const list = json<Page<CaseNoticeDto>>(await staff.get('/api/cases/mine'));
    expect(list.items.map((x) => x.id)).toEqual([c.id]);
    // The person concerned downloads their own file.
    expect((await staff.get(`/api/cases/${c.id}/attachments/${file.id}`)).statusCode).toBe(200);
    // The office is told, and sees the statement as evidence chained to the bundle.
    c = await detail(c.id);
    expect(c.evidence.map((e) => e.kind)).toEqual(['bundle', 'statement']);
    expect(c.evidence[1]?.prevHash).toBe(c.bundleHash);
    expect(c.evidence[1]?.attachments.map((a) => a.id)).toEqual([file.id]);
    expect((await (await as('jiancha')).get(`/api/cases/${c.id}/attachments/${file.id}`)).statusCode).toBe(200);
  });

  it('R6.3: 处理意见 from the unit’s list → 决定 by the secretary or a principal leader → 归档', async () => {
    const jiancha = await as('jiancha');
    c = json(await jiancha.post(`/api/cases/${c.id}/evidence`, { version: c.version, text: '企业补报材料核实无误' }));
    expect(c.evidence.map((e) => e.kind)).toEqual(['bundle', 'statement', 'fact']);
    expect(c.measures).toEqual(['批评教育', '责令作出书面检查', '通报批评', '诫勉谈话', '组织处理']);
    expect(
      codeOf(await jiancha.post(`/api/cases/${c.id}/propose`, { version: c.version, measure: '罚款', reason: '逾期' })),
    ).toBe('CASE_MEASURE_INVALID');
    c = json(
      await jiancha.post(`/api/cases/${c.id}/propose`, {
        version: c.version,
        measure: '责令作出书面检查',
        reason: '逾期三个工作日，情节较轻',
      }),
    );
    expect(c.status).toBe('proposed');
    expect(c.proposal?.measure).toBe('责令作出书面检查');
    // The statement time is over.
    const staff = await as('staff');
    expect(codeOf(await staff.post(`/api/cases/${c.id}/statements`, { version: c.version, text: '再补充' }))).toBe(
      'INVALID_TRANSITION',
    );
    const decision = {
      version: c.version,
      measure: '责令作出书面检查',
      decidedBy: '局党组会议',
      decidedOn: '2026-11-25',
      meetingId: lateMeetingId,
      text: '责令刘洋同志作出书面检查。',
    };
    // The office proposes; the decision is not theirs to record (403).
    expect(codeOf(await jiancha.post(`/api/cases/${c.id}/decide`, decision))).toBe('FORBIDDEN');
    const jiwei = await as('jiwei');
    expect(codeOf(await jiwei.post(`/api/cases/${c.id}/decide`, { ...decision, decidedOn: '2026-11-26' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      codeOf(
        await jiwei.post(`/api/cases/${c.id}/decide`, {
          ...decision,
          meetingId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    c = json(await jiwei.post(`/api/cases/${c.id}/decide`, decision));
    expect(c.status).toBe('decided');
    expect(c.decision).toMatchObject({
      measure: '责令作出书面检查',
      decidedBy: '局党组会议',
      decidedOn: '2026-11-25',
      meetingId: lateMeetingId,
      meetingReference: '对外贸易处 2026-11-03 问责例会',
    });
    const mine = json<CaseNoticeDto>(await staff.get(`/api/cases/mine/${c.id}`));
    expect(mine.decision).toMatchObject({ measure: '责令作出书面检查', text: '责令刘洋同志作出书面检查。' });
    expect(mine.abilities.statement).toBe(false);
    expect(JSON.stringify(mine)).not.toContain('企业补报材料核实无误');
    expect(JSON.stringify(mine)).not.toContain('情节较轻');
    expect(codeOf(await (await as('director')).post(`/api/cases/${c.id}/archive`, { version: c.version }))).toBe(
      'FORBIDDEN',
    );
    c = json(await jiancha.post(`/api/cases/${c.id}/archive`, { version: c.version }));
    expect(c.status).toBe('archived');
    expect(c.abilities).toMatchObject({ evidence: false, archive: false, verify: true });
    expect(codeOf(await jiancha.post(`/api/cases/${c.id}/evidence`, { version: c.version, text: '迟到的材料' }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(c.timeline.map((e) => e.kind)).toEqual([
      'open',
      'preliminary',
      'file',
      'investigate',
      'statement',
      'evidence',
      'propose',
      'decide',
      'archive',
    ]);
  });

  it('R6.3: other breaches — a missed month, minutes late, a lead; 不予立案 with a reason; 调查 needs a person concerned', async () => {
    const jiwei = await as('jiwei');
    const investment = await h.divisionId('外商投资管理处');
    // The current month is not over: not yet a breach.
    expect(
      codeOf(await jiwei.post('/api/cases', { kind: 'monthly_meeting', divisionId: investment, month: '2026-11' })),
    ).toBe('CASE_SOURCE_INVALID');
    const monthly = json<CaseDetailDto>(
      await jiwei.post('/api/cases', { kind: 'monthly_meeting', divisionId: investment, month: '2026-10' }),
      201,
    );
    expect(monthly.subjects).toEqual([{ id: ids.zhugang, name: '朱刚' }]);
    expect(monthly.title).toBe('外商投资管理处2026-10未按要求召开处务会');
    expect(monthly.evidence[0]?.payload).toMatchObject({ source: { held: 0, required: 1, verdict: 'missed' } });
    let m = json<CaseDetailDto>(await jiwei.post(`/api/cases/${monthly.id}/preliminary`, { version: monthly.version }));
    expect(codeOf(await jiwei.post(`/api/cases/${m.id}/dismiss`, { version: m.version, reason: '  ' }))).toBe(
      'VALIDATION_FAILED',
    );
    m = json(
      await jiwei.post(`/api/cases/${m.id}/dismiss`, {
        version: m.version,
        reason: '处室当月集中办理展会，已书面报备',
      }),
    );
    expect(m.status).toBe('dismissed');
    expect(m.dismissReason).toBe('处室当月集中办理展会，已书面报备');
    expect(m.abilities.archive).toBe(true);
    // A dismissed case no longer blocks the same breach.
    json(await jiwei.post('/api/cases', { kind: 'monthly_meeting', divisionId: investment, month: '2026-10' }), 201);

    const lateCase = json<CaseDetailDto>(
      await jiwei.post('/api/cases', { kind: 'minutes_late', meetingId: lateMeetingId }),
      201,
    );
    expect(lateCase.subjects).toEqual([{ id: ids.head, name: '李伟' }]);
    expect(lateCase.evidence[0]?.payload).toMatchObject({
      source: { distribution: { status: 'late', dueDate: '2026-11-06' }, minutes: { number: late.number } },
    });

    // A free lead names nobody at first: 调查 waits until 立案 names the person concerned.
    const lead = json<CaseDetailDto>(
      await (
        await as('jiancha')
      ).post('/api/cases', {
        kind: 'lead',
        title: '群众反映某处室推诿办理企业诉求',
        description: '来信反映，需初核。',
      }),
      201,
    );
    expect(lead.subjects).toEqual([]);
    const jiancha = await as('jiancha');
    let l = json<CaseDetailDto>(await jiancha.post(`/api/cases/${lead.id}/preliminary`, { version: lead.version }));
    // Naming oneself is refused: whoever runs a case stands aside from it.
    expect(
      codeOf(await jiancha.post(`/api/cases/${l.id}/file`, { version: l.version, subjectIds: [ids.jiancha] })),
    ).toBe('CASE_SUBJECT_INVALID');
    l = json(await jiancha.post(`/api/cases/${l.id}/file`, { version: l.version }));
    expect(l.abilities.investigate).toBe(false);
    expect(codeOf(await jiancha.post(`/api/cases/${l.id}/investigate`, { version: l.version, notice: '请说明' }))).toBe(
      'CASE_SUBJECT_REQUIRED',
    );
  });

  it('R6.3: the frozen hash — a row changed in the database is found; appending keeps the opening hash', async () => {
    const jiancha = await as('jiancha');
    const ok = json<EvidenceCheckDto>(await jiancha.get(`/api/cases/${c.id}/evidence/verify`));
    expect(ok.result).toBe('match');
    expect(ok.bundleHash).toBe(c.bundleHash);
    expect(ok.recomputedBundleHash).toBe(c.bundleHash);
    expect(ok.rows.map((r) => [r.kind, r.ok])).toEqual([
      ['bundle', true],
      ['statement', true],
      ['fact', true],
    ]);
    // The statement and the new fact were appended; the bundle and its hash are those of the opening.
    const rows = await h.s.db.kysely
      .selectFrom('case_evidence')
      .selectAll()
      .where('case_id', '=', c.id)
      .orderBy('seq')
      .execute();
    expect(rows[0]?.sha256).toBe(c.bundleHash);
    expect(sha256Hex(rows[0]?.content ?? '')).toBe(c.bundleHash);
    expect(rows[0]?.content).toBe(canonicalJson(JSON.parse(rows[0]?.content ?? '')));

    const k = h.s.db.kysely;
    const tamper = async (seq: number, content: string, sha256?: string) =>
      k
        .updateTable('case_evidence')
        .set({ content, ...(sha256 ? { sha256 } : {}) })
        .where('case_id', '=', c.id)
        .where('seq', '=', seq)
        .execute();
    const original = rows[0]?.content ?? '';
    // Someone rewrites the decision in the frozen bundle.
    await tamper(1, original.replace('制定参展补助细则', '研究参展补助细则'));
    let check = json<EvidenceCheckDto>(await jiancha.get(`/api/cases/${c.id}/evidence/verify`));
    expect(check.result).toBe('mismatch');
    expect(check.rows[0]?.ok).toBe(false);
    expect(check.recomputedBundleHash).not.toBe(c.bundleHash);
    await tamper(1, original);
    expect(json<EvidenceCheckDto>(await jiancha.get(`/api/cases/${c.id}/evidence/verify`)).result).toBe('match');
    // A statement rewritten with its own hash recomputed: the next row's link and the chain give it away.
    const stmt = rows[1]?.content ?? '';
    const forged = stmt.replace('因企业调研未完成导致逾期', '因领导安排其他工作导致逾期');
    await tamper(2, forged, sha256Hex(forged));
    check = json<EvidenceCheckDto>(await jiancha.get(`/api/cases/${c.id}/evidence/verify`));
    expect(check.result).toBe('mismatch');
    expect(check.rows.map((r) => r.ok)).toEqual([true, true, false]);
    expect(check.rows[2]?.chained).toBe(false);
    await tamper(2, stmt, rows[1]?.sha256);
    expect(json<EvidenceCheckDto>(await jiancha.get(`/api/cases/${c.id}/evidence/verify`)).result).toBe('match');
  });

  it('R6.3: the audit log names every step in Chinese, with ids and states only — no title, text or person concerned', async () => {
    const auditor = await as('auditor');
    const events = (await walkPages<AuditEventDto>(auditor, '/api/audit/events')).items.filter((e) =>
      e.action.startsWith('case.'),
    );
    const labels = new Set(events.map((e) => e.actionLabel));
    for (const l of [
      '登记问责线索',
      '开始初核',
      '立案',
      '不予立案',
      '启动调查并通知当事人',
      '提交说明或申辩',
      '提出处理意见',
      '记录处理决定',
      '归档问责案件',
    ])
      expect(labels, l).toContain(l);
    const text = JSON.stringify(events);
    for (const secret of [
      '参展补助',
      '已逾期',
      '企业调研',
      '书面检查',
      '群众反映',
      '外商投资管理处2026-10',
      '局党组会议',
    ])
      expect(text, secret).not.toContain(secret);
    expect(events.every((e) => e.subjectType === 'accountability_case' && e.subjectName === null)).toBe(true);
  });

  it('R6.3: crafted bodies are 400', async () => {
    const jiancha = await as('jiancha');
    const bad = [
      { kind: 'rumour', description: 'x', title: 'x' },
      { kind: 'lead', title: '无描述' },
      { kind: 'lead', title: 't', description: 'd', extra: 1 },
      { kind: 'monthly_meeting', divisionId: 'x', month: '2026-13' },
      { kind: 'item', itemId: overdueItem.id, subjectIds: 'staff' },
      { kind: 'other', title: 't', description: 'a\u0000b' },
    ];
    for (const b of bad) expect((await jiancha.post('/api/cases', b)).statusCode, JSON.stringify(b)).toBe(400);
    const cur = await detail(c.id);
    for (const [step, b] of [
      ['preliminary', { version: 0 }],
      ['dismiss', { version: cur.version }],
      ['investigate', { version: cur.version, notice: '' }],
      ['propose', { version: cur.version, measure: '批评教育' }],
      [
        'decide',
        { version: cur.version, measure: '批评教育', decidedBy: '局党组会议', decidedOn: '2026-11-25', text: '无会议' },
      ],
      ['statements', { version: cur.version, text: 't', attachmentIds: 'x' }],
      ['evidence', { version: cur.version, text: 't', sneaky: true }],
    ] as const)
      expect((await jiancha.post(`/api/cases/${c.id}/${step}`, b)).statusCode, step).toBe(400);
  });

  it(`R6.3: the same step fired twice at once (${TEST_DB}): exactly one wins`, async () => {
    const jiancha = await as('jiancha');
    const jiwei = await as('jiwei');
    const fresh = json<CaseDetailDto>(
      await jiancha.post('/api/cases', { kind: 'other', title: '会议签到弄虚作假', description: '代签到' }),
      201,
    );
    // The office and the secretary take the same step at the same moment.
    let n = 0;
    const steps = await race(
      2,
      () => (n++ % 2 ? jiancha : jiwei).post(`/api/cases/${fresh.id}/preliminary`, { version: fresh.version }),
      'preliminary',
    );
    expect(steps.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = await h.s.db.kysely
      .selectFrom('case_events')
      .select('kind')
      .where('case_id', '=', fresh.id)
      .execute();
    expect(events.map((e) => e.kind).sort()).toEqual(['open', 'preliminary']);
    // Two openings of one breach at once: one case.
    const investment = await h.divisionId('外商投资管理处');
    const opens = await race(
      2,
      () => jiancha.post('/api/cases', { kind: 'monthly_meeting', divisionId: investment, month: '2026-09' }),
      'open',
    );
    expect(opens.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('R6.3: the case list pages by cursor, newest first, without gaps or duplicates', async () => {
    const jiancha = await as('jiancha');
    const all = await h.s.db.kysely.selectFrom('cases').select('id').execute();
    expect(all.length).toBeGreaterThan(3);
    await expectCursorList<CaseSummaryDto>(jiancha, '/api/cases', {
      limit: 2,
      expected: all.map((r) => r.id),
      idOf: (x) => x.id,
      ordered: (a, b) => a.openedAt > b.openedAt || (a.openedAt === b.openedAt && a.id > b.id),
    });
  });
});
