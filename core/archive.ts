/**
 * Archiving (归档, R5.7; R1.3 查考): a division's minutes of a year, each with its record,
 * materials, attendance, distribution receipts and tracked items' outcomes, packed as one
 * verifiable package with DA/T 46 metadata, checked by DA/T 70's four properties (四性检测),
 * and kept for a retention period (保管期限) after which they are appraised (到期鉴定).
 * Pure rules only; the package itself is server/documents/archive.
 */

/** 保管期限 (DA/T 22): permanent, 30 years, 10 years. */
export const RETENTION_PERIODS = ['permanent', '30y', '10y'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/** The metadata value (DA/T 46 保管期限) of each period. */
export const RETENTION_LABELS: Record<RetentionPeriod, string> = {
  permanent: '永久',
  '30y': '30年',
  '10y': '10年',
};

/** The 档号's retention code (DA/T 22: Y = 永久, D30 = 定期 30 年, D10 = 定期 10 年). */
export const RETENTION_CODES: Record<RetentionPeriod, string> = {
  permanent: 'Y',
  '30y': 'D30',
  '10y': 'D10',
};

/** Years of a period; null for permanent. */
export const RETENTION_YEARS: Record<RetentionPeriod, number | null> = {
  permanent: null,
  '30y': 30,
  '10y': 10,
};

/** Longer first: a minutes covering topics of several categories is kept for the longest. */
const RANK: Record<RetentionPeriod, number> = { permanent: 3, '30y': 2, '10y': 1 };

export function longerPeriod(a: RetentionPeriod, b: RetentionPeriod): RetentionPeriod {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The period a unit keeps minutes of these topic categories for (the longest of theirs). */
export function retentionFor(
  rules: { archiveRetentionDefault: RetentionPeriod; archiveRetentionByCategory: ReadonlyArray<CategoryRetention> },
  categories: readonly string[],
): RetentionPeriod {
  let out: RetentionPeriod | null = null;
  for (const c of categories) {
    const p = rules.archiveRetentionByCategory.find((r) => r.category === c)?.period ?? rules.archiveRetentionDefault;
    out = out ? longerPeriod(out, p) : p;
  }
  return out ?? rules.archiveRetentionDefault;
}

export interface CategoryRetention {
  category: string;
  period: RetentionPeriod;
}

/**
 * The period the old setting `minutesRetentionYears` (years, 0 = unset) asked for, as the
 * shortest period that keeps minutes at least that long; null for 0.
 */
export function periodForYears(years: number): RetentionPeriod | null {
  if (!Number.isFinite(years) || years <= 0) return null;
  if (years <= 10) return '10y';
  if (years <= 30) return '30y';
  return 'permanent';
}

/**
 * 到期鉴定: a record of year `year` kept `period` is due for appraisal from 1 January of the
 * year after its period ends (the period runs from 1 January after the year it was formed).
 * Null for permanent records: they are never appraised for disposal.
 */
export function appraisalDueDay(year: number, period: RetentionPeriod): string | null {
  const years = RETENTION_YEARS[period];
  return years === null ? null : `${year + years + 1}-01-01`;
}

/** The placeholders of a 档号 pattern (DA/T 22 件 numbering within a fonds). */
export const ARCHIVE_CODE_FIELDS = ['全宗号', '年度', '保管期限', '处室代码', '件号'] as const;
export type ArchiveCodeField = (typeof ARCHIVE_CODE_FIELDS)[number];

/** Characters a 档号 may hold besides its fields: it names a folder in the package. */
const CODE_LITERAL = /^[A-Za-z0-9._·-]*$/;

/**
 * What is wrong with a 档号 pattern, in Chinese; null when it is good. A pattern names fields
 * in braces, each at most once; it must hold 年度 and 件号 (so two items never share a code)
 * and may otherwise hold only letters, digits and - . _ ·.
 */
export function archiveCodePatternProblem(pattern: string): string | null {
  if (pattern.length < 5 || pattern.length > 80) return '档号规则须为 5–80 个字符';
  const fields = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = fields.find((f) => !(ARCHIVE_CODE_FIELDS as readonly string[]).includes(f));
  if (unknown !== undefined)
    return `档号规则中的“{${unknown}}”不是可用的字段（可用：${ARCHIVE_CODE_FIELDS.map((f) => `{${f}}`).join('')}）`;
  if (new Set(fields).size !== fields.length) return '档号规则中同一字段只能出现一次';
  const literal = pattern.replace(/\{[^{}]*\}/g, '');
  if (/[{}]/.test(literal)) return '档号规则的花括号不成对';
  if (!fields.includes('年度') || !fields.includes('件号')) return '档号规则须包含 {年度} 和 {件号}';
  if (!CODE_LITERAL.test(literal)) return '档号规则中字段以外只能使用字母、数字和 - . _ ·';
  return null;
}

export interface ArchiveCodeParts {
  fonds: string;
  year: number;
  period: RetentionPeriod;
  divisionCode: string;
  seq: number;
}

/** Width of 件号 in a 档号: 0001. */
export const ITEM_NUMBER_DIGITS = 4;

/** Formats a 档号: `{全宗号}-{年度}-{保管期限}-{处室代码}-{件号}` → `0001-2026-Y-03-0001`. */
export function formatArchiveCode(pattern: string, p: ArchiveCodeParts): string {
  const values: Record<ArchiveCodeField, string> = {
    全宗号: p.fonds,
    年度: String(p.year),
    保管期限: RETENTION_CODES[p.period],
    处室代码: p.divisionCode,
    件号: String(p.seq).padStart(ITEM_NUMBER_DIGITS, '0'),
  };
  return pattern.replace(/\{([^{}]+)\}/g, (all, f: string) => values[f as ArchiveCodeField] ?? all);
}

/**
 * Reads a 档号 back by its pattern: the field values, or null when the code does not have the
 * pattern's form. Used by the format check of the offline verification.
 */
export function parseArchiveCode(pattern: string, code: string): Partial<Record<ArchiveCodeField, string>> | null {
  const names: ArchiveCodeField[] = [];
  const source = pattern
    .split(/(\{[^{}]+\})/)
    .map((part) => {
      const m = /^\{([^{}]+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const f = m[1] as ArchiveCodeField;
      names.push(f);
      if (f === '年度') return '(\\d{4})';
      if (f === '件号') return `(\\d{${ITEM_NUMBER_DIGITS},})`;
      if (f === '保管期限') return '(Y|D30|D10)';
      return '([A-Za-z0-9]+)';
    })
    .join('');
  const m = new RegExp(`^${source}$`).exec(code);
  if (!m) return null;
  return Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? '']));
}

/** The period a 档号's retention code stands for. */
export function periodOfCode(code: string): RetentionPeriod | null {
  return (Object.keys(RETENTION_CODES) as RetentionPeriod[]).find((p) => RETENTION_CODES[p] === code) ?? null;
}

/** 全宗号: letters and digits, 1–12 (the archives office assigns it). */
export const FONDS_CODE = /^[A-Za-z0-9]{1,12}$/;

/** 处室代码 of the n-th division archived in a unit: 01, 02, …. */
export function divisionCodeOf(n: number): string {
  return String(n).padStart(2, '0');
}

/** DA/T 46 metadata of one archived item (件), in the manifest's order and names. */
export const METADATA_FIELDS = [
  '档号',
  '年度',
  '保管期限',
  '题名',
  '文件编号',
  '责任者',
  '日期',
  '文种',
  '密级',
  '页数',
] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];
export type ItemMetadata = Record<MetadataField, string>;

/** 文种 of every item here. */
export const DOCUMENT_KIND = '纪要';

/**
 * 密级 values a package may state. The system holds no classified information (等保 systems
 * may not), so it writes 非密; a package stating anything else fails the value check.
 */
export const CLASSIFICATION = '非密';
export const CLASSIFICATIONS = [CLASSIFICATION] as const;

/** The four properties of DA/T 70 (电子档案四性检测). */
export const FOUR_PROPERTIES = ['authenticity', 'integrity', 'usability', 'security'] as const;
export type FourProperty = (typeof FOUR_PROPERTIES)[number];
export const FOUR_PROPERTY_LABELS: Record<FourProperty, string> = {
  authenticity: '真实性',
  integrity: '完整性',
  usability: '可用性',
  security: '安全性',
};

/** A check's verdict: passed, failed, or skipped (ClamAV not installed). */
export const CHECK_RESULTS = ['pass', 'fail', 'skip'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
export const CHECK_RESULT_LABELS: Record<CheckResult, string> = { pass: '通过', fail: '未通过', skip: '未执行' };

/** A file's role in an item. */
export const FILE_ROLES = ['minutes', 'record', 'facts', 'material'] as const;
export type FileRole = (typeof FILE_ROLES)[number];
export const FILE_ROLE_LABELS: Record<FileRole, string> = {
  minutes: '纪要',
  record: '会议记录',
  facts: '出席、分送签收和督办情况',
  material: '议题材料',
};

/** Formats an archive package may hold (by content): PDF, OFD, Office, images, text, XML. */
export const ARCHIVE_FORMATS = ['pdf', 'ofd', 'docx', 'xlsx', 'ole', 'png', 'jpg', 'txt', 'xml'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/** A division-year's state on the 归档 page. */
export const DIVISION_YEAR_STATES = ['archived', 'ready', 'not_ready', 'empty', 'year_open'] as const;
export type DivisionYearState = (typeof DIVISION_YEAR_STATES)[number];
export const DIVISION_YEAR_STATE_LABELS: Record<DivisionYearState, string> = {
  archived: '已归档',
  ready: '可归档',
  not_ready: '暂不能归档',
  empty: '无纪要',
  year_open: '年度未结束',
};

/** Why a division-year cannot be archived yet. */
export const BLOCKER_KINDS = [
  'minutes_unissued',
  'meeting_without_minutes',
  'item_open',
  'seal_broken',
  'material_broken',
] as const;
export type BlockerKind = (typeof BLOCKER_KINDS)[number];

/** An appraisal decision (鉴定): dispose of (销毁) the record, or keep it longer (延长保管). */
export const DISPOSAL_DECISIONS = ['destroy', 'extend'] as const;
export type DisposalDecision = (typeof DISPOSAL_DECISIONS)[number];
export const DISPOSAL_DECISION_LABELS: Record<DisposalDecision, string> = { destroy: '销毁', extend: '延长保管期限' };

/** An archived item's state in the ledger. */
export const ITEM_STATES = ['kept', 'destroyed'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const ITEM_STATE_LABELS: Record<ItemState, string> = { kept: '在库', destroyed: '已销毁' };

/** The period an extension may move a record to: only a longer one. */
export function canExtendTo(from: RetentionPeriod, to: RetentionPeriod): boolean {
  return RANK[to] > RANK[from];
}
