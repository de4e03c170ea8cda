import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { holdMeeting, issueAt } from '../../test/flows.js';
import type { TrackingDetailDto, TrackingItemDto } from '../../../core/contracts/tracking.js';
import { LEDGER_COLUMNS, LEDGER_SHEET } from '../../documents/ledger-xlsx.js';
import { loadActor } from '../../platform/auth/actor.repository.js';
import { allLedgerItems } from './list-items.js';

type Page = { items: TrackingItemDto[]; nextCursor: string | null; scope: string };

/** Every page of the ledger as the screen loads it, two rows at a time. */
async function listAll(c: Client, query: string): Promise<TrackingItemDto[]> {
  const out: TrackingItemDto[] = [];
  let cursor: string | null = null;
  do {
    const r = await c.get(`/api/tracking/items?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json() as Page;
    out.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor);
  return out;
}

async function sheetOf(r: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  expect(r.statusCode, r.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(LEDGER_SHEET);
  if (!ws) throw new Error('no sheet 督办台账');
  return ws;
}

/** The data rows (from row 3), each as its 15 cell values. */
function dataRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  for (let n = 3; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    rows.push(LEDGER_COLUMNS.map((_, i) => row.getCell(i + 1).value));
  }
  return rows;
}

const day = (d: string | null) => (d ? new Date(`${d}T00:00:00.000Z`) : null);

describe('R6.2: the ledger exported as XLSX equals the ledger on the screen', () => {
  let h: Harness;
  let head: Client;
  let staff: Client;
  let director: Client;
  let zhugang: Client;
  let trade: string;

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    const [staffId, headId, chenjing, deputy] = await Promise.all(
      ['staff', 'head', 'chenjing', 'deputy'].map((u) => h.userId(u)),
    );
    const m = await holdMeeting(h, '2026-11-10T09:00:00+08:00', '台账例会', {
      decisions: [
        {
          text: '制定参展补助细则',
          outcome: 'adopted',
          responsibleUserId: staffId,
          coResponsibleIds: [chenjing],
          deadline: '2026-11-20',
        },
        { text: '对接重点外贸企业', outcome: 'adopted', responsibleUserId: headId, deadline: '2026-12-15' },
        { text: '梳理出口退税堵点', outcome: 'adopted', responsibleDivisionId: trade, deadline: '2026-12-01' },
        { text: '汇总展会成效', outcome: 'adopted', responsibleUserId: deputy, deadline: '2026-11-25' },
        { text: '研究企业联系制度', outcome: 'adopted', note: '会后明确', deadline: null },
      ],
    });
    await issueAt(h, m.id, '2026-11-10T16:00:00+08:00');
    // The staff's item is extended from 20 to 27 November, asked and granted before its deadline.
    h.clock.set('2026-11-12T10:00:00+08:00');
    staff = await h.login('staff');
    head = await h.login('head');
    const mine = ((await staff.get('/api/tracking/items')).json() as Page).items[0];
    if (!mine) throw new Error('no item for staff');
    const asked = (
      await staff.post(`/api/tracking/items/${mine.id}/extensions`, {
        version: mine.version,
        reason: '等待企业数据',
        newDeadline: '2026-11-27',
      })
    ).json() as TrackingDetailDto;
    const granted = await head.post(
      `/api/tracking/items/${mine.id}/extensions/${asked.extensionRequests[0]?.id}/decide`,
      { version: asked.version, approve: true },
    );
    expect(granted.statusCode, granted.body).toBe(200);
    // The staff reports on Friday 27 November: their item is not stalled, the others are (5 working days).
    h.clock.set('2026-11-27T10:00:00+08:00');
    staff = await h.login('staff');
    const reported = await staff.post(`/api/tracking/items/${mine.id}/reports`, {
      version: (granted.json() as TrackingDetailDto).version,
      text: '已收集十家企业数据',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    // Monday 30 November 2026, 10:00 in Shanghai: two red, one yellow, one green, one without a deadline.
    h.clock.set('2026-11-30T10:00:00+08:00');
    [head, staff, director, zhugang] = await Promise.all([
      h.login('head'),
      h.login('staff'),
      h.login('director'),
      h.login('zhugang'),
    ]);
  });
  afterAll(async () => h.close());

  it('R6.2: every page of the list, in its order, row for row; deadlines are Excel dates', async () => {
    const listed = await listAll(head, '');
    expect(listed).toHaveLength(5);
    const r = await head.get('/api/tracking/items.xlsx');
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('督办事项台账（本处室台账）2026-11-30.xlsx')}`,
    );
    const ws = await sheetOf(r);
    expect(ws.getRow(2).values).toEqual([undefined, ...LEDGER_COLUMNS.map((c) => c.header)]);
    expect(dataRows(ws)).toEqual(
      listed.map((i, n) => [
        n + 1,
        '〔2026〕1号',
        i.topicTitle,
        i.decisionText,
        '对外贸易处',
        i.responsibleName || '（待补全）',
        i.coResponsible.map((p) => p.name).join('、') || null,
        day(i.originalDeadline),
        day(i.deadline),
        { pending: '待办理', in_progress: '办理中' }[i.status as 'pending' | 'in_progress'],
        expect.any(String),
        i.overdueWorkingDays,
        i.extensions,
        i.matterFlags.length ? expect.any(String) : null,
        day(i.lastActivityDay),
      ]),
    );
    // The rows by deadline, none last; the extended one keeps its original deadline beside the new one.
    expect(dataRows(ws).map((x) => [x[3], x[7], x[8], x[10], x[11], x[12]])).toEqual([
      ['汇总展会成效', day('2026-11-25'), day('2026-11-25'), '红灯（逾期）、停滞', 3, 0],
      ['制定参展补助细则', day('2026-11-20'), day('2026-11-27'), '红灯（逾期）', 1, 1],
      ['梳理出口退税堵点', day('2026-12-01'), day('2026-12-01'), '黄灯（临期）、停滞', 0, 0],
      ['对接重点外贸企业', day('2026-12-15'), day('2026-12-15'), '绿灯（正常）、停滞', 0, 0],
      ['研究企业联系制度', null, null, '待补全', 0, 0],
    ]);
    const dated = ws.getRow(4);
    for (const c of [8, 9, 15]) {
      expect(dated.getCell(c).type, `column ${c}`).toBe(ExcelJS.ValueType.Date);
      expect(dated.getCell(c).numFmt).toBe('yyyy-mm-dd');
    }
    expect(ws.getRow(4).getCell(7).value).toBe('陈静');
    // The title row names the scope and the export time in Shanghai; the header row stays in view.
    expect(ws.getCell('A1').value).toBe(
      '督办事项台账（范围：本处室台账）\u3000导出时间：2026-11-30 10:00\u3000共 5 项',
    );
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(4).width).toBe(40);
  });

  it('R6.2: under filters the export holds exactly the rows the list shows under them', async () => {
    const cases: Array<[Client, string, string[]]> = [
      [head, 'light=red', ['汇总展会成效', '制定参展补助细则']],
      [head, 'overdueDays=2', ['汇总展会成效']],
      [head, 'light=yellow&scope=division', ['梳理出口退税堵点']],
      [
        head,
        'deadlineFrom=2026-11-26&deadlineTo=2026-12-15',
        ['制定参展补助细则', '梳理出口退税堵点', '对接重点外贸企业'],
      ],
      [head, 'needsCompletion=true', ['研究企业联系制度']],
      // The head executes their own item and, as its leader, the division's.
      [head, 'scope=mine', ['梳理出口退税堵点', '对接重点外贸企业']],
      // The staff execute their own item, and see the one their division is responsible for.
      [staff, '', ['制定参展补助细则', '梳理出口退税堵点']],
      [head, 'light=stalled', ['汇总展会成效', '梳理出口退税堵点', '对接重点外贸企业', '研究企业联系制度']],
      [head, 'status=in_progress', ['制定参展补助细则']],
      [director, `divisionId=${trade}&status=pending&light=green`, ['对接重点外贸企业']],
      [zhugang, 'scope=division', []],
    ];
    for (const [c, q, texts] of cases) {
      const listed = await listAll(c, q);
      expect(
        listed.map((i) => i.decisionText),
        q,
      ).toEqual(texts);
      const ws = await sheetOf(await c.get(`/api/tracking/items.xlsx?${q}`));
      expect(
        dataRows(ws).map((x) => x[3]),
        q,
      ).toEqual(texts);
    }
    const ws = await sheetOf(
      await director.get(`/api/tracking/items.xlsx?divisionId=${trade}&light=red&overdueDays=1`),
    );
    expect(ws.getCell('A1').value).toBe(
      '督办事项台账（范围：全部；灯号：红灯（逾期）；责任处室：对外贸易处；逾期 1 个工作日以上）\u3000导出时间：2026-11-30 10:00\u3000共 2 项',
    );
  });

  it('R6.2: the scope rules of the list hold for the export: a scope not one’s own is 403, a bad filter 400', async () => {
    for (const scope of ['division', 'supervised', 'all']) {
      const r = await staff.get(`/api/tracking/items.xlsx?scope=${scope}`);
      expect(r.statusCode, scope).toBe(403);
      expect(codeOf(r)).toBe('FORBIDDEN');
    }
    expect((await head.get('/api/tracking/items.xlsx?scope=all')).statusCode).toBe(403);
    // Paging is not part of an export: the whole ledger always.
    expect((await head.get('/api/tracking/items.xlsx?limit=2')).statusCode).toBe(400);
    expect((await head.get('/api/tracking/items.xlsx?cursor=abc')).statusCode).toBe(400);
    expect((await head.get('/api/tracking/items.xlsx?light=blue')).statusCode).toBe(400);
    expect((await h.anon('GET', '/api/tracking/items.xlsx')).statusCode).toBe(401);
  });

  it('R6.2: the export reads the ledger through every page, whatever their size', async () => {
    const headId = await h.userId('head');
    const { unit_id } = await h.s.db.kysely
      .selectFrom('users')
      .select('unit_id')
      .where('id', '=', headId)
      .executeTakeFirstOrThrow();
    const actor = await loadActor(h.s.db.kysely, unit_id, headId);
    if (!actor) throw new Error('no actor');
    const whole = await allLedgerItems(h.s, actor, {});
    for (const chunk of [1, 2, 3, 4, 5, 6]) {
      const paged = await allLedgerItems(h.s, actor, {}, chunk);
      expect(
        paged.items.map((i) => i.id),
        `chunk ${chunk}`,
      ).toEqual(whole.items.map((i) => i.id));
    }
    expect(whole.items).toHaveLength(5);
  });
});
