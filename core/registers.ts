import { MATTER_FLAG_LABELS, MATTER_FLAGS, type MatterFlag } from './settings.js';
import { yuanToFen } from './topics.js';

/**
 * R4.1 / R6.4: the bureau's registers (登记簿) of larger matters — fund disbursements,
 * major penalties, project approvals … — held against the topics division meetings
 * decided. Pure: the server reads the uploaded file into rows of text and the
 * candidate topics; this file checks the rows, scores the candidates and names the
 * states of a line.
 */

/** A register is of one kind: one of the matter flags. */
export const REGISTER_KINDS = MATTER_FLAGS;
export type RegisterKind = MatterFlag;
export const REGISTER_KIND_LABELS: Record<RegisterKind, string> = MATTER_FLAG_LABELS;

/**
 * A line's state: `proposed` — a candidate topic was found and awaits review;
 * `confirmed` — a reviewer confirmed it; `dismissed` — a reviewer rejected it (a finding);
 * `finding` — no meeting of the division decided such a matter before the line's date.
 */
export const LINE_STATES = ['proposed', 'confirmed', 'finding', 'dismissed'] as const;
export type LineState = (typeof LINE_STATES)[number];
export const LINE_STATE_LABELS: Record<LineState, string> = {
  proposed: '待复核',
  confirmed: '已确认',
  finding: '未经处务会研究',
  dismissed: '已驳回（未经处务会研究）',
};
/** States that are a finding of R4.1 (a matter not decided by a division meeting). */
export const FINDING_STATES: readonly LineState[] = ['finding', 'dismissed'];

/** The most bytes and lines one register file may hold. */
export const REGISTER_MAX_BYTES = 5 * 1024 * 1024;
export const REGISTER_MAX_LINES = 20_000;
/** At most this many problems are listed in one refusal (the rest are counted). */
export const REGISTER_MAX_ERRORS_LISTED = 200;
/** The best candidates kept per line. */
export const MAX_CANDIDATES = 3;

/** The columns of a register, with the header names accepted for each (any order). */
export const REGISTER_COLUMNS = {
  division: ['处室', '处室名称', '承办处室'],
  day: ['日期', '时间', '发生日期'],
  amount: ['金额（元）', '金额(元)', '金额', '金额（元)', '金额(元）'],
  subject: ['事项', '事项名称', '内容'],
} as const;
export type RegisterColumn = keyof typeof REGISTER_COLUMNS;
export const REGISTER_COLUMN_LABELS: Record<RegisterColumn, string> = {
  division: '处室',
  day: '日期',
  amount: '金额（元）',
  subject: '事项',
};

/** One problem of an uploaded file: the line (1 = the header), the column and why, in Chinese. */
export interface RegisterLineError {
  line: number;
  column: string | null;
  reason: string;
}

/** A checked line, ready to be matched and stored. */
export interface RegisterRow {
  line: number;
  divisionId: string;
  divisionName: string;
  day: string;
  amountFen: number | null;
  subject: string;
}

const normHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .trim();

/** Which column of the file holds what; missing required columns are errors of line 1. */
export function mapHeader(
  header: readonly string[],
  kind: RegisterKind,
): { ok: true; index: Record<RegisterColumn, number | null> } | { ok: false; errors: RegisterLineError[] } {
  const cells = header.map(normHeader);
  const index = {} as Record<RegisterColumn, number | null>;
  const errors: RegisterLineError[] = [];
  for (const col of Object.keys(REGISTER_COLUMNS) as RegisterColumn[]) {
    const names = REGISTER_COLUMNS[col] as readonly string[];
    const found = cells.findIndex((c) => names.includes(c));
    index[col] = found >= 0 ? found : null;
    const required = col !== 'amount' || kind === 'funds';
    if (found < 0 && required)
      errors.push({ line: 1, column: REGISTER_COLUMN_LABELS[col], reason: `缺少“${REGISTER_COLUMN_LABELS[col]}”列` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, index };
}

/** A real calendar day YYYY-MM-DD (also written 2026/3/5 or 2026.3.5), or null. */
export function parseRegisterDay(text: string): string | null {
  const serial = /^\d{5}$/.test(text.trim()) ? Number(text.trim()) : null;
  if (serial !== null) return excelSerialDay(serial);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  if (y < 1990 || y > 2100) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An Excel day number (1900 system: 25569 = 1970-01-01) as YYYY-MM-DD, within 1990–2100, or null. */
export function excelSerialDay(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 32874 || serial > 73415) return null;
  return new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10);
}

/** An amount in yuan (thousands separators and a trailing 元 allowed) → fen, or null. */
export function parseRegisterAmount(text: string): number | null {
  const t = text.trim().replace(/[,，]/g, '').replace(/元$/, '');
  return yuanToFen(t);
}

/**
 * Checks the data lines of a register against the header's columns and the unit's
 * divisions (by name). Every problem is listed; rows are returned only when there is none.
 * `lines[i]` is file line `i + 2` (line 1 is the header). Blank lines are skipped.
 */
export function checkRegisterLines(
  lines: ReadonlyArray<readonly string[]>,
  index: Record<RegisterColumn, number | null>,
  kind: RegisterKind,
  divisions: ReadonlyArray<{ id: string; name: string }>,
): { rows: RegisterRow[]; errors: RegisterLineError[] } {
  const byName = new Map(divisions.map((d) => [d.name.replace(/\s+/g, ''), d]));
  const rows: RegisterRow[] = [];
  const errors: RegisterLineError[] = [];
  const cell = (cells: readonly string[], col: RegisterColumn) => {
    const i = index[col];
    return i === null ? '' : (cells[i] ?? '').trim();
  };
  lines.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const bad = (col: RegisterColumn, reason: string) =>
      errors.push({ line, column: REGISTER_COLUMN_LABELS[col], reason });
    const name = cell(cells, 'division').replace(/\s+/g, '');
    const division = byName.get(name);
    if (!name) bad('division', '处室为空');
    else if (!division) bad('division', `本单位没有名为“${name}”的处室`);
    const dayText = cell(cells, 'day');
    const day = dayText ? parseRegisterDay(dayText) : null;
    if (!dayText) bad('day', '日期为空');
    else if (!day) bad('day', `日期“${dayText}”无效，应为 YYYY-MM-DD 格式的实际日期`);
    const amountText = cell(cells, 'amount');
    const amount = amountText ? parseRegisterAmount(amountText) : null;
    if (amountText && amount === null) bad('amount', `金额“${amountText}”无效，应为不超过两位小数的非负数`);
    else if (!amountText && kind === 'funds') bad('amount', '资金登记簿须填写金额');
    const subject = cell(cells, 'subject');
    if (!subject) bad('subject', '事项为空');
    else if ([...subject].length > 500) bad('subject', '事项超过 500 字');
    if (division && day && subject && (amountText ? amount !== null : kind !== 'funds'))
      rows.push({ line, divisionId: division.id, divisionName: division.name, day, amountFen: amount, subject });
  });
  return { rows, errors };
}

/** A topic a meeting of the division decided, as matching needs it. */
export interface CandidateTopic {
  topicId: string;
  title: string;
  divisionId: string;
  amountFen: number | null;
  /** The Shanghai day of the meeting that decided it. */
  meetingDay: string;
  meetingId: string;
  tokens: readonly string[];
}

export interface ScoredCandidate {
  topicId: string;
  title: string;
  meetingId: string;
  meetingDay: string;
  /** Overlap of the words, 0–100 (Jaccard of the token sets). */
  score: number;
}

/** Jaccard similarity of two token sets, as a whole percentage. */
export function overlapScore(a: readonly string[], b: readonly string[]): number {
  const A = new Set(a);
  const B = new Set(b);
  if (A.size === 0 || B.size === 0) return 0;
  let both = 0;
  for (const t of A) if (B.has(t)) both++;
  return Math.round((100 * both) / (A.size + B.size - both));
}

/** Whether a line's amount is within ±`percent` of the topic's (both in fen). */
export function amountWithin(lineFen: number, topicFen: number, percent: number): boolean {
  return Math.abs(lineFen - topicFen) * 100 <= topicFen * percent;
}

/**
 * The candidates of one line, best first: topics of the line's division decided by a
 * meeting held on a day before the line's date, sharing at least one word of the subject;
 * for funds, the topic's amount must be stated and the line's within the tolerance (a
 * topic outside it is no candidate — the money was not what the meeting decided).
 */
export function candidatesFor(
  row: { divisionId: string; day: string; amountFen: number | null; tokens: readonly string[] },
  kind: RegisterKind,
  topics: readonly CandidateTopic[],
  fundsTolerancePercent: number,
): ScoredCandidate[] {
  const out: ScoredCandidate[] = [];
  for (const t of topics) {
    if (t.divisionId !== row.divisionId || !(t.meetingDay < row.day)) continue;
    if (kind === 'funds') {
      if (row.amountFen === null || t.amountFen === null) continue;
      if (!amountWithin(row.amountFen, t.amountFen, fundsTolerancePercent)) continue;
    }
    const score = overlapScore(row.tokens, t.tokens);
    if (score <= 0) continue;
    out.push({ topicId: t.topicId, title: t.title, meetingId: t.meetingId, meetingDay: t.meetingDay, score });
  }
  return out
    .sort((a, b) => b.score - a.score || (a.meetingDay > b.meetingDay ? -1 : a.meetingDay < b.meetingDay ? 1 : 0))
    .slice(0, MAX_CANDIDATES);
}

/** The compliance evidence state of a line (R4.1 in the matrix). */
export function lineEvidenceState(state: LineState): 'ok' | 'problem' | 'pending' {
  if (state === 'confirmed') return 'ok';
  if (state === 'proposed') return 'pending';
  return 'problem';
}
