import PDFDocument from 'pdfkit';
import { pdfOptions, type PdfAConformance } from './minutes-pdf.js';
import { Faces, wrap } from './pdf-faces.js';
import { resolvePdfFonts, type PdfFonts } from './fonts.js';

const MM = 72 / 25.4;
const LEFT = 25 * MM;
const TOP = 25 * MM;
const WIDTH = 160 * MM;
const BOTTOM = 272 * MM;

export interface FlowOptions {
  title: string;
  /** The document's date (its Info and XMP dates): fixed, so the same input gives the same bytes. */
  at: Date;
  pdfA?: PdfAConformance;
  fonts?: PdfFonts;
}

type Font = 'body' | 'bold' | 'title';

/**
 * A plain flowing A4 document — title, headings, paragraphs, labelled lines, page numbers —
 * in the fonts of the minutes, for what goes beside them into an archive package (the meeting
 * record) and for the 四性检测 report. Not GB/T 9704: these are not official documents.
 */
export class FlowPdf {
  private readonly doc: InstanceType<typeof PDFDocument>;
  private readonly faces: Faces;
  private readonly fonts: PdfFonts;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private y = TOP;
  private page = 1;

  constructor(opts: FlowOptions) {
    this.fonts = opts.fonts ?? resolvePdfFonts();
    this.doc = new PDFDocument(pdfOptions(opts.title, opts.at, opts.pdfA));
    this.faces = new Faces(this.doc, this.fonts);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve) => this.doc.on('end', () => resolve(Buffer.concat(this.chunks))));
  }

  private path(font: Font): string {
    return this.fonts[font];
  }

  private footer(): void {
    const text = `— ${this.page} —`;
    const w = this.faces.width(this.fonts.body, 10, text);
    this.faces.draw(this.fonts.body, 10, text, LEFT + (WIDTH - w) / 2, BOTTOM + 8 * MM);
  }

  private room(height: number): void {
    if (this.y + height <= BOTTOM) return;
    this.footer();
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.page += 1;
    this.y = TOP;
  }

  /** The document's title, centred. */
  title(text: string, size = 20): this {
    const lines = wrap(this.faces, this.path('title'), text, WIDTH, 0, size, 0);
    for (const line of lines) {
      this.room(size * 1.6);
      const w = this.faces.width(this.path('title'), size, line);
      this.faces.draw(this.path('title'), size, line, LEFT + (WIDTH - w) / 2, this.y);
      this.y += size * 1.6;
    }
    this.y += size * 0.4;
    return this;
  }

  /** A heading in the Hei face. */
  heading(text: string, size = 14): this {
    this.y += size * 0.4;
    return this.paragraph(text, { font: 'bold', size, indentChars: 0 });
  }

  /** A paragraph, wrapped; the first line indented `indentChars` characters (2 by default). */
  paragraph(
    text: string,
    opts: { font?: Font; size?: number; indentChars?: number; hangChars?: number; color?: string } = {},
  ): this {
    const size = opts.size ?? 12;
    const pitch = size * 1.55;
    const font = this.path(opts.font ?? 'body');
    const indent = (opts.indentChars ?? 2) * size;
    const hang = (opts.hangChars ?? 0) * size;
    for (const [i, line] of wrap(this.faces, font, text, WIDTH - hang, indent - hang, size, 0).entries()) {
      this.room(pitch);
      this.faces.draw(font, size, line, LEFT + (i === 0 ? indent : hang), this.y, 0, opts.color);
      this.y += pitch;
    }
    return this;
  }

  /** "标签：内容", the label in Hei, the text wrapped after it. */
  labelled(label: string, text: string, size = 12): this {
    const pitch = size * 1.55;
    const at = this.faces.width(this.path('bold'), size, `${label}：`);
    const lines = wrap(this.faces, this.path('body'), text || '—', WIDTH - at, 0, size, 0);
    for (const [i, line] of lines.entries()) {
      this.room(pitch);
      if (i === 0) this.faces.draw(this.path('bold'), size, `${label}：`, LEFT, this.y);
      this.faces.draw(this.path('body'), size, line, LEFT + at, this.y);
      this.y += pitch;
    }
    return this;
  }

  gap(points = 6): this {
    this.y += points;
    return this;
  }

  async end(): Promise<Buffer> {
    this.footer();
    this.doc.end();
    return this.done;
  }
}
