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

/** Chinese type sizes (号) in points. */
export const SIZE = { er: 22, san: 16, si: 14 } as const;

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
