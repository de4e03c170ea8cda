import PDFDocument from 'pdfkit';
import { sectionParagraphs, type MinutesContent } from '../../core/minutes.js';
import { PAGE, SIZE, imprintDateText, pageNumberText } from './layout.js';
import { resolvePdfFonts, type PdfFonts } from './fonts.js';
import { CHAR_SPACING, Faces, HEIGHT, LEFT, MM, PITCH, TOP, WIDTH, wrap } from './pdf-faces.js';

interface Cursor {
  line: number;
  page: number;
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
