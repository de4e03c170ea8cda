import { describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderMinutesPdf } from './minutes-pdf.js';
import { npmFonts } from './fonts.js';
import { minutesText, normalizeContent, type MinutesContent } from '../../core/minutes.js';

const DISSENT = '张敏同志对此持不同意见，认为补助标准过高，应先开展企业需求调研。';
// Old-shaped content (one free body per section) reads as narrative: the compat path.
const content: MinutesContent = normalizeContent({
  title: '对外贸易处处务会会议纪要',
  opening: '2026年11月3日，李伟同志在第一会议室主持召开处务会，研究参展补助资金分配等事项。现将会议议定事项纪要如下：',
  sections: Array.from({ length: 8 }, (_, i) => ({
    topicId: `t${i}`,
    heading: `${'一二三四五六七八'[i]}、关于第${i + 1}项工作`,
    body: `【涉及资金事项】\n会议听取了有关情况的汇报，进行了认真讨论。\n会议议定：原则同意第${i + 1}项工作方案（通过）；责任人：李伟；完成时限：2026年12月31日。\n${DISSENT}`,
  })),
  present: ['李伟', '王芳', '刘洋', '陈静', '杨帆', '黄磊'],
  leave: ['张敏'],
  observers: ['陈立新'],
  recorder: '王芳',
  distribution: '分送：局主要领导，陈立新（分管领导），局纪委书记，监察室（备案）；本处室全体人员传阅',
});

async function pdfText(buf: Buffer): Promise<{ pages: number; width: number; height: number; text: string[] }> {
  const pdf = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true }).promise;
  const text: string[] = [];
  let width = 0;
  let height = 0;
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    [, , width, height] = page.view as [number, number, number, number];
    const tc = await page.getTextContent();
    text.push(tc.items.map((i) => ('str' in i ? i.str : '')).join(''));
  }
  return { pages: pdf.numPages, width, height, text };
}

describe('minutes as PDF (R5.5, GB/T 9704)', () => {
  it('R5.5 R5.4: A4 pages with every decision and dissent in the text, page numbers on each page', async () => {
    const buf = await renderMinutesPdf({ content, number: '〔2026〕3号' }, npmFonts());
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, width, height, text } = await pdfText(buf);
    expect(Math.round(width)).toBe(595);
    expect(Math.round(height)).toBe(842);
    expect(pages).toBeGreaterThan(1);
    // Page numbers sit between the pages' text; a paragraph may run across them.
    const all = text.map((t) => t.replace(/\s+/g, '').replace(/—\d+—/g, '')).join('');
    expect(all).toContain('〔2026〕3号');
    for (let i = 1; i <= 8; i++) expect(all).toContain(`原则同意第${i}项工作方案`);
    expect(all.split(DISSENT.replace(/\s+/g, '')).length - 1).toBe(8);
    text.forEach((t, i) => expect(t.replace(/\s+/g, '')).toContain(`—${i + 1}—`));
  });

  it('R5.5: no character can render as a box — the embedded font has a glyph for every character', () => {
    const font = fontkit.openSync(npmFonts().body) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
    const chars = new Set([
      ...minutesText(content),
      ...content.present.join(''),
      ...content.distribution,
      '〔〕—',
      '0123456789',
    ]);
    const missing = [...chars].filter((ch) => ch.trim() && !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
    expect(missing).toEqual([]);
  });
});
