import PDFDocument from 'pdfkit';
import { sectionParagraphs, type MinutesContent } from '../../core/minutes.js';
import { LINE_PITCH_PT, PAGE, SIZE, pageNumberText } from './layout.js';
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
 * Advance widths of single characters, per font file and size, across renders:
 * `wrap` measures every character, and pdfkit's own layout cache lives only as
 * long as one document. A value is exactly what `doc.widthOfString(ch)` returned
 * the first time. Bounded by the characters of the fonts; cleared if it ever
 * grows past `WIDTHS_MAX` entries.
 */
const widths = new Map<string, number>();
const WIDTHS_MAX = 50_000;

function charWidth(doc: Doc, fontPath: string, size: number, ch: string): number {
  const key = `${fontPath}\n${size}\n${ch}`;
  let w = widths.get(key);
  if (w === undefined) {
    w = doc.widthOfString(ch);
    if (widths.size >= WIDTHS_MAX) widths.clear();
    widths.set(key, w);
  }
  return w;
}

/** Breaks text into lines that fit `width` at the given size (CJK breaks anywhere). */
function wrap(
  doc: Doc,
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
  if (text) doc.fontSize(size);
  for (const ch of text) {
    const cw = charWidth(doc, fontPath, size, ch) + spacing;
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

/**
 * Minutes as PDF in the GB/T 9704 layout: A4, body 156 × 225 mm at 37/28 mm,
 * 22 lines of ≈ 29 pt, 28 characters a line, the mark 35 mm into the body, page
 * numbers "— N —" in 4号 7 mm below the body, odd pages right and even pages left.
 */
export async function renderMinutesPdf(
  m: { content: MinutesContent; number: string | null; issuedAt?: string | null },
  fonts: PdfFonts = resolvePdfFonts(),
): Promise<Buffer> {
  // Issued minutes render byte for byte the same every time: the dates are the
  // issue time, and pdfkit derives the trailer /ID (MD5 of the info) from them.
  const at = m.issuedAt ? new Date(m.issuedAt) : new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    info: { Title: m.content.title, Creator: 'jiyao', Producer: 'jiyao', CreationDate: at, ModDate: at },
  });
  // Each font is read and parsed once per process (fonts.ts), not on every render.
  doc.registerFont('body', parsedFont(fonts.body) as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('bold', parsedFont(fonts.bold) as unknown as PDFKit.Mixins.PDFFontSource);
  const path = { body: fonts.body, bold: fonts.bold };
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const cur: Cursor = { line: 0, page: 1 };
  const footer = () => {
    const text = pageNumberText(cur.page);
    doc.font('body').fontSize(SIZE.si).fillColor('black');
    const w = doc.widthOfString(text);
    const y = TOP + HEIGHT + PAGE.pageNumberGapMm * MM;
    const x = cur.page % 2 === 1 ? LEFT + WIDTH - SIZE.si - w : LEFT + SIZE.si;
    doc.text(text, x, y, { lineBreak: false });
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
    const font = opts.font ?? 'body';
    doc.font(font).fillColor(opts.color ?? 'black');
    const lines = wrap(doc, path[font], text, WIDTH - hang, indent - hang, size, spacing);
    lines.forEach((line, i) => {
      const x = LEFT + (i === 0 ? indent : hang);
      doc.font(font).fontSize(size).text(line, x, y(), { lineBreak: false, characterSpacing: spacing });
      newLine();
    });
  };

  // The mark: centred, red, its top edge 35 mm below the top of the body area.
  doc.font('bold').fontSize(SIZE.er).fillColor('#c00000');
  const markW = doc.widthOfString(m.content.title);
  doc.text(m.content.title, LEFT + (WIDTH - markW) / 2, TOP + 35 * MM, { lineBreak: false });
  cur.line = Math.ceil((35 * MM + SIZE.er * 1.5) / PITCH);
  doc.font('body').fontSize(SIZE.san).fillColor('black');
  const num = m.number ?? '〔　　〕　号';
  doc.text(num, LEFT + (WIDTH - doc.widthOfString(num)) / 2, y(), { lineBreak: false });
  newLine();
  newLine();
  paragraph(m.content.opening);
  for (const s of m.content.sections) {
    paragraph(s.heading, { font: 'bold' });
    for (const line of sectionParagraphs(s)) paragraph(line);
  }
  if (m.content.closing.trim()) paragraph(m.content.closing);
  newLine();
  // 「出席：」 label in 黑体 (bold face), names after it, wrapped lines aligned after the colon.
  const block = (label: string, names: string[]) => {
    const unit = SIZE.san + CHAR_SPACING;
    const at = 2 + [...label].length;
    doc.font('bold').fontSize(SIZE.san).fillColor('black');
    doc.text(label, LEFT + 2 * unit, y(), { lineBreak: false, characterSpacing: CHAR_SPACING });
    doc.font('body');
    const lines = wrap(doc, path.body, names.join('、'), WIDTH - at * unit, 0, SIZE.san, CHAR_SPACING);
    for (const line of lines) {
      doc
        .font('body')
        .fontSize(SIZE.san)
        .text(line, LEFT + at * unit, y(), { lineBreak: false, characterSpacing: CHAR_SPACING });
      newLine();
    }
  };
  block('出席：', m.content.present);
  if (m.content.leave.length) block('请假：', m.content.leave);
  if (m.content.observers.length) block('列席：', m.content.observers);
  block('记录：', [m.content.recorder]);
  newLine();
  const topRule = y() - (PITCH - SIZE.san) / 2;
  doc
    .moveTo(LEFT, topRule)
    .lineTo(LEFT + WIDTH, topRule)
    .lineWidth(0.75)
    .stroke('black');
  paragraph(m.content.distribution, { size: SIZE.si, indentChars: 1, hangChars: 1 });
  const bottomRule = y() - (PITCH - SIZE.san) / 2;
  doc
    .moveTo(LEFT, bottomRule)
    .lineTo(LEFT + WIDTH, bottomRule)
    .lineWidth(0.75)
    .stroke('black');
  footer();
  doc.end();
  return done;
}
