import { describe, expect, it } from 'vitest';
import {
  docNumberToken,
  docNumbersIn,
  foldWidth,
  indexTokens,
  markRanges,
  normalizeText,
  parseQuery,
  snippetOf,
  type TextTools,
} from './search.js';

/** A stand-in segmenter: words are runs of two CJK characters or of letters/digits; 倉 → 仓. */
const tools: TextTools = {
  toSimplified: (t) => t.replaceAll('倉', '仓').replaceAll('資', '资'),
  cutForIndex: (t) => t.match(/[\p{Script=Han}]{1,2}|[a-z0-9.]+|\S/gu) ?? [],
  cutForQuery: (t) => t.match(/[\p{Script=Han}]{1,2}|[a-z0-9.]+|\S/gu) ?? [],
};

describe('search text (R1.3)', () => {
  it('R1.3: full-width letters and digits fold one for one; 1,200 reads 1200', () => {
    expect(foldWidth('ＡＢ１２　号')).toBe('ab12 号');
    expect(foldWidth('ＡＢ１２　号')).toHaveLength('ＡＢ１２　号'.length);
    expect(normalizeText('資金1,200万元', tools)).toBe('资金1200万元');
  });

  it('R1.3: a document number is one token however it is bracketed, and only that number', () => {
    for (const n of ['〔2026〕3号', '[2026]3号', '［２０２６］３号', '(2026)第3号', '【2026】03号'])
      expect(
        docNumbersIn(foldWidth(n)).map((x) => x.token),
        n,
      ).toEqual([docNumberToken(2026, 3)]);
    expect(docNumberToken(2026, 3)).not.toBe(docNumberToken(2026, 13));
    expect(indexTokens('纪要〔2026〕13号', tools)).toContain(docNumberToken(2026, 13));
    expect(indexTokens('纪要〔2026〕13号', tools)).not.toContain(docNumberToken(2026, 3));
  });

  it('R1.3: tokens are letters and digits only — no query syntax survives', () => {
    const q = parseQuery('海外倉 "OR" * (资金) -x:y', tools);
    for (const t of q.tokens) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(q.tokens).toContain('海外');
    expect(q.tokens).toContain('仓');
    expect(parseQuery('，。！', tools).tokens).toEqual([]);
    // Stop words go unless they are all there is.
    expect(parseQuery('的 资金', tools).tokens).toEqual(['资金']);
    expect(parseQuery('的', tools).tokens).toEqual(['的']);
  });

  it('R1.3: highlight ranges fall on the words in the original text, Traditional query or not', () => {
    const text = '建设海外仓的资金';
    const marks = parseQuery('海外倉', tools).marks;
    const ranges = markRanges(text, marks, tools);
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['海外仓']);
    const number = markRanges('依据〔2026〕3号纪要', parseQuery('[2026]3号', tools).marks, tools);
    expect(number.map(([a, b]) => '依据〔2026〕3号纪要'.slice(a, b))).toEqual(['〔2026〕3号']);
  });

  it('R1.3: a snippet is cut around the words, and its ranges point into the snippet', () => {
    const body = `${'甲'.repeat(300)}海外仓选址风险较大${'乙'.repeat(300)}`;
    const s = snippetOf(body, ['海外仓'], tools, 60);
    expect(s.text.startsWith('…') && s.text.endsWith('…')).toBe(true);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['海外仓']);
    expect(s.text.length).toBeLessThanOrEqual(62);
    const short = snippetOf('海外仓', ['海外仓'], tools);
    expect(short).toEqual({ text: '海外仓', highlights: [[0, 3]] });
  });
});
