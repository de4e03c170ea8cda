import { emWidth } from './layout.js';

/**
 * The words of the inspection report (监督检查情况通报, R6.4), the same for the
 * Word document and the PDF: the 版头, the title, the 主送 line, the body as
 * paragraphs and tables, the signature and date, and the 版记. The renderers
 * only lay these out (GB/T 9704); nothing here depends on a file format.
 */

export interface InspectionReportModel {
  /** 发文机关标志's unit, e.g. '某某市某某局'. */
  unitName: string;
  /** The issuing office, e.g. '监察室'. */
  officeName: string;
  /** 发文字号 in the office's own sequence, e.g. '监察通〔2026〕3号'. */
  docNumber: string;
  /** e.g. '关于2026年第三季度处务会制度执行情况专项检查的通报'. */
  title: string;
  /** 主送, e.g. '局属各处室'. */
  addressees: string;
  /** 成文日期, `YYYY-MM-DD` (rendered 2026年12月7日). */
  issuedOn: string;
  /** `YYYY-MM` to `YYYY-MM`. */
  period: { from: string; to: string };
  /** The divisions inspected. */
  divisions: string[];
  /** The checks in scope, e.g. { clause: 'R3.5', name: '每月召开处务会' }. */
  checks: { clause: string; name: string }[];
  /** The office's conclusion; paragraphs separated by blank lines. */
  summary: string;
  /** Minutes numbers drawn per division, with the seed of the draw. */
  sample: { divisionName: string; seed: string; minutes: string[] }[];
  checklist: { clause: string; text: string; pass: number; fail: number; notApplicable: number }[];
  findings: {
    seq: number;
    divisionName: string;
    clause: string;
    description: string;
    /** Rectification deadline, `YYYY-MM-DD`. */
    deadline: string | null;
    /** e.g. '已整改' '整改中' '逾期未整改'. */
    stateLabel: string;
    closedOn: string | null;
    /** The accountability case number, if one was opened. */
    caseNumber: string | null;
  }[];
  /** 抄送. */
  copiesTo: string[];
}

/** The face a run is set in: 仿宋 (body), 黑体 (一、), 楷体 (（一）). */
export type Face = 'body' | 'hei' | 'kai';

export interface Segment {
  text: string;
  face: Face;
}

export interface TableColumn {
  header: string;
  widthMm: number;
  align: 'center' | 'left';
}

export type ReportBlock =
  /** A body paragraph in 3号, first line indented two characters; `keepNext`: a heading kept with what follows. */
  | { kind: 'paragraph'; segments: Segment[]; keepNext?: boolean }
  /** A table with its caption (表1 …), the header repeated on each page it runs over. */
  | { kind: 'table'; caption: string; columns: TableColumn[]; rows: string[][] };

export interface ReportContent {
  /** 发文机关标志: '<unit><office>文件'. */
  mark: string;
  docNumber: string;
  /** The title as it is broken into lines (梯形, longer lines first). */
  titleLines: string[];
  title: string;
  /** '局属各处室：'. */
  addressees: string;
  blocks: ReportBlock[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期: '2026年12月7日'. */
  date: string;
  /** '抄送：局主要领导，局纪委书记。', or null when nobody is copied. */
  copies: string | null;
  /** 印发机关 and 印发日期. */
  imprintOrg: string;
  imprintDate: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** `2026-12-07` → '2026年12月7日' (GB/T 9704 §7.3.5: Arabic numerals, no leading zeros). */
export function chineseDay(day: string): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

function monthParts(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  return [Number(m[1]), Number(m[2])];
}

/** '2026年7月至9月', '2026年11月至2027年1月', or '2026年7月' for one month. */
export function periodText(p: { from: string; to: string }): string {
  const [fy, fm] = monthParts(p.from);
  const [ty, tm] = monthParts(p.to);
  if (fy === ty && fm === tm) return `${fy}年${fm}月`;
  return fy === ty ? `${fy}年${fm}月至${tm}月` : `${fy}年${fm}月至${ty}年${tm}月`;
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 35 → 三十五 (the （一） level), up to 99. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const t = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return t + (ones ? DIGITS[ones] : '');
}

/** Punctuation that may not begin a line. */
const NO_LINE_START = new Set([...'，。、；：？！）」』】〕》”’.,;:?!)']);

/**
 * The title broken into as few lines as fit `maxEm` characters, at word
 * boundaries (Intl.Segmenter), each line as close as it can be to an equal share
 * with the longer lines first (GB/T 9704 §7.3.1: 梯形或菱形); no line starts with
 * closing punctuation. A word longer than a line is broken between characters.
 */
export function titleLines(title: string, maxEm: number): string[] {
  const chars = [...title.trim()];
  if (!chars.length) return [''];
  // Boundaries as character offsets: between words, or between any two characters of an overlong word.
  const bounds = new Set<number>();
  let at = 0;
  for (const { segment } of new Intl.Segmenter('zh-CN', { granularity: 'word' }).segment(chars.join(''))) {
    const n = [...segment].length;
    if (emWidth(segment) > maxEm) for (let k = 1; k < n; k++) bounds.add(at + k);
    at += n;
    bounds.add(at);
  }
  const width = (from: number, to: number) => emWidth(chars.slice(from, to).join(''));
  const lines: string[] = [];
  const total = width(0, chars.length);
  const count = Math.max(1, Math.ceil(total / maxEm));
  let start = 0;
  for (let k = count; k > 1 && start < chars.length; k--) {
    const rest = width(start, chars.length);
    const target = rest / k;
    let best = -1;
    let bestScore = Infinity;
    for (const b of bounds) {
      if (b <= start || b >= chars.length || NO_LINE_START.has(chars[b] ?? '')) continue;
      const w = width(start, b);
      if (w > maxEm || rest - w > (k - 1) * maxEm) continue;
      // Nearest to the equal share; of two as near, the longer first line.
      const score = Math.abs(w - target) + (w < target ? 0.01 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = b;
      }
    }
    if (best < 0) break;
    lines.push(chars.slice(start, best).join(''));
    start = best;
  }
  lines.push(chars.slice(start).join(''));
  return lines;
}

const p = (...segments: Segment[]): ReportBlock => ({ kind: 'paragraph', segments });
const body = (text: string): Segment => ({ text, face: 'body' });
const heading1 = (text: string): ReportBlock => ({
  kind: 'paragraph',
  segments: [{ text, face: 'hei' }],
  keepNext: true,
});
const heading2 = (text: string): ReportBlock => ({
  kind: 'paragraph',
  segments: [{ text, face: 'kai' }],
  keepNext: true,
});
/** （一）检查范围。 in 楷体 followed by the text in 仿宋, in one paragraph. */
const lead = (label: string, text: string): ReportBlock => p({ text: label, face: 'kai' }, body(text));

const NONE = '—';
/** Ends a sentence with 。 unless it already ends with punctuation. */
const sentence = (s: string) => (/[。！？；：.!?;:]$/.test(s.trim()) ? s.trim() : `${s.trim()}。`);
const clauseName = (m: InspectionReportModel, clause: string) => m.checks.find((c) => c.clause === clause)?.name;

/** Divisions in the order inspected, then any others in the order they first appear. */
function divisionOrder(m: InspectionReportModel, names: string[]): string[] {
  const order = m.divisions.filter((d) => names.includes(d));
  for (const n of names) if (!order.includes(n)) order.push(n);
  return order;
}

/** '对外贸易处、财务处' or '对外贸易处、财务处等8个处室'. */
function scopeText(divisions: string[]): string {
  if (divisions.length === 0) return '各处室';
  if (divisions.length <= 3) return divisions.join('、');
  return `${divisions.slice(0, 3).join('、')}等${divisions.length}个处室`;
}

/** Counts per state label, in the order the labels first appear: '已整改2个、整改中1个'. */
function stateCounts(findings: InspectionReportModel['findings']): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.stateLabel, (counts.get(f.stateLabel) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${label}${n}个`).join('、');
}

/** 四、下一步工作要求 when the office wrote no conclusion: with findings, and without. */
const DEFAULT_REQUIREMENTS = {
  findings: (office: string) =>
    `各处室要对照本通报，举一反三，严格执行处务会制度。存在问题的处室要在整改时限内完成整改，并将整改情况报送${office}。${office}将持续跟踪整改落实情况。`,
  none: (office: string) => `各处室要继续严格执行处务会制度，规范纪要的形成、报送和归档。${office}将持续开展监督检查。`,
};

/** A line break inside a name or a description is no line of the document: the lines are joined. */
const flat = (s: string) => s.replace(/[ \t]*[\r\n]+[ \t]*/g, '').trim();
const flatOrNull = (s: string | null) => (s === null ? null : flat(s));

/** The model with every text but the summary (paragraphs at blank lines) on one line. */
function flattened(m: InspectionReportModel): InspectionReportModel {
  return {
    ...m,
    unitName: flat(m.unitName),
    officeName: flat(m.officeName),
    docNumber: flat(m.docNumber),
    title: flat(m.title),
    addressees: flat(m.addressees),
    divisions: m.divisions.map(flat),
    checks: m.checks.map((c) => ({ clause: flat(c.clause), name: flat(c.name) })),
    sample: m.sample.map((x) => ({
      divisionName: flat(x.divisionName),
      seed: flat(x.seed),
      minutes: x.minutes.map(flat),
    })),
    checklist: m.checklist.map((c) => ({ ...c, clause: flat(c.clause), text: flat(c.text) })),
    findings: m.findings.map((f) => ({
      ...f,
      divisionName: flat(f.divisionName),
      clause: flat(f.clause),
      description: flat(f.description),
      stateLabel: flat(f.stateLabel),
      caseNumber: flatOrNull(f.caseNumber),
    })),
    copiesTo: m.copiesTo.map(flat),
  };
}

/** The inspection report's words, from the model. */
export function reportContent(model: InspectionReportModel, titleMaxEm = 19): ReportContent {
  const m = flattened(model);
  const issuer = `${m.unitName}${m.officeName}`;
  const period = periodText(m.period);
  const blocks: ReportBlock[] = [];
  const tables = { n: 0 };
  const nextTable = () => `表${++tables.n}`;
  const findings = [...m.findings].sort((a, b) => a.seq - b.seq);

  blocks.push(
    p(
      body(
        `为推动处务会制度落实，根据制度关于监督检查的规定，${m.officeName}组织开展了${period}` +
          `处务会制度执行情况检查，检查范围为${scopeText(m.divisions)}。现将检查情况通报如下：`,
      ),
    ),
  );

  // 一、检查基本情况
  blocks.push(heading1('一、检查基本情况'));
  blocks.push(
    lead(
      '（一）检查范围。',
      m.divisions.length
        ? `本次检查的期间为${period}，检查对象为${m.divisions.join('、')}，共${m.divisions.length}个处室。`
        : `本次检查的期间为${period}。`,
    ),
  );
  if (m.checks.length) {
    blocks.push(lead('（二）检查内容。', `对照处务会制度，逐项检查以下${m.checks.length}项内容：`));
    m.checks.forEach((c, i) =>
      blocks.push(p(body(`${i + 1}.${c.name}（${c.clause}）${i === m.checks.length - 1 ? '。' : '；'}`))),
    );
  } else blocks.push(lead('（二）检查内容。', '对照处务会制度有关规定进行检查。'));
  if (m.sample.length) {
    blocks.push(
      lead('（三）抽查方法。', '各处室的纪要按随机种子抽取，以同一种子重新抽取可得到相同结果。抽取情况如下：'),
    );
    m.sample.forEach((s, i) =>
      blocks.push(
        p(
          body(
            s.minutes.length
              ? `${i + 1}.${s.divisionName}：随机种子${s.seed}，抽取纪要${s.minutes.join('、')}，共${s.minutes.length}份。`
              : `${i + 1}.${s.divisionName}：随机种子${s.seed}，检查期间无可抽取的纪要。`,
          ),
        ),
      ),
    );
  } else blocks.push(lead('（三）抽查方法。', '本次检查未抽取纪要。'));
  if (m.checklist.length) {
    const sum = (k: 'pass' | 'fail' | 'notApplicable') => m.checklist.reduce((a, c) => a + c[k], 0);
    const caption = nextTable();
    blocks.push(
      lead(
        '（四）检查结果。',
        `${m.checklist.length}项检查内容逐项评定，共符合${sum('pass')}项次、不符合${sum('fail')}项次、` +
          `不适用${sum('notApplicable')}项次，详见${caption}。`,
      ),
    );
    blocks.push({
      kind: 'table',
      caption: `${caption}\u3000检查结果汇总`,
      columns: [
        { header: '序号', widthMm: 11, align: 'center' },
        { header: '条款', widthMm: 22, align: 'center' },
        { header: '检查内容', widthMm: 75, align: 'left' },
        { header: '符合', widthMm: 16, align: 'center' },
        { header: '不符合', widthMm: 16, align: 'center' },
        { header: '不适用', widthMm: 16, align: 'center' },
      ],
      rows: [
        ...m.checklist.map((c, i) => [
          String(i + 1),
          c.clause,
          c.text,
          String(c.pass),
          String(c.fail),
          String(c.notApplicable),
        ]),
        ['合计', '', '', String(sum('pass')), String(sum('fail')), String(sum('notApplicable'))],
      ],
    });
  }

  // 二、检查发现的问题
  blocks.push(heading1('二、检查发现的问题'));
  if (!findings.length) blocks.push(p(body('经检查，本次检查未发现问题。')));
  else {
    const divisions = divisionOrder(m, [...new Set(findings.map((f) => f.divisionName))]);
    blocks.push(p(body(`检查共发现问题${findings.length}个，涉及${divisions.length}个处室，具体如下：`)));
    divisions.forEach((d, i) => {
      const own = findings.filter((f) => f.divisionName === d);
      blocks.push(heading2(`（${chineseNumeral(i + 1)}）${d}`));
      own.forEach((f, k) => {
        const name = clauseName(m, f.clause);
        const text = f.description.trim().replace(/[。；;.]+$/, '');
        blocks.push(p(body(`${k + 1}.${text}（问题序号${f.seq}，${f.clause}${name ? ` ${name}` : ''}）。`)));
      });
    });
  }

  // 三、整改情况
  blocks.push(heading1('三、整改情况'));
  if (!findings.length) blocks.push(p(body('本次检查未发现问题，无整改事项。')));
  else {
    const cases = findings.filter((f) => f.caseNumber);
    const caption = nextTable();
    blocks.push(
      p(
        body(
          `截至${chineseDay(m.issuedOn)}，${findings.length}个问题中，${stateCounts(findings)}。` +
            (cases.length === 0
              ? '本次检查未启动问责程序。'
              : cases.length <= 3
                ? `其中${cases.length}个问题已启动问责程序（${cases.map((f) => f.caseNumber).join('、')}）。`
                : `其中${cases.length}个问题已启动问责程序，案号见${caption}。`) +
            `各问题的整改时限和整改情况见${caption}。`,
        ),
      ),
    );
    blocks.push({
      kind: 'table',
      caption: `${caption}\u3000问题整改情况`,
      columns: [
        { header: '序号', widthMm: 11, align: 'center' },
        { header: '处室', widthMm: 24, align: 'center' },
        { header: '条款', widthMm: 14, align: 'center' },
        { header: '整改时限', widthMm: 38, align: 'center' },
        { header: '整改情况', widthMm: 31, align: 'center' },
        { header: '问责案号', widthMm: 38, align: 'center' },
      ],
      rows: findings.map((f) => [
        String(f.seq),
        f.divisionName,
        f.clause,
        f.deadline ? chineseDay(f.deadline) : NONE,
        f.closedOn ? `${f.stateLabel}（${chineseDay(f.closedOn)}办结）` : f.stateLabel,
        f.caseNumber ?? NONE,
      ]),
    });
  }

  // 四、下一步工作要求
  blocks.push(heading1('四、下一步工作要求'));
  const paragraphs = m.summary
    .split(/\n\s*\n/)
    .map((s) => s.replace(/\s*\n\s*/g, '').trim())
    .filter(Boolean);
  if (!paragraphs.length) paragraphs.push(DEFAULT_REQUIREMENTS[findings.length ? 'findings' : 'none'](m.officeName));
  for (const text of paragraphs) blocks.push(p(body(sentence(text))));

  return {
    mark: `${issuer}文件`,
    docNumber: m.docNumber,
    title: m.title,
    titleLines: titleLines(m.title, titleMaxEm),
    addressees: `${m.addressees}：`,
    blocks,
    signature: issuer,
    date: chineseDay(m.issuedOn),
    copies: m.copiesTo.length ? `抄送：${m.copiesTo.join('，')}。` : null,
    imprintOrg: issuer,
    imprintDate: `${chineseDay(m.issuedOn)}印发`,
  };
}

/**
 * Where the signature and the date start on their lines (GB/T 9704 §7.3.5.2, no
 * seal), in the units of the arguments: the signature two characters in from the
 * right, the date under it starting two characters to the right of its first
 * character — or, when the date would then run past two characters from the
 * right, the date two characters in from the right and the signature two
 * characters to the left of it.
 */
export function signaturePlacement(
  lineWidth: number,
  char: number,
  sigWidth: number,
  dateWidth: number,
): { sigStart: number; dateStart: number } {
  const right = lineWidth - 2 * char;
  let sigStart = right - sigWidth;
  let dateStart = sigStart + 2 * char;
  if (dateStart + dateWidth > right) {
    dateStart = right - dateWidth;
    sigStart = dateStart - 2 * char;
  }
  return { sigStart, dateStart };
}

/** The instant documents of a day carry (Word core properties, zip times, PDF dates): 00:00 in Beijing. */
export function documentInstant(day: string): Date {
  if (!DAY.test(day)) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}
