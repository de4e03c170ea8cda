import type { Workbook } from 'exceljs';
import { shanghaiDateTime } from '../../core/shanghai-time.js';
import { fixZipTimes } from './reproducible.js';
import { documentInstant } from './inspection-report-content.js';

/** One finding of an inspection as a line of the findings ledger (问题整改台账). */
export interface FindingsLedgerRow {
  seq: number;
  inspectionTitle: string;
  divisionName: string;
  clause: string;
  description: string;
  /** `YYYY-MM-DD`. */
  foundOn: string;
  deadline: string | null;
  stateLabel: string;
  closedOn: string | null;
  caseNumber: string | null;
  evidence: string;
}

export const FINDINGS_SHEET = '问题整改台账';

/** The ledger's columns, in order: header and width (in characters); `day`: the cells are Excel dates. */
export const FINDINGS_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '检查名称', width: 30 },
  { header: '处室', width: 14 },
  { header: '条款', width: 10 },
  { header: '问题描述', width: 40 },
  { header: '发现日期', width: 12, day: true },
  { header: '整改时限', width: 12, day: true },
  { header: '整改状态', width: 12 },
  { header: '办结日期', width: 12, day: true },
  { header: '问责案号', width: 18 },
  { header: '整改佐证', width: 36 },
] as const;

/** A `YYYY-MM-DD` day as the Excel date of that day (a serial number, no time, no zone). */
function excelDay(day: string | null): Date | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * The findings ledger (问题整改台账) as an XLSX workbook: a title row, the
 * Chinese headers frozen under it with a filter, one row per finding in the
 * order given, days as Excel dates. Without `exportedAt` the workbook carries
 * the last day its rows record (found or closed), so the same rows are the same
 * bytes; with it, the title row names the export time and the workbook carries it.
 */
export async function renderFindingsLedgerXlsx(
  title: string,
  rows: readonly FindingsLedgerRow[],
  options: { exportedAt?: Date } = {},
): Promise<Buffer> {
  // exceljs is large: loaded when a ledger is first exported, not with the server.
  const { default: ExcelJS } = await import('exceljs');
  const days = rows.flatMap((r) => [r.foundOn, r.closedOn]).filter((d): d is string => !!d);
  const at =
    options.exportedAt ??
    (days.length ? documentInstant(days.reduce((a, b) => (b > a ? b : a))) : new Date('1980-01-01T00:00:00+08:00'));
  const wb: Workbook = new ExcelJS.Workbook();
  wb.creator = '纪要系统';
  wb.lastModifiedBy = '纪要系统';
  wb.created = at;
  wb.modified = at;
  const ws = wb.addWorksheet(FINDINGS_SHEET, {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = FINDINGS_COLUMNS.map((c) => ({ width: c.width }));

  const head1 = ws.getRow(1);
  head1.getCell(1).value =
    title +
    (options.exportedAt ? `\u3000导出时间：${shanghaiDateTime(options.exportedAt.toISOString())}` : '') +
    `\u3000共 ${rows.length} 项`;
  head1.font = { bold: true, size: 12 };
  head1.height = 24;
  ws.mergeCells(1, 1, 1, FINDINGS_COLUMNS.length);
  head1.getCell(1).alignment = { vertical: 'middle', wrapText: true };

  const head = ws.getRow(2);
  head.values = FINDINGS_COLUMNS.map((c) => c.header);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    c.border = { bottom: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: FINDINGS_COLUMNS.length } };

  for (const r of rows) {
    const row = ws.addRow([
      r.seq,
      r.inspectionTitle,
      r.divisionName,
      r.clause,
      r.description,
      excelDay(r.foundOn),
      excelDay(r.deadline),
      r.stateLabel,
      excelDay(r.closedOn),
      r.caseNumber,
      r.evidence || null,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    FINDINGS_COLUMNS.forEach((c, i) => {
      if ('day' in c) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  return fixZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), at);
}
