import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  LineRuleType,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { FONT, LINE_PITCH_PT, PAGE, RED, SIZE, emWidth, markSizePt, mmToTwip, ptToTwip } from './layout.js';
import { GB_STYLES, INDENT_2, LINE, gbSection, halfPoints, packDocx, run } from './docx-parts.js';
import {
  documentInstant,
  reportContent,
  signaturePlacement,
  type Face,
  type InspectionReportModel,
  type ReportBlock,
} from './inspection-report-content.js';

const FACE_FONT: Record<Face, string> = { body: FONT.body, hei: FONT.heading1, kai: FONT.heading2 };
const PITCH = ptToTwip(LINE_PITCH_PT);
const BODY_WIDTH = mmToTwip(PAGE.bodyWidthMm);
const CHAR = ptToTwip(SIZE.san);
/** Table text: 小四 on lines of 18 pt, a row at least one grid line high. */
const TABLE_SIZE = SIZE.xiaosi;
const TABLE_LINE = { line: ptToTwip(18), lineRule: LineRuleType.EXACT };
const CELL_SIDE = mmToTwip(1);
/**
 * No extra space between Chinese and digits (Word's 自动调整中文与数字的间距,
 * on by default): lines then hold what the PDF's hold, and a date fits its cell.
 */
const NO_AUTOSPACE = { autoSpaceEastAsianText: false } as const;

function paragraph(block: Extract<ReportBlock, { kind: 'paragraph' }>): Paragraph {
  return new Paragraph({
    ...NO_AUTOSPACE,
    spacing: LINE,
    indent: { firstLine: INDENT_2 },
    alignment: AlignmentType.JUSTIFIED,
    ...(block.keepNext ? { keepNext: true } : {}),
    children: block.segments.map((s) => run(s.text, FACE_FONT[s.face])),
  });
}

function cell(text: string, widthTwip: number, align: 'center' | 'left', header: boolean): TableCell {
  return new TableCell({
    width: { size: widthTwip, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: CELL_SIDE, right: CELL_SIDE, top: 0, bottom: 0 },
    children: [
      new Paragraph({
        ...NO_AUTOSPACE,
        spacing: TABLE_LINE,
        alignment: header || align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, header ? FONT.heading1 : FONT.body, TABLE_SIZE)],
      }),
    ],
  });
}

/** The caption (表1 …) in 4号黑体, centred, kept with the table; the header row repeats on every page. */
function table(block: Extract<ReportBlock, { kind: 'table' }>): (Paragraph | Table)[] {
  const widths = block.columns.map((c) => mmToTwip(c.widthMm));
  const rowOptions = { cantSplit: true, height: { value: PITCH, rule: HeightRule.ATLEAST } };
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return [
    new Paragraph({
      ...NO_AUTOSPACE,
      spacing: LINE,
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [run(block.caption, FONT.heading1, SIZE.si)],
    }),
    new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
      rows: [
        new TableRow({
          ...rowOptions,
          tableHeader: true,
          children: block.columns.map((c, i) => cell(c.header, widths[i] ?? 0, 'center', true)),
        }),
        ...block.rows.map(
          (r) =>
            new TableRow({
              ...rowOptions,
              children: block.columns.map((c, i) => cell(r[i] ?? '', widths[i] ?? 0, c.align, false)),
            }),
        ),
      ],
    }),
  ];
}

/**
 * 版记 (GB/T 9704 §7.5) as a one-column table as wide as the body area: 抄送
 * (wrapped lines aligned after the colon) and 印发 (the office left, the date
 * right) in 4号仿宋 one character in from either side, a thick rule (0.35 mm)
 * above and below and a thin one (0.25 mm) between, no rules at the sides.
 */
function imprint(copies: string | null, org: string, date: string): Table {
  const oneChar = ptToTwip(SIZE.si);
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const noLine = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const row = (paragraph: Paragraph, last: boolean) =>
    new TableRow({
      cantSplit: true,
      ...(last ? {} : { keepNext: true }),
      height: { value: PITCH, rule: HeightRule.ATLEAST },
      children: [
        new TableCell({
          width: { size: BODY_WIDTH, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          margins: { left: oneChar, right: oneChar, top: 0, bottom: 0 },
          children: [paragraph],
        }),
      ],
    });
  const label = ptToTwip(SIZE.si * 3); // 抄送：
  const rows = copies
    ? [
        row(
          new Paragraph({
            ...NO_AUTOSPACE,
            spacing: LINE,
            indent: { left: label, hanging: label },
            children: [run(copies, FONT.body, SIZE.si)],
          }),
          false,
        ),
      ]
    : [];
  rows.push(
    row(
      new Paragraph({
        ...NO_AUTOSPACE,
        spacing: LINE,
        tabStops: [{ type: TabStopType.RIGHT, position: BODY_WIDTH - 2 * oneChar }],
        children: [
          run(org, FONT.body, SIZE.si),
          new TextRun({
            children: [new Tab(), date],
            font: { eastAsia: FONT.body, ascii: FONT.body, hAnsi: FONT.body },
            size: halfPoints(SIZE.si),
          }),
        ],
      }),
      true,
    ),
  );
  return new Table({
    width: { size: BODY_WIDTH, type: WidthType.DXA },
    columnWidths: [BODY_WIDTH],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {
      top: thick,
      bottom: thick,
      insideHorizontal: thin,
      left: noLine,
      right: noLine,
      insideVertical: noLine,
    },
    rows,
  });
}

/**
 * The inspection report (监督检查情况通报) as a Word document in the GB/T 9704
 * layout of the minutes (A4, 37/28/26/35 mm, 22 lines of ≈ 28.9 pt, page numbers
 * "— N —"): the 版头 — the red 发文机关标志 35 mm into the body area, the 发文字号
 * two lines below it and the red separator line under it —, the title in 2号小标宋
 * two lines below, 主送, the body in 3号仿宋 (一、 黑体, （一） 楷体), the tables in
 * 小四, the signature and 成文日期 (§7.3.5.2, no seal), and the 版记 (抄送, 印发)
 * between its rules. The document's dates are the 成文日期, so the same report is
 * the same bytes.
 */
export async function renderInspectionReportDocx(m: InspectionReportModel): Promise<Buffer> {
  const c = reportContent(m);
  const markSize = markSizePt(c.mark);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      ...NO_AUTOSPACE,
      alignment: AlignmentType.CENTER,
      spacing: { before: mmToTwip(35), after: 0, line: ptToTwip(markSize * 1.2), lineRule: LineRuleType.EXACT },
      children: [run(c.mark, FONT.title, markSize, { color: RED })],
    }),
    new Paragraph({
      ...NO_AUTOSPACE,
      spacing: LINE,
      children: [],
    }),
    new Paragraph({
      ...NO_AUTOSPACE,
      spacing: LINE,
      children: [],
    }),
    // The red separator line 4 mm under the 发文字号, as wide as the body area.
    new Paragraph({
      ...NO_AUTOSPACE,
      alignment: AlignmentType.CENTER,
      spacing: LINE,
      border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: RED, space: 4 } },
      children: [run(c.docNumber)],
    }),
    new Paragraph({
      ...NO_AUTOSPACE,
      alignment: AlignmentType.CENTER,
      spacing: { ...LINE, before: 2 * PITCH },
      children: c.titleLines.map((line, i) => run(line, FONT.title, SIZE.er, i ? { break: 1 } : {})),
    }),
    new Paragraph({
      ...NO_AUTOSPACE,
      spacing: { ...LINE, before: PITCH },
      children: [run(c.addressees)],
    }),
  ];
  for (const b of c.blocks) {
    if (b.kind === 'paragraph') children.push(paragraph(b));
    else children.push(...table(b));
  }
  // Signature and date (GB/T 9704 §7.3.5.2): one line below the text, the signature
  // two characters in from the right, the date under it starting two characters to
  // its right — or, when the date is the longer, the date two characters in from the
  // right and the signature two characters to its left.
  const sigWidth = emWidth(c.signature) * CHAR;
  const dateWidth = emWidth(c.date) * CHAR;
  const { sigStart, dateStart } = signaturePlacement(BODY_WIDTH, CHAR, sigWidth, dateWidth);
  children.push(
    new Paragraph({
      ...NO_AUTOSPACE,
      spacing: { ...LINE, before: PITCH },
      indent: { left: sigStart },
      keepNext: true,
      children: [run(c.signature)],
    }),
    new Paragraph({
      ...NO_AUTOSPACE,
      spacing: LINE,
      indent: { left: dateStart },
      children: [run(c.date)],
    }),
  );
  children.push(
    new Paragraph({
      ...NO_AUTOSPACE,
      spacing: LINE,
      children: [],
    }),
    imprint(c.copies, c.imprintOrg, c.imprintDate),
  );
  const document = new Document({
    creator: 'jiyao',
    title: c.title,
    evenAndOddHeaderAndFooters: true,
    styles: GB_STYLES,
    sections: [gbSection(children)],
  });
  return packDocx(document, c.title, documentInstant(m.issuedOn));
}
