import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
