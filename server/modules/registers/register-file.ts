import { AppError } from '../../../core/errors.js';
import { REGISTER_MAX_LINES } from '../../../core/registers.js';

/**
 * An uploaded register as rows of cell text: XLSX (the first worksheet, read with
 * exceljs loaded on first use) or CSV in UTF-8 (with or without BOM) or, when the
 * bytes are not valid UTF-8, GBK (what Excel on a Chinese Windows saves). Dates in
 * XLSX cells come back as YYYY-MM-DD; numbers as their decimal text.
 */
export async function readRegisterFile(name: string, data: Buffer): Promise<string[][]> {
  const isZip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  const rows = isZip ? await readXlsx(data) : readCsv(decodeText(data));
  // Trailing blank lines are not lines of the register.
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((c) => c.trim() === '')) rows.pop();
  if (rows.length === 0)
    throw new AppError('REGISTER_IMPORT_INVALID', `登记簿“${name}”没有内容，未导入任何内容`, { errors: [] });
  if (rows.length - 1 > REGISTER_MAX_LINES)
    throw new AppError(
      'REGISTER_IMPORT_INVALID',
      `登记簿超过 ${REGISTER_MAX_LINES} 行（共 ${rows.length - 1} 行），请拆分后分别导入`,
      { errors: [] },
    );
  return rows;
}

function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    try {
      return new TextDecoder('gbk', { fatal: true }).decode(data);
    } catch {
      throw new AppError('REGISTER_IMPORT_INVALID', '文件既不是 XLSX，也不是 UTF-8 或 GBK 编码的 CSV，未导入任何内容', {
        errors: [],
      });
    }
  }
}

/** RFC 4180 CSV: commas, double-quoted fields with "" escapes and line breaks, CRLF or LF. */
export function readCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (rows.length > REGISTER_MAX_LINES + 1) return rows.concat([['']]);
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('REGISTER_IMPORT_INVALID', 'XLSX 文件无法读取，未导入任何内容', { errors: [] });
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (rows.length > REGISTER_MAX_LINES + 1) break;
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return '';
}
