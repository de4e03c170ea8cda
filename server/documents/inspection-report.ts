/**
 * The inspection report (监督检查情况通报, R6.4) as Word and PDF in the GB/T 9704
 * layout, and the findings ledger (问题整改台账) as XLSX: what the inspections
 * module renders. The words are `inspection-report-content.ts`; the layouts are
 * `inspection-report-docx.ts`, `inspection-report-pdf.ts` and
 * `findings-ledger-xlsx.ts`. Every render of the same model is the same bytes.
 */
import type { PdfFonts } from './fonts.js';
import type { InspectionReportModel } from './inspection-report-content.js';
import { renderFindingsLedgerXlsx, type FindingsLedgerRow } from './findings-ledger-xlsx.js';
import { renderInspectionReportDocx } from './inspection-report-docx.js';
import { renderInspectionReportPdf } from './inspection-report-pdf.js';

export type { InspectionReportModel } from './inspection-report-content.js';
export type { FindingsLedgerRow } from './findings-ledger-xlsx.js';
export { FINDINGS_COLUMNS, FINDINGS_SHEET } from './findings-ledger-xlsx.js';

export async function inspectionReportDocx(m: InspectionReportModel): Promise<Buffer> {
  return renderInspectionReportDocx(m);
}

/** `fonts`: the machine's (fonts.ts) unless given. */
export async function inspectionReportPdf(m: InspectionReportModel, fonts?: PdfFonts): Promise<Buffer> {
  return renderInspectionReportPdf(m, fonts);
}

/** `options.exportedAt`: named in the title row and carried by the workbook (else the rows' last day). */
export async function findingsLedgerXlsx(
  title: string,
  rows: FindingsLedgerRow[],
  options?: { exportedAt?: Date },
): Promise<Buffer> {
  return renderFindingsLedgerXlsx(title, rows, options);
}
