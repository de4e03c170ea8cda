import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Fonts the PDF embeds (subsetted). A FangSong face for the body where the machine
 * has one (FandolFang, Debian texlive-lang-chinese); otherwise the complete CJK
 * face that `npm install` itself provides (Noto Sans SC, OFL, @embedpdf/fonts-sc),
 * so a fresh machine without any font package still prints every character.
 */
export interface PdfFonts {
  body: string;
  bold: string;
  source: 'fandol' | 'npm';
}

const FANDOL = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol';

export function npmFonts(): PdfFonts {
  const require = createRequire(import.meta.url);
  // The package exports only its code (dist/); the fonts sit beside it in fonts/.
  const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return { body: join(dir, 'NotoSansHans-Regular.otf'), bold: join(dir, 'NotoSansHans-Bold.otf'), source: 'npm' };
}

export function resolvePdfFonts(): PdfFonts {
  const fang = join(FANDOL, 'FandolFang-Regular.otf');
  const hei = join(FANDOL, 'FandolHei-Bold.otf');
  if (existsSync(fang) && existsSync(hei)) return { body: fang, bold: hei, source: 'fandol' };
  return npmFonts();
}

/**
 * A font file parsed by fontkit (pdfkit's font engine), kept for the life of the
 * process. pdfkit's `registerFont`/`font` accept it in place of a path or Buffer
 * (pdfkit 0.20 `PDFFontFactory.open`: any object with a `layout` function), and
 * then neither read the 8 MB file again nor parse it again: fontkit parses tables,
 * the CFF INDEXes (one FD of Noto Sans SC has 22 293 local subroutines) and each
 * glyph's charstring lazily and keeps them on the font object. Each document still
 * makes its own subset (`createSubset()`), so sharing the parsed font changes no
 * byte of the output. Rendering is synchronous up to `doc.end()`, so two renders
 * never interleave on one font.
 */
export interface ParsedFont {
  layout(text: string): unknown;
  createSubset(): unknown;
}

const parsed = new Map<string, ParsedFont>();

/**
 * The parsed font for `path`, read and parsed on first use. fontkit is a
 * dependency of pdfkit, not of this project, so the font is parsed by pdfkit
 * itself (`doc.font(buffer)`), and taken from the font object it wraps.
 */
export function parsedFont(path: string): ParsedFont {
  let font = parsed.get(path);
  if (!font) {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(readFileSync(path));
    const wrapped = (doc as unknown as { _font?: { font?: Partial<ParsedFont> } })._font?.font;
    if (typeof wrapped?.layout !== 'function' || typeof wrapped.createSubset !== 'function')
      throw new Error(`pdfkit did not parse ${path} with fontkit: its internals changed (written for pdfkit 0.20)`);
    font = wrapped as ParsedFont;
    parsed.set(path, font);
  }
  return font;
}
