import PDFDocument from 'pdfkit';
import { sectionParagraphs, type MinutesContent } from '../../core/minutes.js';
import { LINE_PITCH_PT, PAGE, SIZE, imprintDateText, pageNumberText } from './layout.js';
import { parsedFont, resolvePdfFonts, type PdfFonts } from './fonts.js';

const MM = 72 / 25.4;
const TOP = PAGE.topMm * MM;
const LEFT = PAGE.leftMm * MM;
const WIDTH = PAGE.bodyWidthMm * MM;
const HEIGHT = PAGE.bodyHeightMm * MM;
const PITCH = LINE_PITCH_PT;
/** 28 characters of 3号 fill the 156 mm line: a slightly tight character pitch. */
const CHAR_SPACING = WIDTH / PAGE.charsPerLine - SIZE.san;

type Doc = InstanceType<typeof PDFDocument>;

interface Cursor {
  line: number;
  page: number;
}

/** Punctuation that may not begin a line (避头): it hangs at the end of the previous one. */
const NO_LINE_START = new Set([...'，。、；：？！）」』】〕》”’.,;:?!)']);

/**
 * Per font file (and its fallback), size and character: the face the character is set in (`path`
 * when that font has a glyph for it, else the complete fallback face — a rare
 * name outside GB2312 in the FangSong body) and its advance width there, across
 * renders: `wrap` measures every character, and pdfkit's own layout cache lives
 * only as long as one document. A width is exactly what `doc.widthOfString(ch)`
 * returned in that face the first time. Bounded by the characters of the fonts;
 * cleared if it ever grows past `GLYPHS_MAX` entries.
 */
const glyphs = new Map<string, { face: string; width: number }>();
const GLYPHS_MAX = 50_000;

/** One document's fonts: registered under one name per font file, on first use. */
export class Faces {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly doc: Doc,
    readonly fonts: PdfFonts,
  ) {}

  /** Selects the font file `path` in the document (registering it first). */
  use(path: string, size: number): Doc {
    let name = this.names.get(path);
    if (!name) {
      name = `f${this.names.size}`;
      // Each font is read and parsed once per process (fonts.ts), not on every render.
      this.doc.registerFont(name, parsedFont(path) as unknown as PDFKit.Mixins.PDFFontSource);
      this.names.set(path, name);
    }
    return this.doc.font(name).fontSize(size);
  }

  glyph(path: string, size: number, ch: string): { face: string; width: number } {
    const key = `${path}\n${this.fonts.fallback}\n${size}\n${ch}`;
    let g = glyphs.get(key);
    if (g === undefined) {
      const has =
        path === this.fonts.fallback || !ch.trim() || parsedFont(path).hasGlyphForCodePoint(ch.codePointAt(0) ?? 0);
      const face = has ? path : this.fonts.fallback;
      g = { face, width: this.use(face, size).widthOfString(ch) };
      if (glyphs.size >= GLYPHS_MAX) glyphs.clear();
      glyphs.set(key, g);
    }
    return g;
  }

  charWidth(path: string, size: number, ch: string): number {
    return this.glyph(path, size, ch).width;
  }

  /** Width of `text` as `draw` sets it. */
  width(path: string, size: number, text: string, spacing = 0): number {
    let w = 0;
    for (const ch of text) w += this.charWidth(path, size, ch) + spacing;
    return w;
  }

  /**
   * Sets one line of `text` at (x, y) in the font `path`, each run of characters
   * that font lacks in the fallback face. All faces share the 880/−120 em box, so
   * the runs share one baseline.
   */
  draw(path: string, size: number, text: string, x: number, y: number, spacing = 0, color = 'black'): void {
    let run = '';
    let runFace = path;
    let runWidth = 0;
    const flush = () => {
      if (!run) return;
      this.use(runFace, size).fillColor(color).text(run, x, y, { lineBreak: false, characterSpacing: spacing });
      x += runWidth;
      run = '';
      runWidth = 0;
    };
    for (const ch of text) {
      const g = this.glyph(path, size, ch);
      if (g.face !== runFace) {
        flush();
        runFace = g.face;
      }
      run += ch;
      runWidth += g.width + spacing;
    }
    flush();
  }
}

/** Breaks text into lines that fit `width` at the given size (CJK breaks anywhere). */
export function wrap(
  faces: Faces,
  fontPath: string,
  text: string,
  width: number,
  firstIndent: number,
  size: number,
  spacing: number,
): string[] {
  const lines: string[] = [];
  let cur = '';
  let w = firstIndent;
  for (const ch of text) {
    const cw = faces.charWidth(fontPath, size, ch) + spacing;
    if (w + cw > width + 0.01 && cur) {
      if (NO_LINE_START.has(ch)) {
        lines.push(cur + ch);
        cur = '';
        w = 0;
        continue;
      }
      lines.push(cur);
      cur = '';
      w = 0;
    }
    cur += ch;
    w += cw;
  }
  if (cur || lines.length === 0) lines.push(cur);
  return lines;
}

/** What the PDF prints: the minutes, their number, the issuing division and the issue time. */
export interface PdfMinutesInput {
  content: MinutesContent;
  number: string | null;
  /** The issuing division (版记's 印发 line). */
  divisionName: string;
  /** Issued minutes: the issue time (印发 date and the document's dates); a draft has none. */
  issuedAt?: string | null;
  /** Archival copy (R5.7): written as PDF/A of this conformance (fonts are embedded anyway). */
  pdfA?: PdfAConformance;
}

/** The PDF/A conformance levels pdfkit writes: XMP identification, sRGB output intent, embedded fonts. */
export type PdfAConformance = 'PDF/A-1b' | 'PDF/A-2b';

/**
 * pdfkit's options for a document with `info` (title, dates), as PDF/A when asked. PDF/A wants
 * every Info entry mirrored in the XMP packet, which pdfkit writes for the title, the creator
 * and the creation date — not for ModDate, so a PDF/A copy carries no ModDate; and pdfkit puts
 * the title into the XMP unescaped, so markup characters become their full-width forms there.
 */
export function pdfOptions(title: string, at: Date, pdfA?: PdfAConformance): PDFKit.PDFDocumentOptions {
  const base = { size: 'A4', margin: 0, autoFirstPage: true } as const;
  if (!pdfA)
    return { ...base, info: { Title: title, Creator: 'jiyao', Producer: 'jiyao', CreationDate: at, ModDate: at } };
  const safeTitle = title.replace(/[<>&]/g, (c) => ({ '<': '＜', '>': '＞', '&': '＆' })[c] ?? c);
  return {
    ...base,
    subset: pdfA,
    pdfVersion: pdfA === 'PDF/A-1b' ? '1.4' : '1.7',
    info: { Title: safeTitle, Creator: 'jiyao', Producer: 'jiyao', CreationDate: at },
  };
}

/**
 * Minutes as PDF in the GB/T 9704 layout: A4, body 156 × 225 mm at 37/28 mm,
 * 22 lines of ≈ 29 pt, 28 characters a line, the mark 35 mm into the body, page
 * numbers "— N —" in 4号 7 mm below the body, odd pages right and even pages left.
 * Body in FangSong, the mark in Song, labels and 一、 headings in Hei (fonts.ts).
 */
export async function renderMinutesPdf(m: PdfMinutesInput, fonts: PdfFonts = resolvePdfFonts()): Promise<Buffer> {
  // Issued minutes render byte for byte the same every time: the dates are the
  // issue time, and pdfkit derives the trailer /ID (MD5 of the info) from them.
  const at = m.issuedAt ? new Date(m.issuedAt) : new Date();
  const doc = new PDFDocument(pdfOptions(m.content.title, at, m.pdfA));
  const faces = new Faces(doc, fonts);
  const path = { body: fonts.body, bold: fonts.bold, title: fonts.title };
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const cur: Cursor = { line: 0, page: 1 };
  const footer = () => {
    const text = pageNumberText(cur.page);
    const w = faces.width(path.body, SIZE.si, text);
    const y = TOP + HEIGHT + PAGE.pageNumberGapMm * MM;
    const x = cur.page % 2 === 1 ? LEFT + WIDTH - SIZE.si - w : LEFT + SIZE.si;
    faces.draw(path.body, SIZE.si, text, x, y);
  };
  const newLine = () => {
    cur.line += 1;
    if (cur.line >= PAGE.linesPerPage) {
      footer();
      doc.addPage({ size: 'A4', margin: 0 });
      cur.page += 1;
      cur.line = 0;
    }
  };
  const y = () => TOP + cur.line * PITCH + (PITCH - SIZE.san) / 2;
  const paragraph = (
    text: string,
    opts: { font?: 'body' | 'bold'; size?: number; indentChars?: number; hangChars?: number; color?: string } = {},
  ) => {
    const size = opts.size ?? SIZE.san;
    const spacing = size === SIZE.san ? CHAR_SPACING : 0;
    const indent = (opts.indentChars ?? 2) * (size + spacing);
    const hang = (opts.hangChars ?? 0) * (size + spacing);
    const font = path[opts.font ?? 'body'];
    const lines = wrap(faces, font, text, WIDTH - hang, indent - hang, size, spacing);
    lines.forEach((line, i) => {
      faces.draw(font, size, line, LEFT + (i === 0 ? indent : hang), y(), spacing, opts.color);
      newLine();
    });
  };
  const rule = (width: number) => {
    const at = y() - (PITCH - SIZE.san) / 2;
    doc
      .moveTo(LEFT, at)
      .lineTo(LEFT + WIDTH, at)
      .lineWidth(width)
      .stroke('black');
  };

  // The mark: centred, red, in the Song face, its top edge 35 mm below the top of the body area.
  const markW = faces.width(path.title, SIZE.er, m.content.title);
  faces.draw(path.title, SIZE.er, m.content.title, LEFT + (WIDTH - markW) / 2, TOP + 35 * MM, 0, '#c00000');
  cur.line = Math.ceil((35 * MM + SIZE.er * 1.5) / PITCH);
  const num = m.number ?? '〔　　〕　号';
  faces.draw(path.body, SIZE.san, num, LEFT + (WIDTH - faces.width(path.body, SIZE.san, num)) / 2, y());
  newLine();
  newLine();
  paragraph(m.content.opening);
  for (const s of m.content.sections) {
    paragraph(s.heading, { font: 'bold' });
    for (const line of sectionParagraphs(s)) paragraph(line);
  }
  if (m.content.closing.trim()) paragraph(m.content.closing);
  newLine();
  // 「出席：」 label in 黑体, names after it in 仿宋, wrapped lines aligned after the colon.
  const block = (label: string, names: string[]) => {
    const unit = SIZE.san + CHAR_SPACING;
    const at = 2 + [...label].length;
    faces.draw(path.bold, SIZE.san, label, LEFT + 2 * unit, y(), CHAR_SPACING);
    const lines = wrap(faces, path.body, names.join('、'), WIDTH - at * unit, 0, SIZE.san, CHAR_SPACING);
    for (const line of lines) {
      faces.draw(path.body, SIZE.san, line, LEFT + at * unit, y(), CHAR_SPACING);
      newLine();
    }
  };
  block('出席：', m.content.present);
  if (m.content.leave.length) block('请假：', m.content.leave);
  if (m.content.observers.length) block('列席：', m.content.observers);
  block('记录：', [m.content.recorder]);
  newLine();
  // 版记 (GB/T 9704 §10.3, 7.5): the 分送 line, then the 印发 line — issuing
  // division left, issue date right, each one character in — between the rules.
  rule(0.75);
  paragraph(m.content.distribution, { size: SIZE.si, indentChars: 1, hangChars: 1 });
  rule(0.5);
  const issue = imprintDateText(m.issuedAt);
  faces.draw(path.body, SIZE.si, m.divisionName, LEFT + SIZE.si, y());
  faces.draw(path.body, SIZE.si, issue, LEFT + WIDTH - SIZE.si - faces.width(path.body, SIZE.si, issue), y());
  newLine();
  rule(0.75);
  footer();
  doc.end();
  return done;
}
