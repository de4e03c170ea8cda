import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import JSZipLike from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { codeOf, makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { holdMeeting, issueAt } from '../../test/flows.js';
import { Scheduler } from '../../platform/jobs/scheduler.js';
import { ALL_JOBS } from '../../jobs.js';
import type {
  FindingDetailDto,
  FindingsPageDto,
  InspectionDetailDto,
  InspectionsPageDto,
} from '../../../core/contracts/inspections.js';
import type { CaseDetailDto } from '../../../core/contracts/accountability.js';
import type { WorkbenchDto } from '../../../core/contracts/workbench.js';

/**
 * R6.4: the supervision office's inspections (专项检查) to closure. 对外贸易处 held and
 * issued minutes in March, April and May 2026; the inspection covers March–June
 * and is worked on 2026-11-02 (Monday, Shanghai).
 */
describe('R6.4: inspections — plan, sample, checklist, findings, rectification, 通报', () => {
  let h: Harness;
  let trade: string;
  let investment: string;
  let leadership: string;
  const minutesIds: string[] = [];
  let insp: InspectionDetailDto;
  const NOW = '2026-11-02T09:30:00+08:00';

  const ok = <T>(r: LightMyRequestResponse, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const as = (u: string): Promise<Client> => h.login(u);
  const plan = (extra: Record<string, unknown> = {}) => ({
    title: '2026年上半年处务会制度执行情况专项检查',
    from: '2026-03',
    to: '2026-06',
    divisionIds: [trade],
    checks: ['fidelity', 'distribution'],
    sampleSize: 2,
    seed: 'a1b2c3',
    ...extra,
  });
  const countRows = async (table: 'inspections' | 'inspection_results' | 'inspection_findings') =>
    Number(
      (
        await h.s.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const recordAll = async (c: Client, d: InspectionDetailDto) => {
    let last = d;
    for (const sm of d.samples)
      for (const it of d.items)
        last = ok<InspectionDetailDto>(
          await c.put(`/api/inspections/${d.id}/results`, {
            sampleId: sm.id,
            itemId: it.id,
            result: 'pass',
            evidence: [{ label: sm.number, href: `/minutes/${sm.minutesId}` }],
            version: 0,
          }),
        );
    return last;
  };

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    investment = await h.divisionId('外商投资管理处');
    leadership = (
      await h.s.db.kysely
        .selectFrom('divisions')
        .select('id')
        .where('kind', '=', 'leadership')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [day, title] of [
      ['2026-03-10', '三月例会'],
      ['2026-04-14', '四月例会'],
      ['2026-05-12', '五月例会'],
    ] as const) {
      const m = await holdMeeting(h, `${day}T09:00:00+08:00`, title);
      minutesIds.push((await issueAt(h, m.id, `${day}T16:00:00+08:00`)).id);
    }
    h.clock.set(NOW);
  });
  afterAll(async () => h?.close());

  it('R6.4: the office plans an inspection; the sample is drawn with the recorded seed and reproduced by it', async () => {
    const jiancha = await as('jiancha');
    insp = ok<InspectionDetailDto>(await jiancha.post('/api/inspections', plan()), 201);
    expect(insp.state).toBe('planning');
    expect(insp.stateLabel).toBe('制定方案');
    expect(insp.seed).toBe('a1b2c3');
    expect(insp.divisions).toEqual([{ id: trade, name: '对外贸易处', candidates: 3 }]);
    expect(insp.samples).toHaveLength(2);
    expect(insp.samples.every((sm) => minutesIds.includes(sm.minutesId))).toBe(true);
    // The default checklist of the checks in scope, with clauses.
    expect(insp.items.map((i) => i.clause)).toEqual(['R5.8', 'R5.10', 'R5.3', 'R5.4']);
    // The same seed over the same minutes draws the same sample — in another plan, and on a redraw.
    const twin = ok<InspectionDetailDto>(await jiancha.post('/api/inspections', plan({ title: '复核抽样' })), 201);
    expect(twin.samples.map((x) => x.minutesId)).toEqual(insp.samples.map((x) => x.minutesId));
    const redrawn = ok<InspectionDetailDto>(
      await jiancha.post(`/api/inspections/${twin.id}/sample`, { version: twin.version, seed: 'a1b2c3' }),
    );
    expect(redrawn.samples.map((x) => x.minutesId)).toEqual(insp.samples.map((x) => x.minutesId));
    // Seeds differ in what they draw: over several seeds, more than one sample comes out.
    const draws = new Set<string>();
    let v = redrawn.version;
    for (const seed of ['s1', 's2', 's3', 's4', 's5', 's6']) {
      const d = ok<InspectionDetailDto>(await jiancha.post(`/api/inspections/${twin.id}/sample`, { version: v, seed }));
      v = d.version;
      draws.add(d.samples.map((x) => x.minutesId).join(','));
    }
    expect(draws.size).toBeGreaterThan(1);
    // A new seed is drawn when none is given, and recorded.
    const fresh = ok<InspectionDetailDto>(await jiancha.post(`/api/inspections/${twin.id}/sample`, { version: v }));
    expect(fresh.seed).toMatch(/^[0-9a-f]{12}$/);
  });

  it('R6.4: only the office and the general office plan; leaders read; a business division and the administrators get 404', async () => {
    const before = await countRows('inspections');
    for (const u of ['head', 'staff', 'leader', 'admin', 'auditor']) {
      const c = await as(u);
      expect(codeOf(await c.get('/api/inspections'))).toBe('NOT_FOUND');
      expect(codeOf(await c.get(`/api/inspections/${insp.id}`))).toBe('NOT_FOUND');
      expect(codeOf(await c.post('/api/inspections', plan()))).toBe('NOT_FOUND');
    }
    for (const u of ['director', 'jiwei']) {
      const c = await as(u);
      expect(ok<InspectionsPageDto>(await c.get('/api/inspections')).canPlan).toBe(false);
      expect(codeOf(await c.post('/api/inspections', plan()))).toBe('FORBIDDEN');
    }
    // The general office assists: it may plan.
    const office = await as('zhouxuemei');
    const list = ok<InspectionsPageDto>(await office.get('/api/inspections'));
    expect(list.canPlan).toBe(true);
    expect(list.items.map((i) => i.id)).toContain(insp.id);
    expect(await countRows('inspections')).toBe(before);
  });

  it('R6.4: crafted plans are refused with a code and change nothing', async () => {
    const jiancha = await as('jiancha');
    const before = await countRows('inspections');
    const bad = async (body: Record<string, unknown>, code: string) =>
      expect(codeOf(await jiancha.post('/api/inspections', plan(body)))).toBe(code);
    await bad({ divisionIds: [leadership] }, 'VALIDATION_FAILED');
    await bad({ divisionIds: ['no-such-division'] }, 'VALIDATION_FAILED');
    await bad({ divisionIds: [trade, trade] }, 'VALIDATION_FAILED');
    await bad({ from: '2026-07', to: '2026-03' }, 'VALIDATION_FAILED');
    await bad({ from: '2024-01', to: '2026-06' }, 'VALIDATION_FAILED');
    await bad({ checks: ['fidelity', 'fidelity'] }, 'VALIDATION_FAILED');
    await bad({ checks: ['nonsense'] }, 'VALIDATION_FAILED');
    await bad({ sampleSize: 0 }, 'VALIDATION_FAILED');
    await bad({ seed: '../etc' }, 'VALIDATION_FAILED');
    await bad({ title: 'x\u0000y' }, 'INVALID_TEXT');
    expect(await countRows('inspections')).toBe(before);
  });

  it('R6.4: the checklist can be edited while planning; once started, scope, checklist and sample are fixed', async () => {
    const jiancha = await as('jiancha');
    const items = [
      ...insp.items.map((i) => ({ clause: i.clause, text: i.text })),
      { clause: 'R5.6', text: '纪要编号连续' },
    ];
    insp = ok<InspectionDetailDto>(
      await jiancha.put(`/api/inspections/${insp.id}/checklist`, { version: insp.version, items }),
    );
    expect(insp.items).toHaveLength(5);
    expect(
      codeOf(
        await jiancha.put(`/api/inspections/${insp.id}/checklist`, {
          version: insp.version,
          items: [{ clause: 'javascript:1', text: 'x' }],
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    // A stale version is 409.
    expect(codeOf(await jiancha.post(`/api/inspections/${insp.id}/start`, { version: insp.version - 1 }))).toBe(
      'CONFLICT',
    );
    insp = ok<InspectionDetailDto>(await jiancha.post(`/api/inspections/${insp.id}/start`, { version: insp.version }));
    expect(insp.state).toBe('working');
    expect(codeOf(await jiancha.put(`/api/inspections/${insp.id}/checklist`, { version: insp.version, items }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(codeOf(await jiancha.post(`/api/inspections/${insp.id}/sample`, { version: insp.version }))).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('R6.4: a plan with nothing to sample cannot start', async () => {
    const jiancha = await as('jiancha');
    const empty = ok<InspectionDetailDto>(
      await jiancha.post('/api/inspections', plan({ divisionIds: [investment], title: '外资处检查' })),
      201,
    );
    expect(empty.samples).toEqual([]);
    expect(empty.abilities.start).toBe(false);
    expect(codeOf(await jiancha.post(`/api/inspections/${empty.id}/start`, { version: empty.version }))).toBe(
      'INSPECTION_EMPTY_SAMPLE',
    );
  });

  it('R6.4: results per sampled minutes and checklist item; bad results refused; evidence links stay inside the system', async () => {
    const office = await as('zhouxuemei');
    const [sm] = insp.samples;
    const [it0] = insp.items;
    const put = (body: Record<string, unknown>) =>
      office.put(`/api/inspections/${insp.id}/results`, {
        sampleId: sm!.id,
        itemId: it0!.id,
        result: 'pass',
        evidence: [],
        version: 0,
        ...body,
      });
    expect(codeOf(await put({ result: 'fail' }))).toBe('VALIDATION_FAILED'); // a failure needs words
    expect(codeOf(await put({ evidence: [{ label: 'x', href: 'javascript:alert(1)' }] }))).toBe('VALIDATION_FAILED');
    expect(codeOf(await put({ evidence: [{ label: 'x', href: '//evil.example/x' }] }))).toBe('VALIDATION_FAILED');
    expect(codeOf(await put({ sampleId: 'not-a-sample' }))).toBe('VALIDATION_FAILED');
    expect(await countRows('inspection_results')).toBe(0);
    // A leader reads but records nothing.
    expect(
      codeOf(
        await (
          await as('director')
        ).put(`/api/inspections/${insp.id}/results`, {
          sampleId: sm!.id,
          itemId: it0!.id,
          result: 'pass',
          evidence: [],
          version: 0,
        }),
      ),
    ).toBe('FORBIDDEN');
    const d = ok<InspectionDetailDto>(
      await put({
        result: 'fail',
        comment: '纪要未载明王某的保留意见',
        evidence: [{ label: '纪要', href: `/minutes/${sm!.minutesId}` }],
      }),
    );
    const r = d.samples[0]!.results[0]!;
    expect([r.result, r.resultLabel, r.version, r.recordedByName]).toEqual(['fail', '不符合', 1, '周雪梅']);
    // Recording the same cell again at version 0 (someone else got there first) is 409; at its version it changes.
    expect(codeOf(await put({ version: 0 }))).toBe('CONFLICT');
    const changed = ok<InspectionDetailDto>(await put({ version: 1, result: 'pass' }));
    expect(changed.samples[0]!.results[0]!.version).toBe(2);
    expect(changed.progress).toEqual({ recorded: 1, total: 10 });
  });

  it.runIf(TEST_DB === 'postgres')(
    'R6.4: the same result recorded twice at once on PostgreSQL: one wins, one 409',
    async () => {
      const a = await as('jiancha');
      const b = await as('zhouxuemei');
      const body = {
        sampleId: insp.samples[1]!.id,
        itemId: insp.items[1]!.id,
        result: 'pass',
        evidence: [],
        version: 0,
      };
      const [x, y] = await Promise.all([
        a.put(`/api/inspections/${insp.id}/results`, body),
        b.put(`/api/inspections/${insp.id}/results`, body),
      ]);
      expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    },
  );

  it('R6.4: the 通报 needs every result; only the office concludes, and it is numbered in its own sequence', async () => {
    const jiancha = await as('jiancha');
    insp = ok<InspectionDetailDto>(await jiancha.get(`/api/inspections/${insp.id}`));
    expect(
      codeOf(
        await jiancha.post(`/api/inspections/${insp.id}/conclude`, { version: insp.version, summary: '总体较好。' }),
      ),
    ).toBe('INSPECTION_INCOMPLETE');
    expect(codeOf(await jiancha.get(`/api/inspections/${insp.id}/report/docx`))).toBe('INVALID_TRANSITION');
    const todo = {
      ...insp,
      samples: insp.samples.map((sm) => ({ ...sm, results: [] })),
    };
    // Record what is missing (the recorded cells answer 409 at version 0 and are skipped).
    for (const sm of todo.samples)
      for (const it of insp.items) {
        const done = insp.samples.find((x) => x.id === sm.id)!.results.some((r) => r.itemId === it.id);
        if (done) continue;
        ok(
          await jiancha.put(`/api/inspections/${insp.id}/results`, {
            sampleId: sm.id,
            itemId: it.id,
            result: it.clause === 'R5.4' ? 'fail' : 'pass',
            ...(it.clause === 'R5.4' ? { comment: '未记载反对意见' } : {}),
            evidence: [],
            version: 0,
          }),
        );
      }
    insp = ok<InspectionDetailDto>(await jiancha.get(`/api/inspections/${insp.id}`));
    expect(insp.progress).toEqual({ recorded: 10, total: 10 });
    // The general office prepares but does not conclude.
    expect(
      codeOf(
        await (
          await as('zhouxuemei')
        ).post(`/api/inspections/${insp.id}/conclude`, { version: insp.version, summary: '总体较好。' }),
      ),
    ).toBe('FORBIDDEN');
  });

  let finding: FindingDetailDto;

  it('R6.4: a finding is registered; the division does not see it until the 整改通知, which sets a deadline in working days', async () => {
    const office = await as('zhouxuemei');
    const jiancha = await as('jiancha');
    const sm = insp.samples[0]!;
    expect(
      codeOf(
        await office.post(`/api/inspections/${insp.id}/findings`, {
          divisionId: investment,
          clause: 'R5.4',
          description: '不在范围',
          evidence: [],
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    const d = ok<InspectionDetailDto>(
      await office.post(`/api/inspections/${insp.id}/findings`, {
        divisionId: trade,
        sampleId: sm.id,
        clause: 'R5.4',
        description: `纪要${sm.number}未如实记载与会人员的反对意见`,
        evidence: [{ label: sm.number, href: `/minutes/${sm.minutesId}` }],
      }),
      201,
    );
    const f = d.findingsList[0]!;
    expect([f.seq, f.state, f.stateLabel, f.deadline]).toEqual([1, 'open', '待发整改通知', null]);
    const head = await as('head');
    expect(codeOf(await head.get(`/api/rectifications/${f.id}`))).toBe('NOT_FOUND');
    expect(ok<FindingsPageDto>(await head.get('/api/rectifications')).items).toEqual([]);
    // The 整改通知 is the supervision office's.
    expect(
      codeOf(
        await office.post(`/api/rectifications/${f.id}/notify`, { version: f.version, workingDays: 5, text: '请整改' }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await jiancha.post(`/api/rectifications/${f.id}/notify`, {
          version: f.version,
          workingDays: 0,
          text: '请整改',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    finding = ok<FindingDetailDto>(
      await jiancha.post(`/api/rectifications/${f.id}/notify`, {
        version: f.version,
        workingDays: 5,
        text: '请补正纪要并建立会后核对制度。',
      }),
    );
    // Monday 11-02 + 5 working days = Monday 11-09.
    expect([finding.state, finding.stateLabel, finding.deadline]).toEqual(['notified', '整改中', '2026-11-09']);
    expect(
      codeOf(
        await jiancha.post(`/api/rectifications/${f.id}/notify`, {
          version: finding.version,
          workingDays: 5,
          text: 'x',
        }),
      ),
    ).toBe('INVALID_TRANSITION');
    // Now the head, the deputy and the supervising leader see it; another division does not.
    expect(ok<FindingsPageDto>(await head.get('/api/rectifications')).items.map((x) => x.id)).toEqual([f.id]);
    expect(ok<FindingDetailDto>(await head.get(`/api/rectifications/${f.id}`)).abilities.report).toBe(true);
    // 工作台: the head has a rectification to report; staff of the division have none to act on.
    expect(ok<WorkbenchDto>(await head.get('/api/workbench')).rectifications).toEqual({
      toReport: 1,
      overdue: 0,
      toVerify: 0,
    });
    expect(ok<WorkbenchDto>(await (await as('staff')).get('/api/workbench')).rectifications.toReport).toBe(0);
    expect(ok<FindingDetailDto>(await (await as('leader')).get(`/api/rectifications/${f.id}`)).abilities.report).toBe(
      false,
    );
    expect(codeOf(await (await as('zhugang')).get(`/api/rectifications/${f.id}`))).toBe('NOT_FOUND');
    expect(ok<FindingsPageDto>(await (await as('zhugang')).get('/api/rectifications')).items).toEqual([]);
    // An administrator has no division: an empty list, never every division's (nor a 500).
    expect(ok<FindingsPageDto>(await (await as('admin')).get('/api/rectifications')).items).toEqual([]);
    const notices = await h.s.db.kysely
      .selectFrom('notices')
      .innerJoin('users', 'users.id', 'notices.user_id')
      .select('users.username')
      .where('notices.subject_id', '=', f.id)
      .where('notices.kind', '=', 'inspection.rectification')
      .execute();
    expect(notices.map((n) => n.username).sort()).toEqual(['head', 'leader']);
  });

  it('R6.4: the head replies with a 整改报告 and evidence; staff cannot; the office returns it, then closes it', async () => {
    const head = await as('head');
    const staff = await as('staff');
    const jiancha = await as('jiancha');
    const upload = (c: Client, name: string, data: Buffer) =>
      h.app.inject({
        method: 'POST',
        url: `/api/rectifications/${finding.id}/files`,
        headers: {
          cookie: c.cookie,
          'x-csrf-token': c.csrf,
          'content-type': 'application/octet-stream',
          'x-filename': encodeURIComponent(name),
        },
        payload: data,
      });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    expect(codeOf(await upload(staff, '整改.pdf', pdf))).toBe('FORBIDDEN');
    const file = ok<{ id: string; filename: string }>(await upload(head, '整改佐证.pdf', pdf), 201);
    expect(
      codeOf(
        await staff.post(`/api/rectifications/${finding.id}/report`, { version: finding.version, text: '已整改' }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await head.post(`/api/rectifications/${finding.id}/report`, {
          version: finding.version,
          text: '已整改',
          fileIds: ['someone-elses-file'],
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    finding = ok<FindingDetailDto>(
      await head.post(`/api/rectifications/${finding.id}/report`, {
        version: finding.version,
        text: '已补正纪要，并建立会后由处长核对纪要的制度。',
        fileIds: [file.id],
      }),
    );
    expect([finding.state, finding.stateLabel]).toEqual(['reported', '待核验']);
    expect(ok<WorkbenchDto>(await jiancha.get('/api/workbench')).rectifications.toVerify).toBe(1);
    expect(ok<WorkbenchDto>(await (await as('zhouxuemei')).get('/api/workbench')).rectifications.toVerify).toBe(0);
    expect(finding.events.at(-1)!.files.map((x) => x.filename)).toEqual(['整改佐证.pdf']);
    // The office reads the evidence.
    const got = await jiancha.get(`/api/rectifications/${finding.id}/files/${file.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    // The general office does not verify.
    expect(
      codeOf(
        await (await as('zhouxuemei')).post(`/api/rectifications/${finding.id}/close`, { version: finding.version }),
      ),
    ).toBe('FORBIDDEN');
    finding = ok<FindingDetailDto>(
      await jiancha.post(`/api/rectifications/${finding.id}/return`, {
        version: finding.version,
        reason: '未附会后核对制度文本',
        workingDays: 3,
      }),
    );
    expect([finding.state, finding.deadline]).toEqual(['notified', '2026-11-05']);
    finding = ok<FindingDetailDto>(
      await head.post(`/api/rectifications/${finding.id}/report`, {
        version: finding.version,
        text: '已补附制度文本。',
      }),
    );
    expect(
      codeOf(await jiancha.post(`/api/rectifications/${finding.id}/close`, { version: finding.version - 1 })),
    ).toBe('CONFLICT');
    finding = ok<FindingDetailDto>(
      await jiancha.post(`/api/rectifications/${finding.id}/close`, { version: finding.version, note: '核验属实' }),
    );
    expect([finding.state, finding.stateLabel]).toEqual(['closed', '已整改']);
    expect(finding.events.map((e) => e.kind)).toEqual(['create', 'notify', 'report', 'return', 'report', 'close']);
    expect(
      codeOf(await head.post(`/api/rectifications/${finding.id}/report`, { version: finding.version, text: 'x' })),
    ).toBe('INVALID_TRANSITION');
  });

  it('R6.4 R6.3: overdue rectifications escalate by the job machinery; a finding opens an accountability case once', async () => {
    const jiancha = await as('jiancha');
    const d = ok<InspectionDetailDto>(
      await jiancha.post(`/api/inspections/${insp.id}/findings`, {
        divisionId: trade,
        clause: 'R5.10',
        description: '三月纪要报监察室备案迟延',
        evidence: [],
      }),
      201,
    );
    const f = d.findingsList.find((x) => x.seq === 2)!;
    const n = ok<FindingDetailDto>(
      await jiancha.post(`/api/rectifications/${f.id}/notify`, {
        version: f.version,
        workingDays: 5,
        text: '请说明原因并整改。',
      }),
    );
    expect(n.deadline).toBe('2026-11-09');
    const jobs = new Scheduler(h.s, ALL_JOBS);
    const tick = async (at: string) => {
      h.clock.set(at);
      const r = await jobs.tick();
      expect(r.errors).toEqual({});
    };
    const events = async () =>
      ok<FindingDetailDto>(await (await as('jiancha')).get(`/api/rectifications/${f.id}`)).events.map((e) => e.kind);
    await tick('2026-11-09T10:00:00+08:00'); // the deadline day itself: not overdue
    expect(await events()).toEqual(['create', 'notify']);
    await tick('2026-11-10T08:59:00+08:00'); // before 09:00
    expect(await events()).toEqual(['create', 'notify']);
    await tick('2026-11-10T09:01:00+08:00');
    expect(await events()).toEqual(['create', 'notify', 'overdue']);
    const mine = ok<FindingDetailDto>(await (await as('head')).get(`/api/rectifications/${f.id}`));
    expect([mine.stateLabel, mine.overdue]).toEqual(['逾期未整改', true]);
    await tick('2026-11-11T09:30:00+08:00'); // once per deadline
    expect(await events()).toEqual(['create', 'notify', 'overdue']);
    await tick('2026-11-16T09:30:00+08:00'); // five working days overdue
    expect(await events()).toEqual(['create', 'notify', 'overdue', 'escalated']);
    const escalatedTo = await h.s.db.kysely
      .selectFrom('notices')
      .innerJoin('users', 'users.id', 'notices.user_id')
      .select('users.username')
      .where('notices.subject_id', '=', f.id)
      .where('notices.kind', '=', 'inspection.escalated')
      .execute();
    expect(escalatedTo.map((x) => x.username)).toEqual(expect.arrayContaining(['director', 'jiwei', 'jiancha']));
    const office = await as('jiancha');

    // A case from the finding: evidence frozen from the stored finding; the finding names it; a second one is 409.
    expect(codeOf(await (await as('head')).post('/api/cases', { kind: 'finding', findingId: f.id }))).toBe('NOT_FOUND');
    const c = ok<CaseDetailDto>(
      await office.post('/api/cases', { kind: 'finding', findingId: f.id, description: '逾期未整改' }),
      201,
    );
    expect(c.kind).toBe('finding');
    const after = ok<FindingDetailDto>(await office.get(`/api/rectifications/${f.id}`));
    expect(after.caseId).toBe(c.id);
    expect(after.abilities.openCase).toBe(false);
    expect(after.events.at(-1)!.kind).toBe('case');
    expect(codeOf(await (await as('jiwei')).post('/api/cases', { kind: 'finding', findingId: f.id }))).toBe(
      'CASE_ALREADY_OPEN',
    );
    expect(codeOf(await office.post('/api/cases', { kind: 'finding', findingId: finding.id }))).toBe(
      'CASE_SOURCE_INVALID',
    ); // closed: rectified
  });

  it('R6.4: concluded, the 通报 downloads as Word and PDF with its number; the findings ledger as XLSX; the division cannot', async () => {
    const jiancha = await as('jiancha');
    insp = ok<InspectionDetailDto>(await jiancha.get(`/api/inspections/${insp.id}`));
    insp = ok<InspectionDetailDto>(
      await jiancha.post(`/api/inspections/${insp.id}/conclude`, {
        version: insp.version,
        summary:
          '对外贸易处处务会制度执行总体较好，但纪要记载不同意见不够完整。\n\n各处室要对照检查发现的问题举一反三。',
      }),
    );
    expect([insp.state, insp.stateLabel, insp.reportNumber]).toEqual(['concluded', '已通报', '监察通〔2026〕1号']);
    expect(
      codeOf(
        await jiancha.post(`/api/inspections/${insp.id}/findings`, {
          divisionId: trade,
          clause: 'R5.4',
          description: 'x',
          evidence: [],
        }),
      ),
    ).toBe('INVALID_TRANSITION');
    const docx = await jiancha.get(`/api/inspections/${insp.id}/report/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // The 通报 carries its number, the division and each finding's words, from the stored inspection.
    const body = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(body).toContain('监察通〔2026〕1号');
    expect(body).toContain('对外贸易处');
    expect(body).toContain('三月纪要报监察室备案迟延');
    expect(body).toContain('a1b2c3'); // the seed: the draw can be reproduced
    const pdf = await jiancha.get(`/api/inspections/${insp.id}/report/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await jiancha.get(`/api/inspections/${insp.id}/report/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new JSZipLike.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).toContain('对外贸易处');
    expect(text).toContain('R5.10');
    expect(codeOf(await (await as('head')).get(`/api/inspections/${insp.id}/report/pdf`))).toBe('NOT_FOUND');
    expect(codeOf(await jiancha.get(`/api/inspections/${insp.id}/report/exe`))).toBe('VALIDATION_FAILED');
  });

  it.runIf(TEST_DB === 'postgres')(
    'R6.4: two inspections concluded at once on PostgreSQL take different numbers',
    async () => {
      {
        const jiancha = await as('jiancha');
        const ids: string[] = [];
        for (const title of ['并发一', '并发二']) {
          let d = ok<InspectionDetailDto>(await jiancha.post('/api/inspections', plan({ title, sampleSize: 1 })), 201);
          d = ok<InspectionDetailDto>(await jiancha.post(`/api/inspections/${d.id}/start`, { version: d.version }));
          d = await recordAll(jiancha, d);
          ids.push(d.id);
        }
        const versions = await Promise.all(
          ids.map(async (i) => ok<InspectionDetailDto>(await jiancha.get(`/api/inspections/${i}`)).version),
        );
        const res = await Promise.all(
          ids.map((i, k) =>
            jiancha.post(`/api/inspections/${i}/conclude`, { version: versions[k], summary: '并发形成通报。' }),
          ),
        );
        const numbers = res.map((r) => (r.json() as InspectionDetailDto).reportNumber);
        expect(res.map((r) => r.statusCode)).toEqual([200, 200]);
        expect(new Set(numbers).size).toBe(2);
        expect([...numbers].sort()).toEqual(['监察通〔2026〕2号', '监察通〔2026〕3号']);
      }
    },
  );
});
