import { shanghaiDay } from '../../core/shanghai-time.js';

/**
 * The figures of GB/T 9704-2012 for minutes (MINUTES-FORMAT.md), in the units
 * documents use. Twips are computed exactly (1 mm = 1440/25.4 twips), never by a
 * helper that rounds down.
 */
export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
export const ptToTwip = (pt: number): number => Math.round(pt * 20);

export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  topMm: 37,
  leftMm: 28,
  bodyWidthMm: 156,
  bodyHeightMm: 225,
  /** The page number's top edge sits 7 mm below the body area. */
  pageNumberGapMm: 7,
  linesPerPage: 22,
  charsPerLine: 28,
} as const;

export const RIGHT_MM = PAGE.widthMm - PAGE.leftMm - PAGE.bodyWidthMm; // 26
export const BOTTOM_MM = PAGE.heightMm - PAGE.topMm - PAGE.bodyHeightMm; // 35
/** 225 mm / 22 lines ≈ 28.9 pt. */
export const LINE_PITCH_PT = (PAGE.bodyHeightMm / PAGE.linesPerPage / 25.4) * 72;

/** Chinese type sizes (号) in points: 初号, 小初, 一号, 小一, 二号, 三号, 四号, 小四. */
export const SIZE = { chu: 42, xiaochu: 36, yi: 26, xiaoyi: 24, er: 22, san: 16, si: 14, xiaosi: 12 } as const;

/** The red of the 版头 (发文机关标志, separator line). */
export const RED = 'C00000';

/**
 * Width of text in characters of its size, as the government fonts set it:
 * ASCII and Latin half a character, everything from U+2000 on (CJK, full-width
 * forms, — “ ”) one.
 */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) < 0x2000 ? 0.5 : 1;
  return w;
}

/**
 * The size of the 发文机关标志 (GB/T 9704 §7.2.2: 醒目、美观、庄重, centred, not
 * wider than the body area): the largest of 初号, 小初, 一号, 小一 and 二号 at
 * which the mark fits the 156 mm line, else the size at which it just fits.
 */
export function markSizePt(mark: string): number {
  const widthPt = (PAGE.bodyWidthMm / 25.4) * 72;
  const em = Math.max(1, emWidth(mark));
  const fits = [SIZE.chu, SIZE.xiaochu, SIZE.yi, SIZE.xiaoyi, SIZE.er].find((s) => s * em <= widthPt);
  return fits ?? Math.floor((widthPt / em) * 2) / 2;
}

/** The fonts installed on government PCs (Simplified names). */
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
} as const;

/** "— 3 —": the page number between em-dashes. */
export const pageNumberText = (n: number): string => `— ${n} —`;

/**
 * The right half of the 版记's 印发 line (GB/T 9704 §7.5.4): the issue date in
 * Arabic numerals, the day in China Standard Time, followed by 印发 —
 * "2026年11月30日印发". A draft has no issue date yet: the date is left blank.
 */
export function imprintDateText(issuedAt: string | null | undefined): string {
  if (!issuedAt) return '　　　　年　　月　　日印发';
  const [y, mo, d] = shanghaiDay(new Date(issuedAt)).split('-').map(Number);
  return `${y}年${mo}月${d}日印发`;
}
