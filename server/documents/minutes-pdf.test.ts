import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderMinutesPdf } from './minutes-pdf.js';
import { FONT_CANDIDATES, npmFonts, pickPdfFonts, resolvePdfFonts } from './fonts.js';
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
    const buf = await renderMinutesPdf({ content, number: '〔2026〕3号', divisionName: '对外贸易处' }, npmFonts());
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

  it('R5.5: the body is FangSong, the mark Song, the labels Hei, when the Debian fonts are installed (CI installs them)', async () => {
    const fonts = resolvePdfFonts();
    // CI installs texlive-lang-chinese (.ci/run); elsewhere the test runs where the fonts are.
    if (!process.env.CI && !existsSync(FONT_CANDIDATES.fangsong[0])) return;
    expect(fonts).toMatchObject({ source: 'fandol', body: FONT_CANDIDATES.fangsong[0] });
    // A rare name outside GB2312 (喆, 堃) is set in the complete face, not as a box.
    const rare = { ...content, present: [...content.present, '王喆', '李堃'] };
    const buf = await renderMinutesPdf({ content: rare, number: '〔2026〕3号', divisionName: '对外贸易处' }, fonts);
    const baseFonts = [...buf.toString('latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((r) => r[1]);
    expect(new Set(baseFonts)).toEqual(
      new Set(['FandolFang-Regular', 'FandolSong-Bold', 'FandolHei-Regular', 'NotoSansHans-Regular']),
    );
    const { text } = await pdfText(buf);
    const all = text.join('').replace(/\s+/g, '');
    expect(all).toContain('王喆、李堃');
    expect(all).toContain('对外贸易处　　　　年　　月　　日印发'.replace(/\s+/g, ''));
  });

  it('R5.5: per character, the face set is one that has the glyph: the FangSong body falls back to the complete face', () => {
    const fonts = pickPdfFonts();
    const open = (p: string) => fontkit.openSync(p) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
    const body = open(fonts.body);
    const fallback = open(fonts.fallback);
    const chars = [...new Set([...minutesText(content), ...'王喆李堃犇淼垚赟玥珺旻琤', ...'〔〕—　印发年月日'])];
    const boxes = chars.filter((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return ch.trim() && !body.hasGlyphForCodePoint(cp) && !fallback.hasGlyphForCodePoint(cp);
    });
    expect(boxes).toEqual([]);
  });

  it('finds the faces by role on the Debian paths; without any, Noto Sans SC (npm) sets the whole PDF', () => {
    const npm = npmFonts();
    expect(pickPdfFonts(() => false)).toEqual(npm);
    const only = (paths: string[]) => (p: string) => paths.includes(p);
    const [fang] = FONT_CANDIDATES.fangsong;
    const [songBold, , arphic] = FONT_CANDIDATES.song;
    const [hei] = FONT_CANDIDATES.hei;
    expect(pickPdfFonts(only([arphic]))).toEqual({
      body: arphic,
      title: arphic,
      bold: npm.bold,
      fallback: npm.fallback,
      source: 'song',
    });
    expect(pickPdfFonts(only([fang, songBold, arphic, hei]))).toEqual({
      body: fang,
      title: songBold,
      bold: hei,
      fallback: npm.fallback,
      source: 'fandol',
    });
  });

  it('版记: the 印发 line — issuing division, issue date (China Standard Time) and 印发 — after the 分送 line', async () => {
    const buf = await renderMinutesPdf(
      {
        content,
        number: '外贸纪〔2026〕3号',
        divisionName: '对外贸易处',
        issuedAt: '2026-11-29T16:30:00.000Z', // 2026-11-30 00:30 in Beijing
      },
      npmFonts(),
    );
    const { text } = await pdfText(buf);
    const all = text.map((t) => t.replace(/\s+/g, '').replace(/—\d+—/g, '')).join('');
    expect(all).toContain('外贸纪〔2026〕3号');
    expect(all).toMatch(/分送：局主要领导.*本处室全体人员传阅对外贸易处2026年11月30日印发$/);
  });
});

describe('R5.7: the archival copy of minutes is PDF/A', () => {
  const at = '2026-11-03T07:00:00.000Z';
  it('R5.7: PDF/A-2b: XMP identification, the sRGB output intent, the title mirrored, no ModDate; the same bytes every time', async () => {
    const pdf = await renderMinutesPdf({
      content,
      number: '〔2026〕3号',
      divisionName: '对外贸易处',
      issuedAt: at,
      pdfA: 'PDF/A-2b',
    });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(raw).toContain('/S /GTS_PDFA1');
    expect(raw).toContain('/OutputIntents');
    expect(raw).not.toContain('/ModDate');
    expect(raw).not.toContain('/Encrypt');
    expect(pdf.toString('utf8')).toContain('<dc:title>');
    expect((await pdfText(pdf)).text.join('')).toContain('〔2026〕3号');
    const again = await renderMinutesPdf({
      content,
      number: '〔2026〕3号',
      divisionName: '对外贸易处',
      issuedAt: at,
      pdfA: 'PDF/A-2b',
    });
    expect(again.equals(pdf)).toBe(true);
  });

  it('R5.7: PDF/A-1b is selectable (PDF 1.4, CIDSet), and a title with markup stays well-formed in the XMP', async () => {
    const pdf = await renderMinutesPdf({
      content: { ...content, title: '对外贸易处处务会会议纪要<A&B>' },
      number: '〔2026〕3号',
      divisionName: '对外贸易处',
      issuedAt: at,
      pdfA: 'PDF/A-1b',
    });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.4')).toBe(true);
    expect(raw).toMatch(/<pdfaid:part>1<\/pdfaid:part>/);
    expect(raw).toContain('/CIDSet');
    expect(pdf.toString('utf8')).toContain('对外贸易处处务会会议纪要＜A＆B＞');
    expect(pdf.toString('utf8')).not.toContain('<A&B>');
  });
});
