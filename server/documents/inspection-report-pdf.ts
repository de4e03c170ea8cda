import PDFDocument from 'pdfkit';
import { PAGE, SIZE, markSizePt, pageNumberText } from './layout.js';
import { pickKaiFont, resolvePdfFonts, type PdfFonts } from './fonts.js';
import { CHAR_SPACING, Faces, HEIGHT, LEFT, MM, NO_LINE_START, PITCH, TOP, WIDTH, type Doc } from './pdf-faces.js';
import {
  documentInstant,
  reportContent,
  signaturePlacement,
  type Face,
  type InspectionReportModel,
  type ReportBlock,
} from './inspection-report-content.js';

const RED = '#c00000';
/** Table text: 小四 on lines of 18 pt; a one-line row is one grid line high. */
const TABLE_SIZE = SIZE.xiaosi;
const TABLE_LEADING = 18;
const CELL_PAD = 1 * MM;
/** 版记 rules (GB/T 9704 §7.5.1): the first and the last 0.35 mm, those between 0.25 mm. */
const THICK = 0.35 * MM;
const THIN = 0.25 * MM;
const EPS = 0.01;
/** Characters of a Latin word or a number, kept on one line. */
const WORD = /^[A-Za-z0-9.\-_/]$/;
/** Opening brackets and quotes, which may not end a line. */
const NO_LINE_END = new Set([...'（〔「『【《“‘([']);

/** A character and the font file it is set in. */
interface Piece {
  ch: string;
  path: string;
}

/** Lays out the report on the 22-line grid of the body area, page by page. */
class Writer {
  page = 1;
  /** From the top of the body area, in points. */
  y = 0;

  constructor(
    readonly doc: Doc,
    readonly faces: Faces,
    readonly path: Record<Face | 'title', string>,
  ) {}

  /** "— N —" in 4号 7 mm below the body area, one character in: odd pages right, even pages left. */
  footer(): void {
    const text = pageNumberText(this.page);
    const w = this.faces.width(this.path.body, SIZE.si, text);
    const x = this.page % 2 === 1 ? LEFT + WIDTH - SIZE.si - w : LEFT + SIZE.si;
    this.faces.draw(this.path.body, SIZE.si, text, x, TOP + HEIGHT + PAGE.pageNumberGapMm * MM);
  }

  newPage(): void {
    this.footer();
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.page += 1;
    this.y = 0;
  }

  fits(height: number): boolean {
    return this.y + height <= HEIGHT + EPS;
  }

  /** The top of a `size` text box centred on the current grid line. */
  textTop(size: number): number {
    return TOP + this.y + (PITCH - size) / 2;
  }

  pieces(text: string, path: string): Piece[] {
    return [...text].map((ch) => ({ ch, path }));
  }

  /**
   * Breaks pieces into lines of `width` (the first `firstIndent` narrower): CJK
   * anywhere, but closing punctuation hangs at the end of a line (避头), an
   * opening bracket moves to the next line with what follows it (避尾), and a
   * Latin word or a number (R3.5, 2026) is not split unless it fills a line alone.
   */
  wrap(pieces: Piece[], width: number, firstIndent: number, size: number, spacing: number): Piece[][] {
    const cw = (p: Piece) => this.faces.charWidth(p.path, size, p.ch) + spacing;
    const lines: Piece[][] = [];
    let cur: Piece[] = [];
    let w = firstIndent;
    for (const p of pieces) {
      if (w + cw(p) > width + EPS && cur.length) {
        if (NO_LINE_START.has(p.ch)) {
          lines.push([...cur, p]);
          cur = [];
          w = 0;
          continue;
        }
        let cut = cur.length;
        if (WORD.test(p.ch)) while (cut > 0 && WORD.test(cur[cut - 1]?.ch ?? '')) cut -= 1;
        while (cut > 0 && NO_LINE_END.has(cur[cut - 1]?.ch ?? '')) cut -= 1;
        if (cut === 0) cut = cur.length;
        lines.push(cur.slice(0, cut));
        cur = cur.slice(cut);
        w = cur.reduce((a, q) => a + cw(q), 0);
      }
      cur.push(p);
      w += cw(p);
    }
    if (cur.length || lines.length === 0) lines.push(cur);
    return lines;
  }

  lineWidth(line: Piece[], size: number, spacing: number): number {
    return line.reduce((w, p) => w + this.faces.charWidth(p.path, size, p.ch) + spacing, 0);
  }

  /** Sets one line: each run of pieces in one font at once (with that font's fallback). */
  draw(line: Piece[], x: number, top: number, size: number, spacing: number, color = 'black'): void {
    let i = 0;
    while (i < line.length) {
      const path = line[i]?.path ?? this.path.body;
      let text = '';
      while (i < line.length && line[i]?.path === path) text += line[i++]?.ch ?? '';
      this.faces.draw(path, size, text, x, top, spacing, color);
      x += this.faces.width(path, size, text, spacing);
    }
  }

  centred(text: string, path: string, size: number, spacing = 0, color = 'black'): void {
    for (const line of this.wrap(this.pieces(text, path), WIDTH, 0, size, spacing)) {
      if (!this.fits(PITCH)) this.newPage();
      const w = this.lineWidth(line, size, spacing);
      this.draw(line, LEFT + (WIDTH - w) / 2, this.textTop(size), size, spacing, color);
      this.y += PITCH;
    }
  }

  /** A body paragraph: 3号, first line two characters in (or `indentChars`), the lines after it flush left. */
  paragraph(block: Extract<ReportBlock, { kind: 'paragraph' }>, indentChars = 2): void {
    const unit = SIZE.san + CHAR_SPACING;
    const pieces = block.segments.flatMap((s) => this.pieces(s.text, this.path[s.face]));
    const indent = indentChars * unit;
    const lines = this.wrap(pieces, WIDTH, indent, SIZE.san, CHAR_SPACING);
    // A heading is not left alone on the last line of a page.
    if (block.keepNext && !this.fits(2 * PITCH)) this.newPage();
    lines.forEach((line, i) => {
      if (!this.fits(PITCH)) this.newPage();
      this.draw(line, LEFT + (i === 0 ? indent : 0), this.textTop(SIZE.san), SIZE.san, CHAR_SPACING);
      this.y += PITCH;
    });
  }

  /**
   * A table in 小四: its caption (4号黑体, centred) kept with the header and the
   * first row; rows are never split, and the header row repeats on each page the
   * table runs over. The text after it starts on the next grid line.
   */
  table(block: Extract<ReportBlock, { kind: 'table' }>): void {
    const widths = block.columns.map((c) => c.widthMm * MM);
    const layout = (cells: string[], header: boolean) => {
      const lines = cells.map((text, i) =>
        this.wrap(
          this.pieces(text, header ? this.path.hei : this.path.body),
          (widths[i] ?? 0) - 2 * CELL_PAD,
          0,
          TABLE_SIZE,
          0,
        ),
      );
      const most = Math.max(1, ...lines.map((l) => l.length));
      return { lines, height: Math.max(PITCH, most * TABLE_LEADING + (PITCH - TABLE_LEADING)), header };
    };
    const head = layout(
      block.columns.map((c) => c.header),
      true,
    );
    const rows = block.rows.map((r) => layout(r, false));
    const drawRow = (row: ReturnType<typeof layout>) => {
      const top = TOP + this.y;
      let x = LEFT;
      row.lines.forEach((lines, i) => {
        const w = widths[i] ?? 0;
        const align = row.header ? 'center' : (block.columns[i]?.align ?? 'center');
        const textTop = top + (row.height - lines.length * TABLE_LEADING) / 2 + (TABLE_LEADING - TABLE_SIZE) / 2;
        lines.forEach((line, k) => {
          const lw = this.lineWidth(line, TABLE_SIZE, 0);
          const lx = align === 'center' ? x + (w - lw) / 2 : x + CELL_PAD;
          this.draw(line, lx, textTop + k * TABLE_LEADING, TABLE_SIZE, 0);
        });
        this.doc.rect(x, top, w, row.height).lineWidth(0.5).stroke('black');
        x += w;
      });
      this.y += row.height;
    };
    if (!this.fits(PITCH + head.height + (rows[0]?.height ?? 0)) && this.y > 0) this.newPage();
    this.centred(block.caption, this.path.hei, SIZE.si);
    drawRow(head);
    for (const row of rows) {
      if (!this.fits(row.height)) {
        this.newPage();
        drawRow(head);
      }
      drawRow(row);
    }
    this.y = Math.ceil(this.y / PITCH - EPS) * PITCH;
  }

  rule(at: number, width: number, color = 'black'): void {
    this.doc
      .moveTo(LEFT, at)
      .lineTo(LEFT + WIDTH, at)
      .lineWidth(width)
      .stroke(color);
  }
}

/**
 * The inspection report (监督检查情况通报) as PDF in the GB/T 9704 layout of the
 * minutes: A4, body 156 × 225 mm at 37/28 mm, 22 lines of ≈ 28.9 pt, page numbers
 * "— N —". The 版头 (the red 发文机关标志 35 mm into the body area, the 发文字号
 * two lines below it, the red separator line 4 mm under it), the title in 2号 two
 * lines below, 主送, the body in 3号 (一、 in Hei, （一） in Kai), tables in 小四,
 * signature and 成文日期 (§7.3.5.2), and the 版记 (抄送, 印发 between its rules) at
 * the foot of the last page, its last line on the last line of the grid (§7.5).
 * The dates of the file are the 成文日期, so the same report is the same bytes.
 */
export async function renderInspectionReportPdf(
  m: InspectionReportModel,
  fonts: PdfFonts = resolvePdfFonts(),
): Promise<Buffer> {
  const c = reportContent(m);
  const at = documentInstant(m.issuedOn);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    info: { Title: c.title, Subject: c.docNumber, Creator: 'jiyao', Producer: 'jiyao', CreationDate: at, ModDate: at },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const faces = new Faces(doc, fonts);
  const w = new Writer(doc, faces, { body: fonts.body, hei: fonts.bold, kai: pickKaiFont(fonts), title: fonts.title });

  // 版头: the mark, centred and red, its top edge 35 mm below the top of the body area.
  let markSize = markSizePt(c.mark);
  const markWidth = faces.width(fonts.title, markSize, c.mark);
  if (markWidth > WIDTH) markSize = (markSize * WIDTH) / markWidth;
  faces.draw(
    fonts.title,
    markSize,
    c.mark,
    LEFT + (WIDTH - faces.width(fonts.title, markSize, c.mark)) / 2,
    TOP + 35 * MM,
    0,
    RED,
  );
  // The 发文字号 two lines below the mark, the red line 4 mm under it, the title two lines below that.
  w.y = (Math.ceil((35 * MM + markSize) / PITCH - EPS) + 2) * PITCH;
  const numberTop = w.textTop(SIZE.san);
  w.centred(c.docNumber, fonts.body, SIZE.san);
  w.rule(numberTop + SIZE.san + 4 * MM, 2, RED);
  w.y += 2 * PITCH;
  for (const line of c.titleLines) w.centred(line, fonts.title, SIZE.er);
  w.y += PITCH;
  // 主送 one line below the title, flush left.
  w.paragraph({ kind: 'paragraph', segments: [{ text: c.addressees, face: 'body' }] }, 0);
  for (const b of c.blocks) {
    if (b.kind === 'paragraph') w.paragraph(b);
    else w.table(b);
  }

  // Signature and date: one line below the text, on one page.
  const unit = SIZE.san + CHAR_SPACING;
  if (w.y > 0) w.y += PITCH;
  if (!w.fits(2 * PITCH)) w.newPage();
  const { sigStart, dateStart } = signaturePlacement(
    WIDTH,
    unit,
    faces.width(fonts.body, SIZE.san, c.signature, CHAR_SPACING),
    faces.width(fonts.body, SIZE.san, c.date, CHAR_SPACING),
  );
  faces.draw(fonts.body, SIZE.san, c.signature, LEFT + sigStart, w.textTop(SIZE.san), CHAR_SPACING);
  w.y += PITCH;
  faces.draw(fonts.body, SIZE.san, c.date, LEFT + dateStart, w.textTop(SIZE.san), CHAR_SPACING);
  w.y += PITCH;

  // 版记 at the foot of the last page: 抄送 (wrapped lines after the colon), then 印发.
  const label = '抄送：';
  const labelWidth = faces.width(fonts.body, SIZE.si, label);
  const copies = c.copies
    ? w.wrap(w.pieces(c.copies.slice(label.length), fonts.body), WIDTH - 2 * SIZE.si - labelWidth, 0, SIZE.si, 0)
    : [];
  const first = PAGE.linesPerPage - copies.length - 1;
  if (w.y > first * PITCH + EPS) w.newPage();
  w.y = first * PITCH;
  w.rule(TOP + w.y, THICK);
  copies.forEach((line, i) => {
    if (i === 0) faces.draw(fonts.body, SIZE.si, label, LEFT + SIZE.si, w.textTop(SIZE.si));
    w.draw(line, LEFT + SIZE.si + labelWidth, w.textTop(SIZE.si), SIZE.si, 0);
    w.y += PITCH;
  });
  if (copies.length) w.rule(TOP + w.y, THIN);
  faces.draw(fonts.body, SIZE.si, c.imprintOrg, LEFT + SIZE.si, w.textTop(SIZE.si));
  const dateWidth = faces.width(fonts.body, SIZE.si, c.imprintDate);
  faces.draw(fonts.body, SIZE.si, c.imprintDate, LEFT + WIDTH - SIZE.si - dateWidth, w.textTop(SIZE.si));
  w.y += PITCH;
  w.rule(TOP + w.y, THICK);
  w.footer();
  doc.end();
  return done;
}
