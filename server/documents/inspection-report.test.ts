import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { FONT_CANDIDATES, KAI_CANDIDATES, npmFonts, pickKaiFont, resolvePdfFonts, type PdfFonts } from './fonts.js';
import {
  FINDINGS_COLUMNS,
  FINDINGS_SHEET,
  findingsLedgerXlsx,
  inspectionReportDocx,
  inspectionReportPdf,
  type FindingsLedgerRow,
  type InspectionReportModel,
} from './inspection-report.js';
import {
  chineseDay,
  chineseNumeral,
  periodText,
  reportContent,
  signaturePlacement,
  titleLines,
} from './inspection-report-content.js';
import { LINE_PITCH_PT, PAGE, emWidth, markSizePt } from './layout.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const MM = 72 / 25.4;

const model: InspectionReportModel = {
  unitName: '某某市商务局',
  officeName: '监察室',
  docNumber: '监察通〔2026〕3号',
  title: '关于2026年第三季度处务会制度执行情况专项检查的通报',
  addressees: '局属各处室',
  issuedOn: '2026-12-07',
  period: { from: '2026-07', to: '2026-09' },
  divisions: ['对外贸易处', '市场建设处', '财务处'],
  checks: [
    { clause: 'R3.5', name: '每月召开处务会' },
    { clause: 'R5.8', name: '纪要按时报送' },
  ],
  summary: '各处室要严格按照制度要求每月召开处务会。\n\n相关处室要在整改时限内完成整改，\n并将整改情况书面报送监察室',
  sample: [
    { divisionName: '对外贸易处', seed: '7f3a0c9e', minutes: ['外贸纪〔2026〕2号', '外贸纪〔2026〕5号'] },
    { divisionName: '市场建设处', seed: '1b2c3d4e', minutes: [] },
  ],
  checklist: [
    { clause: 'R3.5', text: '每月至少召开一次处务会', pass: 7, fail: 2, notApplicable: 0 },
    { clause: 'R5.8', text: '会后3个工作日内报送', pass: 5, fail: 1, notApplicable: 3 },
  ],
  findings: [
    {
      seq: 2,
      divisionName: '财务处',
      clause: 'R5.8',
      description: '2026年7月第2次处务会纪要晚于会后3个工作日报送分管领导',
      deadline: '2026-12-16',
      stateLabel: '逾期未整改',
      closedOn: null,
      caseNumber: '问责〔2026〕2号',
    },
    {
      seq: 1,
      divisionName: '对外贸易处',
      clause: 'R3.5',
      description: '2026年8月未召开处务会，也未说明原因。',
      deadline: '2026-12-15',
      stateLabel: '已整改',
      closedOn: '2026-11-20',
      caseNumber: null,
    },
    {
      seq: 3,
      divisionName: '对外贸易处',
      clause: 'R5.2',
      description: '2026年9月处务会未指定记录人',
      deadline: null,
      stateLabel: '整改中',
      closedOn: null,
      caseNumber: null,
    },
  ],
  copiesTo: ['局主要领导', '局纪委书记'],
};

const none: InspectionReportModel = { ...model, findings: [], checklist: [], summary: '', copiesTo: [] };

/** Sixty findings, each in a division of its own: the text runs over many pages. */
const long: InspectionReportModel = {
  ...model,
  divisions: Array.from({ length: 60 }, (_, i) => `第${chineseNumeral(i + 1)}业务处`),
  findings: Array.from({ length: 60 }, (_, i) => ({
    seq: i + 1,
    divisionName: `第${chineseNumeral(i + 1)}业务处`,
    clause: 'R3.5',
    description: `2026年${7 + (i % 3)}月未召开处务会，会议记录本中无该月记录，也未向分管领导说明原因`,
    deadline: `2026-12-${String(10 + (i % 20)).padStart(2, '0')}`,
    stateLabel: i % 2 ? '整改中' : '已整改',
    closedOn: i % 2 ? null : '2026-11-30',
    caseNumber: i % 7 === 0 ? `问责〔2026〕${i + 1}号` : null,
  })),
};

// ---- Word ----

interface Run {
  font: string | undefined;
  size: number | undefined;
  color: string | undefined;
  text: string;
}

function docxParts(buf: Buffer): { files: Record<string, Uint8Array>; xml: string; runs: Run[]; text: string } {
  const files = unzipSync(new Uint8Array(buf));
  const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
  const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map(([, r = '']) => ({
    font: /<w:rFonts w:ascii="[^"]*" w:eastAsia="([^"]*)"/.exec(r)?.[1],
    size: Number(/<w:sz w:val="(\d+)"/.exec(r)?.[1]) / 2 || undefined,
    color: /<w:color w:val="([^"]*)"/.exec(r)?.[1],
    text: [...r.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
  return { files, xml, runs, text: runs.map((r) => r.text).join('') };
}

describe('inspection report as Word (R6.4, GB/T 9704)', () => {
  it('R6.4: A4, margins 37/28/26/35 mm and the 22-line grid in exact twips, odd/even page numbers', async () => {
    const { files, xml } = docxParts(await inspectionReportDocx(model));
    const sect = /<w:sectPr>.*<\/w:sectPr>/s.exec(xml)?.[0] ?? '';
    expect(sect).toContain('<w:pgSz w:w="11906" w:h="16838"'); // 210 × 297 mm
    expect(sect).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(sect).toContain('<w:docGrid w:type="lines" w:linePitch="580"/>'); // 225 mm / 22 lines
    // Every body line is exactly one grid line of ≈ 28.9 pt.
    expect(xml.match(/w:line="580" w:lineRule="exact"/g)?.length).toBeGreaterThan(20);
    expect(strFromU8(files['word/settings.xml'] ?? new Uint8Array())).toContain('w:evenAndOddHeaders');
    const footers = Object.keys(files).filter((f) => /word\/footer\d+\.xml/.test(f));
    const footerXml = footers.map((f) => strFromU8(files[f] ?? new Uint8Array())).join('');
    expect(footers).toHaveLength(2);
    expect(footerXml).toContain('PAGE');
    expect(footerXml).toMatch(/— <\/w:t>/);
    expect(footerXml).toContain('w:val="right"');
    expect(footerXml).toContain('w:val="left"');
  });

  it('R6.4: 版头 in red 小标宋, number, title in 2号小标宋, 主送, 一、 in 黑体, （一） in 楷体, body in 3号仿宋', async () => {
    const { runs, text, xml } = docxParts(await inspectionReportDocx(model));
    const run = (t: string) => runs.find((r) => r.text === t);
    expect(run('某某市商务局监察室文件')).toEqual({
      font: '方正小标宋简体',
      size: 36, // 小初: the largest standard size at which 11 characters fit the 156 mm line
      color: 'C00000',
      text: '某某市商务局监察室文件',
    });
    expect(run('监察通〔2026〕3号')).toMatchObject({ font: '仿宋_GB2312', size: 16 });
    // The red separator line under the number.
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="C00000" w:sz="16"[^>]*\/><\/w:pBdr>.*?监察通〔2026〕3号/s);
    // The title, broken at a word into two lines, in 2号小标宋.
    const title = runs.filter((r) => r.font === '方正小标宋简体' && r.size === 22);
    expect(title.map((r) => r.text)).toEqual(['关于2026年第三季度处务会', '制度执行情况专项检查的通报']);
    expect(text).toContain(model.title);
    expect(run('局属各处室：')).toMatchObject({ font: '仿宋_GB2312', size: 16 });
    for (const h of ['一、检查基本情况', '二、检查发现的问题', '三、整改情况', '四、下一步工作要求'])
      expect(run(h), h).toMatchObject({ font: '黑体', size: 16 });
    for (const h of [
      '（一）检查范围。',
      '（二）检查内容。',
      '（三）抽查方法。',
      '（四）检查结果。',
      '（一）对外贸易处',
      '（二）财务处',
    ])
      expect(run(h), h).toMatchObject({ font: '楷体_GB2312', size: 16 });
    // The body in 3号仿宋; sections in order.
    const order = ['一、检查基本情况', '二、检查发现的问题', '三、整改情况', '四、下一步工作要求'].map((h) =>
      text.indexOf(h),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(0);
    expect(runs.filter((r) => r.font === '仿宋_GB2312' && r.size === 16).length).toBeGreaterThan(15);
  });

  it('R6.4: scope, checks, the seeds of the draw, findings per division with clause, rectification, requirements', async () => {
    const { text, xml } = docxParts(await inspectionReportDocx(model));
    expect(text).toContain('检查对象为对外贸易处、市场建设处、财务处，共3个处室');
    expect(text).toContain('本次检查的期间为2026年7月至9月');
    expect(text).toContain('1.每月召开处务会（R3.5）；2.纪要按时报送（R5.8）。');
    expect(text).toContain('1.对外贸易处：随机种子7f3a0c9e，抽取纪要外贸纪〔2026〕2号、外贸纪〔2026〕5号，共2份。');
    expect(text).toContain('2.市场建设处：随机种子1b2c3d4e，检查期间无可抽取的纪要。');
    expect(text).toContain('共符合12项次、不符合3项次、不适用3项次，详见表1。');
    expect(text).toContain('检查共发现问题3个，涉及2个处室');
    // Divisions in the order inspected, findings by sequence, each with its clause (and the check's name).
    expect(text).toContain(
      '（一）对外贸易处1.2026年8月未召开处务会，也未说明原因（问题序号1，R3.5 每月召开处务会）。' +
        '2.2026年9月处务会未指定记录人（问题序号3，R5.2）。（二）财务处' +
        '1.2026年7月第2次处务会纪要晚于会后3个工作日报送分管领导（问题序号2，R5.8 纪要按时报送）。',
    );
    expect(text).toContain(
      '截至2026年12月7日，3个问题中，已整改1个、逾期未整改1个、整改中1个。其中1个问题已启动问责程序（问责〔2026〕2号）。',
    );
    // Table 2: one row per finding, the header repeated on each page.
    const tables = [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((t) => t[0]);
    expect(tables).toHaveLength(3); // checklist, rectification, 版记
    const rows = (t: string) =>
      [...t.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((r) =>
        [...r[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((c) => c[1]),
      );
    expect(tables[1]).toContain('<w:tblHeader/>');
    expect(rows(tables[1] ?? '')).toEqual([
      ['序号', '处室', '条款', '整改时限', '整改情况', '问责案号'],
      ['1', '对外贸易处', 'R3.5', '2026年12月15日', '已整改（2026年11月20日办结）', '—'],
      ['2', '财务处', 'R5.8', '2026年12月16日', '逾期未整改', '问责〔2026〕2号'],
      ['3', '对外贸易处', 'R5.2', '—', '整改中', '—'],
    ]);
    expect(rows(tables[0] ?? '').at(-1)).toEqual(['合计', '', '', '12', '3', '3']);
    // The office's conclusion, one paragraph per blank-line block, each ending with 。.
    expect(text).toContain(
      '各处室要严格按照制度要求每月召开处务会。相关处室要在整改时限内完成整改，并将整改情况书面报送监察室。',
    );
  });

  it('R6.4: signature, date and 版记 (抄送 in 4号 with its rules, 印发 with the date)', async () => {
    const { runs, text, xml } = docxParts(await inspectionReportDocx(model));
    expect(text).toMatch(
      /某某市商务局监察室2026年12月7日抄送：局主要领导，局纪委书记。某某市商务局监察室2026年12月7日印发$/,
    );
    expect(runs.find((r) => r.text === '抄送：局主要领导，局纪委书记。')).toMatchObject({ size: 14 });
    // Signature two characters in from the right, the date two characters to the right of its start.
    const char = 320;
    const width = 8844;
    const paragraphs = [...xml.matchAll(/<w:p>.*?<\/w:p>/gs)].map((p) => p[0]);
    const indentOf = (text: string) => {
      const p = paragraphs.find((q) => q.replace(/<[^>]+>/g, '') === text);
      return Number(/<w:ind w:left="(\d+)"\/>/.exec(p ?? '')?.[1]);
    };
    expect(indentOf('某某市商务局监察室')).toBe(width - 2 * char - 9 * char);
    expect(indentOf('2026年12月7日')).toBe(width - 2 * char - 9 * char + 2 * char);
    // The 版记: a table as wide as the body area, thick rules above and below, a thin one between, none at the sides.
    const imprint = [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((t) => t[0]).at(-1) ?? '';
    expect(imprint).toContain('抄送：');
    expect(imprint).toContain('<w:tblW w:type="dxa" w:w="8844"/>');
    expect(imprint).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"\/>/);
    expect(imprint).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"\/>/);
    expect(imprint).toMatch(/<w:insideH w:val="single" w:color="000000" w:sz="6"\/>/);
    expect(imprint).toMatch(/<w:left w:val="none"/);
    expect(imprint.match(/<w:tr>/g)).toHaveLength(2);
    expect(xml).toMatch(/<w:tab\/><w:t xml:space="preserve">2026年12月7日印发<\/w:t>/);
  });

  it('R6.4: no findings — 未发现问题, no findings table, no 抄送 line when nobody is copied', async () => {
    const { text, xml } = docxParts(await inspectionReportDocx(none));
    const tables = [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((t) => t[0]);
    expect(text).toContain('二、检查发现的问题经检查，本次检查未发现问题。');
    expect(text).toContain('三、整改情况本次检查未发现问题，无整改事项。');
    expect(text).toContain('四、下一步工作要求各处室要继续严格执行处务会制度');
    expect(tables).toHaveLength(1); // the 版记 only, its 印发 row only
    expect(tables[0]?.match(/<w:tr>/g)).toHaveLength(1);
    expect(text).not.toContain('抄送');
    expect(text).toMatch(/某某市商务局监察室2026年12月7日印发$/);
  });

  it('R6.4: the same report is the same bytes; its dates are the 成文日期 (00:00 in Beijing)', async () => {
    const a = await inspectionReportDocx(model);
    await new Promise((r) => setTimeout(r, 2100)); // DOS timestamps have two-second steps
    const b = await inspectionReportDocx(model);
    expect(sha(b)).toBe(sha(a));
    const core = strFromU8(unzipSync(new Uint8Array(a))['docProps/core.xml'] ?? new Uint8Array());
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-06T16:00:00.000Z</dcterms:created>');
    expect(core).toContain(`<dc:title>${model.title}</dc:title>`);
    expect([a.readUInt32LE(0), a.readUInt16LE(10), a.readUInt16LE(12)]).toEqual([
      0x04034b50,
      0,
      ((2026 - 1980) << 9) | (12 << 5) | 7,
    ]);
    expect(sha(await inspectionReportDocx({ ...model, docNumber: '监察通〔2026〕4号' }))).not.toBe(sha(a));
  });
});

// ---- PDF ----

interface PdfItem {
  str: string;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
}

async function pdfPages(buf: Buffer): Promise<{ width: number; height: number; items: PdfItem[]; text: string }[]> {
  const pdf = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true }).promise;
  const pages = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const [, , width, height] = page.view as [number, number, number, number];
    const items = (await page.getTextContent()).items
      .filter((i) => 'str' in i && i.str.trim())
      .map((i) => {
        const t = i as { str: string; transform: number[]; width: number };
        return { str: t.str, x: t.transform[4] ?? 0, y: height - (t.transform[5] ?? 0), width: t.width };
      });
    pages.push({
      width,
      height,
      items,
      text: items
        .map((i) => i.str)
        .join('')
        .replace(/\s+/g, ''),
    });
  }
  return pages;
}

/** All pages' text without the page numbers (a paragraph may run across pages). */
const bodyText = (pages: { text: string }[]) => pages.map((p) => p.text.replace(/—\d+—$/, '')).join('');

describe('inspection report as PDF (R6.4, GB/T 9704)', () => {
  it('R6.4: A4; title, number, each finding and its division in the text; "— 1 —" on the first page', async () => {
    const buf = await inspectionReportPdf(model, npmFonts());
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(buf);
    for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([595, 842]);
    const all = bodyText(pages);
    expect(all).toContain('某某市商务局监察室文件');
    expect(all).toContain('监察通〔2026〕3号');
    expect(all).toContain(model.title);
    expect(all).toContain('局属各处室：');
    for (const f of model.findings) {
      expect(all).toContain(f.divisionName);
      expect(all).toContain(f.description.replace(/。$/, ''));
    }
    expect(all).toContain('随机种子7f3a0c9e');
    expect(all).toMatch(
      /四、下一步工作要求.*某某市商务局监察室2026年12月7日抄送：局主要领导，局纪委书记。某某市商务局监察室2026年12月7日印发$/,
    );
    expect(pages[0]?.text).toMatch(/—1—$/);
    pages.forEach((p, i) => expect(p.text).toMatch(new RegExp(`—${i + 1}—$`)));
  });

  it('R6.4: the 版头 on the grid — the mark 35 mm into the body area, the number two lines below it', async () => {
    const [first] = await pdfPages(await inspectionReportPdf(model, npmFonts()));
    const top = PAGE.topMm * MM;
    const mark = first?.items.find((i) => i.str.includes('某某市商务局监察室文件'));
    const number = first?.items.find((i) => i.str.includes('监察通'));
    // Baselines: the mark's top edge is 35 mm down (its baseline about 0.88 em lower), in 小初.
    expect(mark && mark.y - top - 35 * MM).toBeGreaterThan(0.75 * 36);
    expect(mark && mark.y - top - 35 * MM).toBeLessThan(36);
    expect(markSizePt('某某市商务局监察室文件')).toBe(36);
    // The number on grid line 7 (counting from 0): two lines below the mark.
    expect(Math.floor(((number?.y ?? 0) - top) / LINE_PITCH_PT)).toBe(7);
    // Both centred on the body area.
    for (const i of [mark, number])
      expect(Math.abs((i?.x ?? 0) + (i?.width ?? 0) / 2 - (28 + 78) * MM)).toBeLessThan(1);
  });

  // Noto Sans SC (npm), and the Fandol faces where the machine has them (CI installs them).
  const fontSets: [string, PdfFonts][] = [['Noto Sans SC', npmFonts()]];
  if (resolvePdfFonts().source !== 'npm')
    fontSets.push([`the machine's fonts (${resolvePdfFonts().source})`, resolvePdfFonts()]);

  it.each(fontSets)(
    'R6.4: 60 findings run over pages in %s: every line inside the body area, the table header repeated, every division and row present',
    async (_, fonts) => {
      const pages = await pdfPages(await inspectionReportPdf(long, fonts));
      expect(pages.length).toBeGreaterThan(6);
      const left = PAGE.leftMm * MM;
      const right = (PAGE.leftMm + PAGE.bodyWidthMm) * MM;
      const top = PAGE.topMm * MM;
      const bottom = (PAGE.topMm + PAGE.bodyHeightMm) * MM;
      pages.forEach((p, n) => {
        for (const i of p.items) {
          expect(i.x, `${n + 1}: ${i.str}`).toBeGreaterThanOrEqual(left - 0.5);
          // Closing punctuation may hang one character past the line's end (避头, as in the minutes).
          const hang = /[，。、；：？！）〕》”]$/.test(i.str.trim()) ? 16.5 : 0;
          expect(i.x + i.width, `${n + 1}: ${i.str}`).toBeLessThanOrEqual(right + 0.5 + hang);
          if (/^—\s*\d+\s*—$/.test(i.str.trim())) expect(i.y).toBeGreaterThan(bottom + 7 * MM);
          else {
            expect(i.y, `${n + 1}: ${i.str}`).toBeGreaterThan(top);
            expect(i.y, `${n + 1}: ${i.str}`).toBeLessThanOrEqual(bottom);
          }
        }
        expect(p.text).toMatch(new RegExp(`—${n + 1}—$`));
      });
      const all = bodyText(pages);
      for (const f of long.findings) {
        expect(all).toContain(`（${chineseNumeral(f.seq)}）${f.divisionName}1.`);
        expect(all).toContain(`（问题序号${f.seq}，R3.5每月召开处务会）`);
      }
      // The rectification table's header on each page it runs over.
      const withHeader = pages.filter((p) => p.text.includes('序号处室条款整改时限整改情况问责案号'));
      expect(withHeader.length).toBeGreaterThan(1);
      expect(all).toContain('其中9个问题已启动问责程序，案号见表2。');
      // The 版记 at the foot of the last page: its last line on the grid's last line.
      const last = pages.at(-1);
      const imprint = last?.items.find((i) => i.str.includes('印发'));
      expect(Math.floor(((imprint?.y ?? 0) - top) / LINE_PITCH_PT)).toBe(PAGE.linesPerPage - 1);
    },
  );

  it('R6.4: 一、 in Hei, （一） in Kai, the body in FangSong, the mark in Song, when the Debian fonts are installed (CI installs them)', async () => {
    if (!process.env.CI && !existsSync(FONT_CANDIDATES.fangsong[0])) return;
    const fonts = resolvePdfFonts();
    expect(fonts.source).toBe('fandol');
    expect(pickKaiFont(fonts)).toBe(KAI_CANDIDATES[0]);
    const buf = await inspectionReportPdf(model, fonts);
    const baseFonts = [...buf.toString('latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((r) => r[1]);
    expect(new Set(baseFonts)).toEqual(
      new Set(['FandolFang-Regular', 'FandolSong-Bold', 'FandolHei-Regular', 'FandolKai-Regular']),
    );
  });

  it('the Kai face only beside the Fandol faces: else the body face sets the （一） headings', () => {
    const npm = npmFonts();
    expect(pickKaiFont(npm, () => true)).toBe(npm.body);
    const fandol: PdfFonts = { ...npm, body: FONT_CANDIDATES.fangsong[0], source: 'fandol' };
    expect(pickKaiFont(fandol, () => true)).toBe(KAI_CANDIDATES[0]);
    expect(pickKaiFont(fandol, () => false)).toBe(FONT_CANDIDATES.fangsong[0]);
  });

  it('R6.4: no findings — 未发现问题 and no rectification table', async () => {
    const all = bodyText(await pdfPages(await inspectionReportPdf(none, npmFonts())));
    expect(all).toContain('二、检查发现的问题经检查，本次检查未发现问题。三、整改情况本次检查未发现问题，无整改事项。');
    expect(all).not.toContain('表1');
    expect(all).not.toContain('抄送');
  });

  it('R6.4: the same report is the same bytes; dated the 成文日期', async () => {
    const a = await inspectionReportPdf(model, npmFonts());
    await new Promise((r) => setTimeout(r, 1100));
    const b = await inspectionReportPdf(model, npmFonts());
    expect(sha(b)).toBe(sha(a));
    expect(a.toString('latin1').match(/\(D:20261206160000Z\)/g)).toHaveLength(2); // CreationDate, ModDate
    expect(sha(await inspectionReportPdf({ ...model, issuedOn: '2026-12-08' }, npmFonts()))).not.toBe(sha(a));
  });
});

// ---- the words ----

describe('the words of the report', () => {
  it('dates, periods and the （一） numerals', () => {
    expect(chineseDay('2026-12-07')).toBe('2026年12月7日');
    expect(() => chineseDay('2026-12-7')).toThrow();
    expect(periodText({ from: '2026-07', to: '2026-09' })).toBe('2026年7月至9月');
    expect(periodText({ from: '2026-11', to: '2027-01' })).toBe('2026年11月至2027年1月');
    expect(periodText({ from: '2026-11', to: '2026-11' })).toBe('2026年11月');
    expect([1, 9, 10, 11, 20, 35, 99].map(chineseNumeral)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '三十五',
      '九十九',
    ]);
  });

  it('the title breaks at words into lines that fit, of nearly equal length (梯形)', () => {
    const long = '关于2026年度全局各处室处务会制度执行情况及纪要形成报送归档工作监督检查发现问题整改落实情况的通报';
    const lines = titleLines(long, 19);
    expect(lines.join('')).toBe(long);
    expect(lines).toHaveLength(Math.ceil(emWidth(long) / 19));
    for (const l of lines) expect(emWidth(l)).toBeLessThanOrEqual(19);
    const widths = lines.map(emWidth);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(4);
    expect(titleLines('关于对外贸易处纪要报送问题的通报', 19)).toEqual(['关于对外贸易处纪要报送问题的通报']);
    // "2026" and "制度" are words: never split.
    for (const l of titleLines(model.title, 19)) expect(l).not.toMatch(/^(026|26|6|度)/);
  });

  it('the signature two characters from the right, the date two characters right of it — or the longer date two from the right', () => {
    expect(signaturePlacement(28, 1, 9, 6.5)).toEqual({ sigStart: 17, dateStart: 19 });
    // A short signature: the date, two characters from the right, sets both.
    expect(signaturePlacement(28, 1, 3, 6.5)).toEqual({ sigStart: 17.5, dateStart: 19.5 });
  });

  it('the mark: the largest standard size that fits the line, else the size at which it fits', () => {
    expect(markSizePt('某某局监察室文件')).toBe(42);
    expect(markSizePt('某某市商务局监察室文件')).toBe(36);
    const long = '某某省某某市某某区商务和经济信息化局监察室文件';
    expect(markSizePt(long) * emWidth(long)).toBeLessThanOrEqual((PAGE.bodyWidthMm / 25.4) * 72);
    expect(markSizePt(long)).toBeLessThan(22);
  });

  it('a line break inside a description or a name does not break the document; the summary splits at blank lines', () => {
    const c = reportContent({
      ...model,
      title: '关于专项检查\n的通报',
      findings: [{ ...model.findings[1]!, description: '2026年8月未召开处务会，\r\n  也未说明原因' }],
      summary: '\n第一段，\n接上一行。\n \n第二段\n\n\n',
    });
    const paragraphs = c.blocks.flatMap((b) =>
      b.kind === 'paragraph' ? [b.segments.map((s) => s.text).join('')] : [],
    );
    expect(c.title).toBe('关于专项检查的通报');
    expect(paragraphs).toContain('1.2026年8月未召开处务会，也未说明原因（问题序号1，R3.5 每月召开处务会）。');
    expect(paragraphs.slice(-2)).toEqual(['第一段，接上一行。', '第二段。']);
  });

  it('more than three cases are referred to the table; counts by state in the order states appear', () => {
    const c = reportContent(long);
    const text = c.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.segments.map((s) => s.text) : [])).join('');
    expect(text).toContain('60个问题中，已整改30个、整改中30个。其中9个问题已启动问责程序，案号见表2。');
  });
});

// ---- XLSX ----

const ledgerRows: FindingsLedgerRow[] = model.findings.map((f) => ({
  ...f,
  inspectionTitle: model.title,
  foundOn: '2026-10-20',
  evidence: f.closedOn ? '整改报告及补开的处务会纪要' : '',
}));

async function sheetOf(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(FINDINGS_SHEET);
  if (!ws) throw new Error(`no sheet ${FINDINGS_SHEET}`);
  return ws;
}

describe('findings ledger as XLSX (R6.4)', () => {
  it('R6.4: Chinese headers frozen under the title, one row per finding, days as Excel dates, column widths', async () => {
    const ws = await sheetOf(await findingsLedgerXlsx('2026年第三季度检查问题整改台账', ledgerRows));
    expect(ws.getCell(1, 1).value).toBe('2026年第三季度检查问题整改台账\u3000共 3 项');
    expect(Array.from({ length: FINDINGS_COLUMNS.length }, (_, i) => ws.getRow(2).getCell(i + 1).value)).toEqual([
      '序号',
      '检查名称',
      '处室',
      '条款',
      '问题描述',
      '发现日期',
      '整改时限',
      '整改状态',
      '办结日期',
      '问责案号',
      '整改佐证',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.columns.map((c) => c.width)).toEqual(FINDINGS_COLUMNS.map((c) => c.width));
    expect(ws.rowCount).toBe(2 + ledgerRows.length);
    const values = (n: number) => FINDINGS_COLUMNS.map((_, i) => ws.getRow(n).getCell(i + 1).value);
    const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
    expect(values(3)).toEqual([
      2,
      model.title,
      '财务处',
      'R5.8',
      '2026年7月第2次处务会纪要晚于会后3个工作日报送分管领导',
      day('2026-10-20'),
      day('2026-12-16'),
      '逾期未整改',
      null,
      '问责〔2026〕2号',
      null,
    ]);
    expect(values(4).slice(5, 9)).toEqual([day('2026-10-20'), day('2026-12-15'), '已整改', day('2026-11-20')]);
    expect(values(5)[6]).toBeNull(); // no deadline
    for (const c of [6, 7, 9]) expect(ws.getRow(4).getCell(c).numFmt).toBe('yyyy-mm-dd');
  });

  it('R6.4: the same rows are the same bytes; an export time is named in the title row', async () => {
    const a = await findingsLedgerXlsx('台账', ledgerRows);
    await new Promise((r) => setTimeout(r, 2100));
    expect(sha(await findingsLedgerXlsx('台账', ledgerRows))).toBe(sha(a));
    const at = new Date('2026-12-07T02:30:00.000Z');
    const ws = await sheetOf(await findingsLedgerXlsx('台账', ledgerRows, { exportedAt: at }));
    expect(ws.getCell(1, 1).value).toBe('台账\u3000导出时间：2026-12-07 10:30\u3000共 3 项');
    const empty = await sheetOf(await findingsLedgerXlsx('台账', []));
    expect(empty.rowCount).toBe(2);
    expect(empty.getCell(1, 1).value).toBe('台账\u3000共 0 项');
  });
});
