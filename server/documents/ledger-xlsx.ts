import ExcelJS from 'exceljs';
import type { TrackingItemDto } from '../../core/contracts/tracking.js';
import { MATTER_FLAG_LABELS } from '../../core/settings.js';
import { lightWords, TRACKING_STATUS_LABELS } from '../../core/tracking.js';
import { shanghaiDateTime } from '../../core/shanghai-time.js';

export const LEDGER_SHEET = '督办台账';

/** The ledger's columns, in order: header and width (in characters). */
export const LEDGER_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '来源纪要', width: 14 },
  { header: '议题', width: 24 },
  { header: '议定事项', width: 40 },
  { header: '责任处室', width: 14 },
  { header: '责任人', width: 12 },
  { header: '协办人', width: 14 },
  { header: '原定时限', width: 12 },
  { header: '现时限', width: 12 },
  { header: '状态', width: 10 },
  { header: '灯号', width: 16 },
  { header: '逾期工作日', width: 10 },
  { header: '延期次数', width: 9 },
  { header: '事项标记', width: 16 },
  { header: '最近进展日', width: 12 },
] as const;

/** A `YYYY-MM-DD` day as the Excel date of that day (a serial number, no time, no zone). */
export function excelDay(day: string | null): Date | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

const FILLS: Record<NonNullable<TrackingItemDto['light']>, string> = {
  red: 'FFFFC7CE',
  yellow: 'FFFFEB9C',
  green: 'FFC6EFCE',
};

export interface LedgerSheet {
  items: readonly TrackingItemDto[];
  /** The filters in words (describeLedgerFilters). */
  filters: string;
  exportedAt: Date;
}

/**
 * 督办事项台账 as an XLSX workbook (R6.2): a title row naming the filters and
 * the export time (Asia/Shanghai), the Chinese headers frozen under it, one row
 * per item in the ledger's order, deadlines as Excel dates.
 */
export async function renderLedgerXlsx(l: LedgerSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '纪要系统';
  wb.created = l.exportedAt;
  wb.modified = l.exportedAt;
  const ws = wb.addWorksheet(LEDGER_SHEET, {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));

  const title = ws.getRow(1);
  title.getCell(1).value =
    `督办事项台账（${l.filters || '全部事项'}）\u3000导出时间：${shanghaiDateTime(l.exportedAt.toISOString())}` +
    `\u3000共 ${l.items.length} 项`;
  title.font = { bold: true, size: 12 };
  title.height = 24;
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  title.getCell(1).alignment = { vertical: 'middle', wrapText: true };

  const head = ws.getRow(2);
  head.values = LEDGER_COLUMNS.map((c) => c.header);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    c.border = { bottom: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: LEDGER_COLUMNS.length } };

  l.items.forEach((i, n) => {
    const row = ws.addRow([
      n + 1,
      i.sourceNumber,
      i.topicTitle,
      i.decisionText,
      i.divisionName,
      i.responsibleName || '（待补全）',
      i.coResponsible.map((p) => p.name).join('、') || null,
      excelDay(i.originalDeadline),
      excelDay(i.deadline),
      TRACKING_STATUS_LABELS[i.status],
      lightWords(i),
      i.overdueWorkingDays,
      i.extensions,
      i.matterFlags.map((f) => MATTER_FLAG_LABELS[f]).join('、') || null,
      excelDay(i.lastActivityDay),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    for (const c of [8, 9, 15]) row.getCell(c).numFmt = 'yyyy-mm-dd';
    if (i.light) row.getCell(11).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[i.light] } };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
