import {
  AlignmentType,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type Document,
  type IRunOptions,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';
import { coreProperties, fixZipTimes } from './reproducible.js';
import { BOTTOM_MM, FONT, LINE_PITCH_PT, PAGE, RIGHT_MM, SIZE, mmToTwip, ptToTwip } from './layout.js';

/**
 * What the Word renderers share (minutes, inspection report): runs in the
 * government fonts, the GB/T 9704 page and line grid in exact twips, the page
 * number footers and the reproducible packing of a document of record.
 */

export const halfPoints = (pt: number) => pt * 2;
/** One line of the 22-line grid: exactly ≈ 28.9 pt. */
export const LINE = { line: ptToTwip(LINE_PITCH_PT), lineRule: LineRuleType.EXACT };
/** Two characters of 3号: the first-line indent of a paragraph. */
export const INDENT_2 = ptToTwip(SIZE.san * 2);

export function run(
  text: string,
  font: string = FONT.body,
  sizePt: number = SIZE.san,
  extra: Partial<IRunOptions> = {},
): TextRun {
  return new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size: halfPoints(sizePt), ...extra });
}

/** "— N —" in 4号, one character in from the right (odd pages) or the left (even pages). */
export function pageNumberFooter(align: 'right' | 'left'): Footer {
  const oneChar = ptToTwip(SIZE.si);
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: oneChar } : { left: oneChar },
        children: [
          run('— ', FONT.body, SIZE.si),
          new TextRun({ children: [PageNumber.CURRENT], font: FONT.body, size: halfPoints(SIZE.si) }),
          run(' —', FONT.body, SIZE.si),
        ],
      }),
    ],
  });
}

/** The default run: 3号 仿宋. */
export const GB_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: { eastAsia: FONT.body, ascii: FONT.body, hAnsi: FONT.body }, size: halfPoints(SIZE.san) },
    },
  },
};

/**
 * A section on the GB/T 9704 page: A4, top 37 mm, left 28 mm, right 26 mm,
 * bottom 35 mm, a grid of 22 lines, page numbers 7 mm below the body area, odd
 * pages right and even pages left (the document sets `evenAndOddHeaderAndFooters`).
 */
export function gbSection(children: ISectionOptions['children']): ISectionOptions {
  const footerFromBottom = BOTTOM_MM - PAGE.pageNumberGapMm - (SIZE.si / 72) * 25.4;
  return {
    properties: {
      page: {
        size: { width: mmToTwip(PAGE.widthMm), height: mmToTwip(PAGE.heightMm) },
        margin: {
          top: mmToTwip(PAGE.topMm),
          left: mmToTwip(PAGE.leftMm),
          right: mmToTwip(RIGHT_MM),
          bottom: mmToTwip(BOTTOM_MM),
          footer: mmToTwip(footerFromBottom),
          header: mmToTwip(15),
        },
      },
      grid: { linePitch: ptToTwip(LINE_PITCH_PT), type: DocumentGridType.LINES },
    },
    footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
    children,
  };
}

/**
 * The document as a .docx. With `at` (a document of record), the core
 * properties and every zip entry carry that instant, so the same document is
 * the same bytes on every render (reproducible.ts).
 */
export async function packDocx(document: Document, title: string, at: Date | null): Promise<Buffer> {
  if (!at) return Packer.toBuffer(document);
  const buf = await Packer.toBuffer(document, false, [
    { path: 'docProps/core.xml', data: coreProperties(title, 'jiyao', at) },
  ]);
  return fixZipTimes(buf, at);
}
