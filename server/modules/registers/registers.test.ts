import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { codeOf, makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { holdMeeting } from '../../test/flows.js';
import type {
  ImportRegisterDto,
  RegisterDto,
  RegisterLineDto,
  RegisterLinesPageDto,
  RegistersPageDto,
} from '../../../core/contracts/registers.js';
import type { ComplianceCellDetailDto } from '../../../core/contracts/oversight.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';

const fundsTopic = (title: string, yuan: string) => ({
  title,
  description: '研究资金安排。',
  category: '专项资金的使用和分配',
  matterFlags: ['funds'],
  fundsAmountYuan: yuan,
  important: false,
});

/**
 * R4.1 / R6.4: the funds register of 2026 held against the topics 对外贸易处's meetings
 * decided: 参展补助资金 (¥1 200 000) on 03-10, 跨境电商产业园项目资金 (¥500 000) on 06-15.
 * Evaluated on 2026-11-02 (Shanghai).
 */
describe('R6.4 R4.1: registers and their cross-check against decided topics', () => {
  let h: Harness;
  let trade: string;
  let investment: string;
  let march: MeetingDto;
  let register: RegisterDto;
  let lines: RegisterLineDto[];
  const NOW = '2026-11-02T09:00:00+08:00';

  const upload = async (c: Client, kind: string, name: string, data: Buffer) =>
    h.app.inject({
      method: 'POST',
      url: `/api/registers/import/${kind}`,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent(name),
      },
      payload: data,
    });
  const ok = <T>(r: LightMyRequestResponse, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const lineCount = async () =>
    Number(
      (
        await h.s.db.kysely
          .selectFrom('register_lines')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const linesOf = async (id: string, query = '') =>
    ok<RegisterLinesPageDto>(await (await h.login('jiancha')).get(`/api/registers/${id}/lines${query}`));
  const cell = async (month: string, division = trade) =>
    ok<ComplianceCellDetailDto>(
      await (
        await h.login('jiancha')
      ).get(`/api/oversight/compliance/cell?divisionId=${division}&month=${month}&check=registers`),
    );

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    investment = await h.divisionId('外商投资管理处');
    march = await holdMeeting(h, '2026-03-10T09:00:00+08:00', '三月例会', {
      topic: fundsTopic('2026年外贸企业参展补助资金分配方案', '1200000.00'),
    });
    await holdMeeting(h, '2026-06-15T09:00:00+08:00', '六月例会', {
      topic: fundsTopic('跨境电商产业园项目资金拨付', '500000.00'),
    });
    h.clock.set(NOW);
  });
  afterAll(async () => h?.close());

  it('R6.4 R4.1: a clean CSV (UTF-8 with BOM, columns in any order) is imported; each line proposed or a finding', async () => {
    const csv =
      '\uFEFF事项,处室,日期,金额（元）\r\n' +
      '外贸企业参展补助资金拨付,对外贸易处,2026-04-02,"1,150,000"\r\n' +
      '跨境电商产业园项目资金拨付,对外贸易处,2026-05-20,500000\r\n' +
      '外资企业奖励资金兑现,外商投资管理处,2026-05-21,300000\r\n' +
      '外贸企业参展补助资金追加拨付,对外贸易处,2026-07-10,2000000\r\n';
    register = ok<RegisterDto>(
      await upload(await h.login('jiancha'), 'funds', '资金登记簿.csv', Buffer.from(csv)),
      201,
    );
    expect(register).toMatchObject({ kind: 'funds', kindLabel: '资金', lineCount: 4 });
    expect(register.counts).toEqual({ proposed: 1, confirmed: 0, finding: 3, dismissed: 0 });
    lines = (await linesOf(register.id)).items;
    expect(lines.map((l) => [l.lineNo, l.state])).toEqual([
      [2, 'proposed'],
      [3, 'finding'],
      [4, 'finding'],
      [5, 'finding'],
    ]);
    // Decided at the 03-10 meeting, before the line's 04-02; ¥1 150 000 within ±10% of ¥1 200 000.
    expect(lines[0]?.match).toMatchObject({ title: '2026年外贸企业参展补助资金分配方案', meetingId: march.id });
    expect(lines[0]?.match?.meetingDay).toBe('2026-03-10');
    expect(lines[0]?.match?.score).toBeGreaterThan(0);
    expect(lines[0]?.amountYuan).toBe('1150000.00');
    expect(lines[0]?.abilities).toEqual({ confirm: true, dismiss: true, reopen: false });
    expect(lines[1]?.abilities).toEqual({ confirm: false, dismiss: false, reopen: true });
    // Filters with the cursor list.
    const findings = await linesOf(register.id, '?state=finding&limit=2');
    expect(findings.items.map((l) => l.lineNo)).toEqual([3, 4]);
    expect(findings.nextCursor).not.toBeNull();
    const more = await linesOf(register.id, `?state=finding&limit=2&cursor=${findings.nextCursor}`);
    expect(more.items.map((l) => l.lineNo)).toEqual([5]);
    expect((await linesOf(register.id, `?divisionId=${investment}`)).items.map((l) => l.lineNo)).toEqual([4]);
  });

  it('R6.4 R4.1: a line whose only topic was decided after the line’s date is a finding (未经处务会研究)', () => {
    // 跨境电商产业园项目资金 was decided on 06-15, the line is dated 05-20.
    expect(lines[1]).toMatchObject({ state: 'finding', stateLabel: '未经处务会研究', match: null, candidates: [] });
  });

  it('R6.4 R4.1: a line with no decided topic of its division is a finding', () => {
    expect(lines[2]).toMatchObject({ state: 'finding', divisionName: '外商投资管理处', candidates: [] });
  });

  it('R6.4 R4.1: an amount outside the unit’s tolerance (default ±10%) is no candidate: a finding', () => {
    // ¥2 000 000 against the ¥1 200 000 decided: the words match, the money does not.
    expect(lines[3]).toMatchObject({ state: 'finding', candidates: [] });
  });

  it('R6.4 R4.1: an XLSX register (an Excel date cell, a number amount) is imported', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记簿');
    ws.addRow(['处室', '日期', '金额（元）', '事项']);
    ws.addRow(['对外贸易处', new Date(Date.UTC(2026, 8, 1)), 1200000, '参展补助资金第二批拨付']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const r = ok<RegisterDto>(await upload(await h.login('zhouxuemei'), 'funds', '资金登记簿.xlsx', data), 201);
    expect(r.counts).toEqual({ proposed: 1, confirmed: 0, finding: 0, dismissed: 0 });
    const [line] = (await linesOf(r.id)).items;
    expect(line).toMatchObject({ day: '2026-09-01', amountYuan: '1200000.00', state: 'proposed' });
    expect(line?.match?.title).toBe('2026年外贸企业参展补助资金分配方案');
  });

  it('R6.4 R4.1: a CSV saved by Excel in GBK is read too (a project register: no amount column)', async () => {
    // "处室,日期,事项\r\n外商投资管理处,2026-05-06,外资项目备案审批\r\n" in GBK.
    const gbk = Buffer.from(
      'b4a6cad22cc8d5c6da2ccac2cfee0d0acde2c9cccdb6d7cab9dcc0edb4a62c323032362d30352d30362ccde2d7cacfeec4bfb1b8b0b8c9f3c5fa0d0a',
      'hex',
    );
    const r = ok<RegisterDto>(await upload(await h.login('jiancha'), 'project', '项目登记簿.csv', gbk), 201);
    expect(r).toMatchObject({ kind: 'project', kindLabel: '项目', lineCount: 1 });
    const [line] = (await linesOf(r.id)).items;
    expect(line).toMatchObject({ divisionName: '外商投资管理处', subject: '外资项目备案审批', amountYuan: null });
    expect(line?.state).toBe('finding');
  });

  it('R6.4 R4.1: a file with 3 bad lines → 422 REGISTER_IMPORT_INVALID naming all 3, nothing stored', async () => {
    const before = await lineCount();
    const registers = (await (await h.login('jiancha')).get('/api/registers')).json() as RegistersPageDto;
    const csv =
      '处室,日期,金额（元）,事项\n' +
      '对外贸易处,2026-04-02,1000,正常的一行\n' +
      '不存在处,2026-04-02,1000,处室不对\n' +
      '对外贸易处,2026-02-30,1000,日期不对\n' +
      '对外贸易处,2026-04-03,abc,\n';
    const r = await upload(await h.login('jiancha'), 'funds', '错误.csv', Buffer.from(csv));
    expect(r.statusCode).toBe(422);
    expect(codeOf(r)).toBe('REGISTER_IMPORT_INVALID');
    const details = r.json().error.details as { errors: Array<{ line: number; column: string; reason: string }> };
    expect([...new Set(details.errors.map((e) => e.line))]).toEqual([3, 4, 5]);
    expect(details.errors).toEqual([
      { line: 3, column: '处室', reason: '本单位没有名为“不存在处”的处室' },
      { line: 4, column: '日期', reason: '日期“2026-02-30”无效，应为 YYYY-MM-DD 格式的实际日期' },
      { line: 5, column: '金额（元）', reason: '金额“abc”无效，应为不超过两位小数的非负数' },
      { line: 5, column: '事项', reason: '事项为空' },
    ]);
    expect(r.json().error.message).toContain('第 3 行');
    expect(await lineCount()).toBe(before);
    const after = (await (await h.login('jiancha')).get('/api/registers')).json() as RegistersPageDto;
    expect(after.items.length).toBe(registers.items.length);
    // A missing column is line 1's problem; a file over the size limit is 413.
    const noAmount = await upload(await h.login('jiancha'), 'funds', 'a.csv', Buffer.from('处室,日期,事项\n'));
    expect(noAmount.json().error.details.errors).toEqual([
      { line: 1, column: '金额（元）', reason: '缺少“金额（元）”列' },
    ]);
    const header = '处室,日期,金额（元）,事项\n';
    const tooMany = await upload(
      await h.login('jiancha'),
      'funds',
      'many.csv',
      Buffer.from(header + '对外贸易处,2026-04-02,1,事项\n'.repeat(20_001)),
    );
    expect([tooMany.statusCode, codeOf(tooMany)]).toEqual([422, 'REGISTER_IMPORT_INVALID']);
    expect(tooMany.json().error.message).toContain('超过 20000 行');
    const big = await upload(await h.login('jiancha'), 'funds', 'big.csv', Buffer.alloc(5 * 1024 * 1024 + 10, 0x41));
    expect([big.statusCode, codeOf(big)]).toEqual([413, 'FILE_TOO_LARGE']);
  });

  it('R6.4 R4.1: the matrix cell is 待定 while the match is unreviewed, 达标 once confirmed, 未达标 with a finding', async () => {
    const april = await cell('2026-04');
    expect(april).toMatchObject({ check: 'registers', result: 'na', counts: { pending: 1, ok: 0, problem: 0 } });
    expect(april.note).toContain('待定');
    expect(april.definition.clause).toBe('R4.1');
    expect(april.evidence[0]).toMatchObject({ kind: 'register_line', state: 'pending' });

    const line = lines[0];
    if (!line) throw new Error('no line');
    const confirmed = ok<RegisterLineDto>(
      await (
        await h.login('jiancha')
      ).post(`/api/registers/lines/${line.id}/confirm`, { version: line.version, reason: '与会议纪要核对一致' }),
    );
    expect(confirmed).toMatchObject({ state: 'confirmed', reviewedByName: '高敏', reviewReason: '与会议纪要核对一致' });
    expect(confirmed.abilities).toEqual({ confirm: false, dismiss: false, reopen: true });
    expect((await cell('2026-04')).result).toBe('pass');
    expect(await cell('2026-05')).toMatchObject({ result: 'fail', counts: { problem: 1 } });
    expect((await cell('2026-05', investment)).result).toBe('fail');
    expect((await cell('2026-08')).result).toBe('na');
    const audit = await h.s.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('action', 'in', ['register.import', 'register.confirm'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'register.confirm',
      'register.import', // CSV
      'register.import', // XLSX
      'register.import', // GBK
    ]);
  });

  it('R6.4 R4.1: in the matrix, a line paid before its topic was decided and a line with no decided topic each fail their month, the evidence naming the line', async () => {
    // 跨境电商产业园项目资金拨付 is dated 05-20; the division decided that topic only on 06-15.
    const may = await cell('2026-05');
    expect(may).toMatchObject({ result: 'fail', resultLabel: '未达标', note: '1 条事项未经处务会研究' });
    expect(may.evidence.map((e) => [e.kind, e.label, e.state, e.detail])).toEqual([
      [
        'register_line',
        '资金登记簿第 3 行：跨境电商产业园项目资金拨付（2026-05-20）',
        'problem',
        '未经处务会研究：该日期之前本处室处务会没有研究决定相应议题',
      ],
    ]);
    // June, when the topic was decided, has no line of its own: 不适用, not a pass.
    expect((await cell('2026-06')).result).toBe('na');
    // 外商投资管理处 decided no topic at all: its funds line (and the GBK project register's line) fail May.
    const other = await cell('2026-05', investment);
    expect(other).toMatchObject({ result: 'fail', counts: { ok: 0, problem: 2, pending: 0, skipped: 0 } });
    expect(other.evidence.map((e) => [e.label, e.state, e.detail])).toEqual([
      [
        '项目登记簿第 2 行：外资项目备案审批（2026-05-06）',
        'problem',
        '未经处务会研究：该日期之前本处室处务会没有研究决定相应议题',
      ],
      [
        '资金登记簿第 4 行：外资企业奖励资金兑现（2026-05-21）',
        'problem',
        '未经处务会研究：该日期之前本处室处务会没有研究决定相应议题',
      ],
    ]);
    expect(other.evidence[1]?.link).toBe(`/oversight/registers?register=${register.id}`);
  });

  it('R6.4 R4.1: dismiss without a reason is 400; with one the line becomes a finding; a stale version is 409', async () => {
    const xlsx = (await (await h.login('jiancha')).get('/api/registers')).json() as RegistersPageDto;
    const reg = xlsx.items.find((r) => r.counts.proposed === 1);
    const [line] = (await linesOf(reg?.id ?? '')).items;
    if (!line) throw new Error('no line');
    const jc = await h.login('jiancha');
    const bare = await jc.post(`/api/registers/lines/${line.id}/dismiss`, { version: line.version });
    expect([bare.statusCode, codeOf(bare)]).toEqual([400, 'VALIDATION_FAILED']);
    const blank = await jc.post(`/api/registers/lines/${line.id}/dismiss`, { version: line.version, reason: '  ' });
    expect([blank.statusCode, codeOf(blank)]).toEqual([400, 'VALIDATION_FAILED']);
    const dismissed = ok<RegisterLineDto>(
      await jc.post(`/api/registers/lines/${line.id}/dismiss`, { version: line.version, reason: '金额与纪要不符' }),
    );
    expect(dismissed).toMatchObject({ state: 'dismissed', reviewReason: '金额与纪要不符', match: null });
    const again = await jc.post(`/api/registers/lines/${line.id}/confirm`, { version: line.version });
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'CONFLICT']);
    expect(await cell('2026-09')).toMatchObject({ result: 'fail', counts: { problem: 1 } });
  });

  it(`R6.4 R4.1: two confirms at once → 200 + 409, one decision stored (${TEST_DB})`, async () => {
    const csv = '处室,日期,金额（元）,事项\n对外贸易处,2026-10-08,1180000,参展补助资金第三批拨付\n';
    const reg = ok<RegisterDto>(await upload(await h.login('jiancha'), 'funds', '第三批.csv', Buffer.from(csv)), 201);
    const [line] = (await linesOf(reg.id)).items;
    if (!line) throw new Error('no line');
    const [a, b] = [await h.login('jiancha'), await h.login('zhouxuemei')];
    const results = await Promise.all([
      a.post(`/api/registers/lines/${line.id}/confirm`, { version: line.version }),
      b.post(`/api/registers/lines/${line.id}/confirm`, { version: line.version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const decisions = await h.s.db.kysely
      .selectFrom('register_decisions')
      .select('id')
      .where('line_id', '=', line.id)
      .execute();
    expect(decisions).toHaveLength(1);
  });

  it('R6.4 R4.1: the three administrators and business staff get 404; a principal leader reads but may not import (403)', async () => {
    for (const who of ['admin', 'secadmin', 'auditor', 'head', 'staff']) {
      const c = await h.login(who);
      expect([who, (await c.get('/api/registers')).statusCode]).toEqual([who, 404]);
      expect([who, (await c.get(`/api/registers/${register.id}/lines`)).statusCode]).toEqual([who, 404]);
      const up = await upload(c, 'funds', 'x.csv', Buffer.from('处室,日期,金额（元）,事项\n'));
      expect([who, up.statusCode]).toEqual([who, 404]);
      expect([who, (await c.post(`/api/registers/lines/${lines[1]?.id}/confirm`, { version: 1 })).statusCode]).toEqual([
        who,
        404,
      ]);
    }
    const director = await h.login('director');
    const page = ok<RegistersPageDto>(await director.get('/api/registers'));
    expect(page.canManage).toBe(false);
    const l = (await linesOf(register.id)).items;
    expect(
      ok<RegisterLinesPageDto>(await director.get(`/api/registers/${register.id}/lines`)).items[0]?.abilities,
    ).toEqual({
      confirm: false,
      dismiss: false,
      reopen: false,
    });
    expect(l.length).toBe(4);
    const up = await upload(director, 'funds', 'x.csv', Buffer.from('处室,日期,金额（元）,事项\n'));
    expect([up.statusCode, codeOf(up)]).toEqual([403, 'FORBIDDEN']);
  });

  const FIRST =
    '\uFEFF事项,处室,日期,金额（元）\r\n' +
    '外贸企业参展补助资金拨付,对外贸易处,2026-04-02,"1,150,000"\r\n' +
    '跨境电商产业园项目资金拨付,对外贸易处,2026-05-20,500000\r\n' +
    '外资企业奖励资金兑现,外商投资管理处,2026-05-21,300000\r\n' +
    '外贸企业参展补助资金追加拨付,对外贸易处,2026-07-10,2000000\r\n';
  const registerCount = async () =>
    Number(
      (
        await h.s.db.kysely
          .selectFrom('registers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('R6.4 R4.1: the same file again → 409 REGISTER_ALREADY_IMPORTED naming the earlier import; nothing stored', async () => {
    const [before, registers] = [await lineCount(), await registerCount()];
    const again = await upload(await h.login('zhouxuemei'), 'funds', '资金登记簿（再次）.csv', Buffer.from(FIRST));
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'REGISTER_ALREADY_IMPORTED']);
    expect(again.json().error.message).toBe('该文件已于 2026-11-02 09:00 由高敏导入（资金登记簿.csv），未重复导入');
    expect(again.json().error.details).toEqual({ registerId: register.id });
    expect([await lineCount(), await registerCount()]).toEqual([before, registers]);
    // The same bytes as another kind of register are another register.
    const asProject = await upload(await h.login('jiancha'), 'project', '资金登记簿.csv', Buffer.from(FIRST));
    expect(asProject.statusCode).toBe(201);
  });

  it('R6.4 R4.1: an overlapping export stores only its new lines, each skipped line naming the line it repeats; only repeats → 409', async () => {
    const [before, registers] = [await lineCount(), await registerCount()];
    const mayProblems = (await cell('2026-05')).counts.problem;
    // January–October: the first file's four lines (columns reordered, no BOM), one new, and one new twice.
    const overlapping =
      '处室,日期,金额（元）,事项\n' +
      '对外贸易处,2026-04-02,1150000,外贸企业参展补助资金拨付\n' +
      '对外贸易处,2026-05-20,500000.00,跨境电商产业园项目资金拨付\n' +
      '外商投资管理处,2026-05-21,300000,外资企业奖励资金兑现\n' +
      '对外贸易处,2026-07-10,2000000,外贸企业参展补助资金追加拨付\n' +
      '对外贸易处,2026-10-21,80000,外贸企业参展补助资金尾款拨付\n' +
      '对外贸易处,2026-10-22,1000,展位费退款\n' +
      '对外贸易处,2026-10-22,1000,展位费退款\n';
    const r = ok<ImportRegisterDto>(
      await upload(await h.login('jiancha'), 'funds', '1-10月资金登记簿.csv', Buffer.from(overlapping)),
      201,
    );
    expect([r.lineCount, r.skippedLines]).toEqual([3, 4]);
    expect(r.skipped).toEqual([
      { line: 2, earlier: '资金登记簿.csv 第 2 行' },
      { line: 3, earlier: '资金登记簿.csv 第 3 行' },
      { line: 4, earlier: '资金登记簿.csv 第 4 行' },
      { line: 5, earlier: '资金登记簿.csv 第 5 行' },
    ]);
    expect((await linesOf(r.id)).items.map((l) => [l.lineNo, l.subject])).toEqual([
      [6, '外贸企业参展补助资金尾款拨付'],
      [7, '展位费退款'],
      [8, '展位费退款'],
    ]);
    expect(
      ok<RegistersPageDto>(await (await h.login('jiancha')).get('/api/registers')).items.find((g) => g.id === r.id),
    ).toMatchObject({
      lineCount: 3,
      skippedLines: 4,
    });
    expect([await lineCount(), await registerCount()]).toEqual([before + 3, registers + 1]);
    // The earlier file's May matters are still counted once in the matrix.
    expect((await cell('2026-05')).counts.problem).toBe(mayProblems);
    const [audit] = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'register.import')
      .where('subject_id', '=', r.id)
      .execute();
    expect(JSON.parse(String(audit?.data))).toMatchObject({ lines: 3, skipped: 4 });

    // A third export holding only what is stored: nothing new, nothing stored.
    const nothing = await upload(
      await h.login('jiancha'),
      'funds',
      '10月资金登记簿.csv',
      Buffer.from(
        '处室,日期,金额（元）,事项\n对外贸易处,2026-10-22,1000,展位费退款\n对外贸易处,2026-10-21,80000,外贸企业参展补助资金尾款拨付\n',
      ),
    );
    expect([nothing.statusCode, codeOf(nothing)]).toEqual([409, 'REGISTER_NOTHING_NEW']);
    expect(nothing.json().error.message).toBe(
      '登记簿的 2 条事项均已在此前导入的登记簿中（如1-10月资金登记簿.csv 第 7 行），未导入任何内容',
    );
    expect([await lineCount(), await registerCount()]).toEqual([before + 3, registers + 1]);
  });

  it(`R6.4 R4.1: the same new file twice at once → 201 + 409 REGISTER_ALREADY_IMPORTED, its lines stored once (${TEST_DB})`, async () => {
    const [before, registers] = [await lineCount(), await registerCount()];
    const csv = '处室,日期,金额（元）,事项\n对外贸易处,2026-10-26,66000,外贸企业培训经费拨付\n';
    const [a, b] = [await h.login('jiancha'), await h.login('zhouxuemei')];
    const results = await Promise.all([
      upload(a, 'funds', '培训经费.csv', Buffer.from(csv)),
      upload(b, 'funds', '培训经费.csv', Buffer.from(csv)),
    ]);
    expect(results.map((r) => [r.statusCode, r.statusCode === 201 ? 'stored' : codeOf(r)]).sort()).toEqual([
      [201, 'stored'],
      [409, 'REGISTER_ALREADY_IMPORTED'],
    ]);
    expect([await lineCount(), await registerCount()]).toEqual([before + 1, registers + 1]);
  });

  it('R6.4 R4.1: 重新复核 with a reason matches the line again — a finding after a backfilled meeting becomes a proposal; refusals by state, version and role', async () => {
    // 外贸企业参展补助资金追加拨付 (2026-07-10, ¥2 000 000) had no candidate: its amount is outside the tolerance.
    const line = lines[3];
    if (!line) throw new Error('no line');
    expect(line.state).toBe('finding');
    // July: this line and the same file's line imported as a project register.
    expect((await cell('2026-07')).counts).toMatchObject({ ok: 0, pending: 0, problem: 2 });
    // The meeting that decided the extra funds, recorded since (on 07-01, before the payment).
    await holdMeeting(h, '2026-07-01T09:00:00+08:00', '七月例会', {
      topic: fundsTopic('外贸企业参展补助资金追加安排', '2000000.00'),
    });
    h.clock.set(NOW);
    const jc = await h.login('jiancha');
    const bare = await jc.post(`/api/registers/lines/${line.id}/reopen`, { version: line.version });
    expect([bare.statusCode, codeOf(bare)]).toEqual([400, 'VALIDATION_FAILED']);
    for (const who of ['head', 'staff', 'admin']) {
      const r = await (
        await h.login(who)
      ).post(`/api/registers/lines/${line.id}/reopen`, {
        version: line.version,
        reason: '已补录',
      });
      expect([who, r.statusCode]).toEqual([who, 404]);
    }
    const byLeader = await (
      await h.login('director')
    ).post(`/api/registers/lines/${line.id}/reopen`, {
      version: line.version,
      reason: '已补录',
    });
    expect([byLeader.statusCode, codeOf(byLeader)]).toEqual([403, 'FORBIDDEN']);
    const reopened = ok<RegisterLineDto>(
      await jc.post(`/api/registers/lines/${line.id}/reopen`, {
        version: line.version,
        reason: '已补录研究追加资金的七月例会',
      }),
    );
    expect(reopened).toMatchObject({
      state: 'proposed',
      version: line.version + 1,
      reviewReason: '已补录研究追加资金的七月例会',
      reviewedByName: '高敏',
      abilities: { confirm: true, dismiss: true, reopen: false },
    });
    expect(reopened.match).toMatchObject({ title: '外贸企业参展补助资金追加安排', meetingDay: '2026-07-01' });
    // Back to review: the line is 待定 in July's cell until a reviewer decides.
    expect((await cell('2026-07')).counts).toMatchObject({ ok: 0, pending: 1, problem: 1 });
    const stale = await jc.post(`/api/registers/lines/${line.id}/reopen`, { version: line.version, reason: '再次' });
    expect([stale.statusCode, codeOf(stale)]).toEqual([409, 'CONFLICT']);
    const proposedNow = await jc.post(`/api/registers/lines/${line.id}/reopen`, {
      version: reopened.version,
      reason: '再次',
    });
    expect([proposedNow.statusCode, codeOf(proposedNow)]).toEqual([409, 'INVALID_TRANSITION']);
    const confirmed = ok<RegisterLineDto>(
      await jc.post(`/api/registers/lines/${line.id}/confirm`, { version: reopened.version }),
    );
    expect((await cell('2026-07')).counts).toMatchObject({ ok: 1, pending: 0, problem: 1 });
    // A confirmed match taken back: proposed again, the decisions kept in order.
    ok<RegisterLineDto>(
      await jc.post(`/api/registers/lines/${line.id}/reopen`, { version: confirmed.version, reason: '金额需再核' }),
    );
    const decisions = await h.s.db.kysely
      .selectFrom('register_decisions')
      .select(['seq', 'action', 'reason'])
      .where('line_id', '=', line.id)
      .orderBy('seq')
      .execute();
    expect(decisions.map((d) => [Number(d.seq), d.action, d.reason])).toEqual([
      [line.version, 'reopen', '已补录研究追加资金的七月例会'],
      [line.version + 1, 'confirm', null],
      [line.version + 2, 'reopen', '金额需再核'],
    ]);
    const audit = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'register.reopen')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => JSON.parse(String(a.data)))).toEqual([
      { lineId: line.id, line: 5, from: 'finding', to: 'proposed', candidates: 1 },
      { lineId: line.id, line: 5, from: 'confirmed', to: 'proposed', candidates: 1 },
    ]);
  });

  it(`R6.4 R4.1: two reopens at once → 200 + 409, one decision stored (${TEST_DB})`, async () => {
    const [line] = (await linesOf(register.id, '?state=finding')).items;
    if (!line) throw new Error('no finding');
    const [a, b] = [await h.login('jiancha'), await h.login('zhouxuemei')];
    const results = await Promise.all([
      a.post(`/api/registers/lines/${line.id}/reopen`, { version: line.version, reason: '重新匹配' }),
      b.post(`/api/registers/lines/${line.id}/reopen`, { version: line.version, reason: '重新匹配' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const decisions = await h.s.db.kysely
      .selectFrom('register_decisions')
      .select('id')
      .where('line_id', '=', line.id)
      .where('action', '=', 'reopen')
      .execute();
    expect(decisions).toHaveLength(1);
  });
});
