/**
 * Chinese full-text search (R1.3), the pure part: normalising text, turning it into index and
 * query tokens, and finding the highlight ranges of a snippet. The word segmenter (jieba) and the
 * Traditional→Simplified converter (OpenCC) are passed in, so this file does no I/O and loads no
 * native module; server/modules/search/segmenter.ts supplies them.
 *
 * Tokens are words made of letters and digits only (\p{L}\p{N}): the database sees them joined by
 * spaces (FTS5 unicode61 on SQLite, a tsvector literal on PostgreSQL), so both dialects index exactly
 * the same tokens and no token can carry query syntax.
 */

/** The kinds of thing a search finds. */
export const SEARCH_KINDS = ['minutes', 'record', 'opinion', 'decision', 'tracking', 'topic', 'attachment'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * The objects whose change rebuilds their rows of the index: a topic (with its material), a
 * meeting's record (discussions, opinions, decisions), minutes, a tracked item (with its reported files).
 */
export const SEARCH_SOURCES = ['topic', 'record', 'minutes', 'tracking'] as const;
export type SearchSource = (typeof SEARCH_SOURCES)[number];

/** What a segmenter and a converter do; the server binds jieba and OpenCC. */
export interface TextTools {
  /** Traditional → Simplified; must keep the length for the highlight to map back (checked). */
  toSimplified(text: string): string;
  /** Fine-grained words for the index (jieba cutForSearch: 专项资金 → 专项, 资金, 专项资金). */
  cutForIndex(text: string): string[];
  /** The words of a query (jieba cut). */
  cutForQuery(text: string): string[];
}

/**
 * Full-width ASCII (Ａ１２) to half-width and the ideographic space to a space, lower-cased:
 * one character for one, so offsets in the folded text are offsets in the original.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out.toLowerCase();
}

/** Width-folded, Simplified, thousands separators gone (1,200 → 1200): the text words are cut from. */
export function normalizeText(text: string, tools: Pick<TextTools, 'toSimplified'>): string {
  return tools
    .toSimplified(foldWidth(text.normalize('NFC')))
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replaceAll('\u0000', ' ');
}

/**
 * A document number as the minutes carry it: 〔2026〕3号, also typed with [ ] ［］ ( ) （ ） 【 】
 * or 第3号. Matched on width-folded text.
 */
const DOC_NUMBER = /[〔[(（【]\s*(\d{4})\s*[〕\])）】]\s*第?\s*(\d{1,5})\s*号/g;

/** The one index token of a document number: numbers and names must match, so 〔2026〕3号 is one word. */
export function docNumberToken(year: string | number, seq: string | number): string {
  return `wh${year}n${Number(seq)}`;
}

/** The document numbers in a text, with their offsets. */
export function docNumbersIn(text: string): Array<{ token: string; start: number; end: number }> {
  const out: Array<{ token: string; start: number; end: number }> = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    out.push({ token: docNumberToken(m[1] ?? '', m[2] ?? ''), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Splits a segmenter's word into index-safe tokens: letters and digits only (200.5 → 200, 5). */
function clean(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) for (const part of w.split(/[^\p{L}\p{N}]+/u)) if (part) out.push(part);
  return out;
}

/** The index tokens of a text, in order (repeats kept: the rank counts them). */
export function indexTokens(text: string, tools: TextTools): string[] {
  const norm = normalizeText(text, tools);
  const numbers = docNumbersIn(norm).map((n) => n.token);
  return [...numbers, ...clean(tools.cutForIndex(norm.replace(DOC_NUMBER, ' ')))];
}

/** Words too common to narrow a query; dropped unless the query is nothing else. */
const STOP = new Set(['的', '了', '和', '与', '及', '或', '在', '是', '对', '把', '被', '等', '之', '并', '中', '为']);

/**
 * The distinct content words of a text (index tokens, stop words out): what two texts are
 * compared by, e.g. a register line's subject and a decided topic's title (R4.1).
 */
export function contentTokens(text: string, tools: TextTools): string[] {
  return [...new Set(indexTokens(text, tools).filter((w) => !STOP.has(w)))];
}

/** A parsed query: the tokens all to be found (AND), and the words to highlight. */
export interface ParsedQuery {
  tokens: string[];
  /** The normalised query words and numbers as they read in text, longest first (for highlighting). */
  marks: string[];
}

/** At most this many query tokens: more narrow nothing and cost a join each. */
export const MAX_QUERY_TOKENS = 12;

/** The query's tokens: numbers first, then jieba's words, deduplicated, stop words out. */
export function parseQuery(q: string, tools: TextTools): ParsedQuery {
  const norm = normalizeText(q, tools).slice(0, 200);
  const numbers = docNumbersIn(norm);
  const rest = norm.replace(DOC_NUMBER, ' ');
  const words = clean(tools.cutForQuery(rest));
  const kept = words.filter((w) => !STOP.has(w));
  const all = [...numbers.map((n) => n.token), ...(kept.length ? kept : words)];
  const tokens = [...new Set(all)].slice(0, MAX_QUERY_TOKENS);
  const marks = [
    ...numbers.map((n) => norm.slice(n.start, n.end)),
    ...rest
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w && !STOP.has(w))
      .flatMap((w) => [w, ...clean(tools.cutForQuery(w))]),
  ];
  return { tokens, marks: [...new Set(marks)].filter((m) => m.length > 0).sort((a, b) => b.length - a.length) };
}

/** A highlighted range [start, end) in the text it is given with. */
export type Range = [number, number];

/** Where the marks occur in `text` (normalised per character), merged and in order. */
export function markRanges(text: string, marks: readonly string[], tools: Pick<TextTools, 'toSimplified'>): Range[] {
  const folded = foldWidth(text);
  const simple = tools.toSimplified(folded);
  // OpenCC may turn a phrase into one of another length; then the width-folded text is matched.
  const hay = simple.length === folded.length ? simple : folded;
  const raw: Range[] = [];
  for (const m of marks) {
    if (!m) continue;
    let at = hay.indexOf(m);
    while (at >= 0 && raw.length < 200) {
      raw.push([at, at + m.length]);
      at = hay.indexOf(m, at + m.length);
    }
  }
  // Document numbers: 〔2026〕3号 found however it is bracketed in the text.
  const wanted = new Set(marks.flatMap((m) => docNumbersIn(m).map((n) => n.token)));
  if (wanted.size) for (const n of docNumbersIn(hay)) if (wanted.has(n.token)) raw.push([n.start, n.end]);
  raw.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Range[] = [];
  for (const r of raw) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** A snippet of a body around its best-matching part, with its highlight ranges relative to the snippet. */
export interface Snippet {
  text: string;
  highlights: Range[];
}

/**
 * The window of `width` characters holding the most highlighted characters (the first such),
 * widened to whole text at its ends; '…' marks a cut, and the ranges account for it.
 */
export function snippetOf(
  body: string,
  marks: readonly string[],
  tools: Pick<TextTools, 'toSimplified'>,
  width = 120,
): Snippet {
  const flat = body.replace(/\s+/g, ' ').trim();
  const ranges = markRanges(flat, marks, tools);
  if (flat.length <= width) return { text: flat, highlights: ranges };
  let bestStart = 0;
  let bestScore = -1;
  for (const r of ranges) {
    const start = Math.max(0, Math.min(r[0] - Math.floor(width / 4), flat.length - width));
    let score = 0;
    for (const x of ranges) score += Math.max(0, Math.min(x[1], start + width) - Math.max(x[0], start));
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  const end = Math.min(flat.length, bestStart + width);
  const lead = bestStart > 0 ? '…' : '';
  const tail = end < flat.length ? '…' : '';
  const shift = lead.length - bestStart;
  const highlights = ranges
    .filter((r) => r[1] > bestStart && r[0] < end)
    .map((r): Range => [Math.max(r[0], bestStart) + shift, Math.min(r[1], end) + shift]);
  return { text: lead + flat.slice(bestStart, end) + tail, highlights };
}
