import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Fonts the PDF embeds (subsetted), in the roles of the government fonts the
 * Word document names (layout.ts `FONT`): a FangSong face for the body (仿宋_GB2312),
 * a Song face for the mark (方正小标宋简体), a Hei face for the labels and the 一、
 * headings (黑体), and a complete CJK face that any character the others lack
 * falls back to, one character at a time, so that no character renders as a box.
 *
 * The open faces come from Debian packages that .ci/run and the README install:
 * FandolFang / FandolSong / FandolHei (texlive-lang-chinese, GB2312 coverage) and
 * AR PL SungtiL GB (fonts-arphic-gbsn00lp, a dependency of it). The complete face
 * is Noto Sans SC, which `npm install` itself provides (OFL, @embedpdf/fonts-sc):
 * on a machine without the Debian fonts the whole PDF is set in it, with a warning.
 */
export interface PdfFonts {
  /** 正文: FangSong. */
  body: string;
  /** 标志 (the minutes mark): Song. */
  title: string;
  /** 出席：请假：列席：记录： and the 一、 headings: Hei. */
  bold: string;
  /** Complete CJK face for characters the others lack (rare names). */
  fallback: string;
  /** `fandol`: the body is FangSong; `song`: no FangSong, the body is set in Song; `npm`: Noto Sans SC only. */
  source: 'fandol' | 'song' | 'npm';
}

export const FANDOL_DIR = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol';
const ARPHIC_SUNG = '/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf';

/** Candidates per role, best first (Debian paths). */
export const FONT_CANDIDATES = {
  fangsong: [join(FANDOL_DIR, 'FandolFang-Regular.otf')],
  song: [join(FANDOL_DIR, 'FandolSong-Bold.otf'), join(FANDOL_DIR, 'FandolSong-Regular.otf'), ARPHIC_SUNG],
  hei: [join(FANDOL_DIR, 'FandolHei-Regular.otf'), join(FANDOL_DIR, 'FandolHei-Bold.otf')],
} as const;

/**
 * 楷体 (the （一） headings of the inspection report): FandolKai, from the same
 * package as the FangSong body. Not a role of `PdfFonts`, so that the minutes'
 * fonts stay as they are.
 */
export const KAI_CANDIDATES = [join(FANDOL_DIR, 'FandolKai-Regular.otf')] as const;

/** The Kai face to set with `fonts`: FandolKai beside the Fandol faces, else the body face. */
export function pickKaiFont(fonts: PdfFonts, exists: (path: string) => boolean = existsSync): string {
  if (fonts.source !== 'fandol') return fonts.body;
  return KAI_CANDIDATES.find((p) => exists(p)) ?? fonts.body;
}

/** What to install for the official faces (the warning names it). */
export const FONT_PACKAGES = 'apt-get install --no-install-recommends texlive-lang-chinese';

export function npmFonts(): PdfFonts {
  const require = createRequire(import.meta.url);
  // The package exports only its code (dist/); the fonts sit beside it in fonts/.
  const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const regular = join(dir, 'NotoSansHans-Regular.otf');
  const bold = join(dir, 'NotoSansHans-Bold.otf');
  return { body: regular, title: bold, bold, fallback: regular, source: 'npm' };
}

/**
 * The fonts found among `candidates` (existing files, best first), else Noto Sans
 * SC for the missing roles. `warn` is told once per process when the body is not
 * FangSong.
 */
export function pickPdfFonts(
  exists: (path: string) => boolean = existsSync,
  candidates: { fangsong: readonly string[]; song: readonly string[]; hei: readonly string[] } = FONT_CANDIDATES,
): PdfFonts {
  const npm = npmFonts();
  const first = (paths: readonly string[]) => paths.find((p) => exists(p));
  const fang = first(candidates.fangsong);
  const song = first(candidates.song);
  const hei = first(candidates.hei);
  return {
    body: fang ?? song ?? npm.body,
    title: song ?? npm.title,
    bold: hei ?? npm.bold,
    fallback: npm.fallback,
    source: fang ? 'fandol' : song ? 'song' : 'npm',
  };
}

let resolved: PdfFonts | undefined;
let warned = false;

/** The fonts of this machine (looked up once per process). */
export function resolvePdfFonts(): PdfFonts {
  if (!resolved) {
    resolved = pickPdfFonts();
    if (resolved.source !== 'fandol' && !warned) {
      warned = true;
      const instead = resolved.source === 'song' ? '宋体' : '黑体';
      console.warn(`未安装仿宋字体，纪要 PDF 正文以${instead}代替：请安装仿宋字体（${FONT_PACKAGES}）`);
    }
  }
  return resolved;
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
  hasGlyphForCodePoint(codePoint: number): boolean;
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
    if (
      typeof wrapped?.layout !== 'function' ||
      typeof wrapped.createSubset !== 'function' ||
      typeof wrapped.hasGlyphForCodePoint !== 'function'
    )
      throw new Error(`pdfkit did not parse ${path} with fontkit: its internals changed (written for pdfkit 0.20)`);
    font = wrapped as ParsedFont;
    parsed.set(path, font);
  }
  return font;
}
