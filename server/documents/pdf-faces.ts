import type PDFDocument from 'pdfkit';
import { LINE_PITCH_PT, PAGE, SIZE } from './layout.js';
import { parsedFont, type PdfFonts } from './fonts.js';

/**
 * What the PDF renderers share (minutes, inspection report): the GB/T 9704 body
 * area in points, the character pitch, the fonts of one document with their
 * per-character fallback, and line breaking.
 */
export const MM = 72 / 25.4;
export const TOP = PAGE.topMm * MM;
export const LEFT = PAGE.leftMm * MM;
export const WIDTH = PAGE.bodyWidthMm * MM;
export const HEIGHT = PAGE.bodyHeightMm * MM;
export const PITCH = LINE_PITCH_PT;
/** 28 characters of 3号 fill the 156 mm line: a slightly tight character pitch. */
export const CHAR_SPACING = WIDTH / PAGE.charsPerLine - SIZE.san;

export type Doc = InstanceType<typeof PDFDocument>;

/** Punctuation that may not begin a line (避头): it hangs at the end of the previous one. */
export const NO_LINE_START = new Set([...'，。、；：？！）」』】〕》”’.,;:?!)']);

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
