import { beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ByteLru, clearPdfCache, minutesPdf, pdfCacheStats } from './pdf-cache.js';
import { renderMinutesPdf } from './minutes-pdf.js';
import { npmFonts } from './fonts.js';
import { normalizeContent, type MinutesContent } from '../../core/minutes.js';

const content: MinutesContent = normalizeContent({
  title: '对外贸易处处务会会议纪要',
  opening: '2026年11月3日，李伟同志在第一会议室主持召开处务会。现将会议议定事项纪要如下：',
  sections: [{ topicId: 't1', heading: '一、参展补助资金分配', body: '会议议定：原则同意参展补助资金分配方案。' }],
  present: ['李伟', '王芳'],
  leave: [],
  observers: [],
  recorder: '王芳',
  distribution: '分送：局主要领导',
});
const issued = {
  id: 'm1',
  content,
  number: '〔2026〕3号',
  divisionName: '对外贸易处',
  issuedAt: '2026-03-03T02:00:00.000Z',
};
const fonts = npmFonts();

async function pdfText(buf: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const tc = await (await pdf.getPage(p)).getTextContent();
    text += tc.items.map((i) => ('str' in i ? i.str : '')).join('');
  }
  return text.replace(/\s+/g, '');
}

describe('the PDF cache of issued minutes', () => {
  beforeEach(() => clearPdfCache());

  it('R5.7: issued minutes: the second download comes from the cache, the same bytes as a fresh render', async () => {
    const a = await minutesPdf(issued, fonts);
    const b = await minutesPdf(issued, fonts);
    expect(pdfCacheStats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
    expect(b.equals(a)).toBe(true);
    expect(b).not.toBe(a); // each caller gets its own copy
    expect(a.equals(await renderMinutesPdf(issued, fonts))).toBe(true);
    // Concurrent first downloads share one render.
    clearPdfCache();
    const [c, d] = await Promise.all([minutesPdf(issued, fonts), minutesPdf(issued, fonts)]);
    expect(c.equals(a) && d.equals(a)).toBe(true);
    expect(pdfCacheStats()).toMatchObject({ misses: 2, entries: 1 });
  });

  it('a different content, number or issue time is a different document', async () => {
    const a = await minutesPdf(issued, fonts);
    const changed = { ...issued, content: { ...content, closing: '特此纪要。' } };
    const b = await minutesPdf(changed, fonts);
    expect(b.equals(a)).toBe(false);
    expect(await pdfText(b)).toContain('特此纪要。');
    const renumbered = await minutesPdf({ ...issued, number: '〔2026〕4号' }, fonts);
    expect(await pdfText(renumbered)).toContain('〔2026〕4号');
    const redated = await minutesPdf({ ...issued, issuedAt: '2026-03-04T02:00:00.000Z' }, fonts);
    expect(redated.toString('latin1')).toContain('(D:20260304020000Z)');
    expect(pdfCacheStats()).toMatchObject({ hits: 0, misses: 4, entries: 4 });
    // The 印发 line prints the issuing division and the issue date: both are part of the key.
    const renamed = await minutesPdf({ ...issued, divisionName: '服务贸易处' }, fonts);
    expect(renamed.equals(a)).toBe(false);
    expect(await pdfText(renamed)).toContain('服务贸易处2026年3月3日印发');
    expect(await pdfText(redated)).toContain('对外贸易处2026年3月4日印发');
    expect(pdfCacheStats()).toMatchObject({ hits: 0, misses: 5, entries: 5 });
  });

  it("drafts are never cached: a draft's change shows in the next download", async () => {
    const draft = { id: 'd1', content, number: null, divisionName: '对外贸易处', issuedAt: null };
    await minutesPdf(draft, fonts);
    const edited = { ...draft, content: { ...content, opening: '2026年11月4日，改期召开处务会。' } };
    expect(await pdfText(await minutesPdf(edited, fonts))).toContain('2026年11月4日，改期召开处务会。');
    expect(pdfCacheStats()).toMatchObject({ hits: 0, misses: 0, entries: 0 });
  });
});

describe('ByteLru', () => {
  const buf = (n: number) => Buffer.alloc(n);

  it('evicts the least recently used entries past its byte bound', () => {
    const lru = new ByteLru(100, 10);
    lru.set('a', buf(40));
    lru.set('b', buf(40));
    expect(lru.get('a')?.length).toBe(40); // a is now the most recent
    lru.set('c', buf(40));
    expect([lru.get('a') !== undefined, lru.get('b') !== undefined, lru.get('c') !== undefined]).toEqual([
      true,
      false,
      true,
    ]);
    expect(lru.bytes).toBe(80);
    lru.set('huge', buf(101)); // larger than the bound: not kept, nothing evicted
    expect([lru.size, lru.bytes]).toEqual([2, 80]);
    lru.set('a', buf(10)); // replacing counts the new size only
    expect(lru.bytes).toBe(50);
  });

  it('evicts past its entry bound', () => {
    const lru = new ByteLru(1_000, 2);
    for (const k of ['a', 'b', 'c']) lru.set(k, buf(1));
    expect([lru.size, lru.get('a'), lru.get('c')?.length]).toEqual([2, undefined, 1]);
  });
});
