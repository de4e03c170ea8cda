import { AlignmentType, Document, LineRuleType, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import { sectionParagraphs, type MinutesContent } from '../../core/minutes.js';
import { FONT, LINE_PITCH_PT, PAGE, SIZE, imprintDateText, mmToTwip, ptToTwip } from './layout.js';
import { GB_STYLES, INDENT_2, LINE, gbSection, halfPoints, packDocx, run } from './docx-parts.js';

export interface MinutesDocument {
  content: MinutesContent;
  number: string | null;
  /** The issuing division (版记's 印发 line). */
  divisionName: string;
  /** Issued minutes: the document's dates, so every download is the same bytes. */
  issuedAt?: string | null;
}

function body(text: string): Paragraph {
  return new Paragraph({
    spacing: LINE,
    indent: { firstLine: INDENT_2 },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text)],
  });
}

/** 「出席：」 blocks: label in 黑体, names in 仿宋, wrapped lines aligned after the colon. */
function block(label: string, names: string[]): Paragraph {
  const labelWidth = ptToTwip(SIZE.san * [...label].length);
  return new Paragraph({
    spacing: LINE,
    indent: { left: INDENT_2 + labelWidth, hanging: labelWidth },
    children: [run(label, FONT.heading1), run(names.join('、'))],
  });
}

/**
 * Minutes as a Word document in the GB/T 9704 layout: A4, top 37 mm, left 28 mm,
 * body 156 × 225 mm, 22 lines of ≈ 28.9 pt, 3号仿宋 body, 一、 in 黑体, the mark
 * in red 小标宋, page numbers "— N —" in 4号, odd pages right and even pages left.
 */
export async function renderMinutesDocx(doc: MinutesDocument): Promise<Buffer> {
  const c = doc.content;
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: mmToTwip(35), after: 0, line: ptToTwip(SIZE.er * 1.5), lineRule: LineRuleType.EXACT },
      children: [run(c.title, FONT.title, SIZE.er, { color: 'C00000' })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...LINE, after: ptToTwip(LINE_PITCH_PT) },
      children: [run(doc.number ?? '〔　　〕　号')],
    }),
    body(c.opening),
  ];
  for (const s of c.sections) {
    children.push(
      new Paragraph({ spacing: LINE, indent: { firstLine: INDENT_2 }, children: [run(s.heading, FONT.heading1)] }),
    );
    for (const line of sectionParagraphs(s)) children.push(body(line));
  }
  if (c.closing.trim()) children.push(body(c.closing));
  children.push(new Paragraph({ spacing: LINE, children: [] }));
  children.push(block('出席：', c.present));
  if (c.leave.length) children.push(block('请假：', c.leave));
  if (c.observers.length) children.push(block('列席：', c.observers));
  children.push(block('记录：', [c.recorder]));
  // 版记 (GB/T 9704 §10.3, 7.5): the 分送 line, then the 印发 line — issuing
  // division left, issue date right, each one character in — between the rules.
  // Both paragraphs carry the same borders, so Word and LibreOffice draw them as
  // one group: a rule above, a thinner one between them and a rule below.
  const imprintBorder = {
    top: { style: 'single', size: 6, color: '000000', space: 1 },
    between: { style: 'single', size: 4, color: '000000', space: 1 },
    bottom: { style: 'single', size: 6, color: '000000', space: 1 },
  } as const;
  const imprintIndent = { left: ptToTwip(SIZE.si), right: ptToTwip(SIZE.si) };
  children.push(
    new Paragraph({
      spacing: { before: ptToTwip(LINE_PITCH_PT), line: ptToTwip(LINE_PITCH_PT), lineRule: LineRuleType.EXACT },
      indent: imprintIndent,
      border: imprintBorder,
      children: [run(c.distribution, FONT.body, SIZE.si)],
    }),
    new Paragraph({
      spacing: LINE,
      indent: imprintIndent,
      border: imprintBorder,
      tabStops: [{ type: TabStopType.RIGHT, position: mmToTwip(PAGE.bodyWidthMm) - 2 * ptToTwip(SIZE.si) }],
      children: [
        run(doc.divisionName, FONT.body, SIZE.si),
        new TextRun({
          children: [new Tab(), imprintDateText(doc.issuedAt)],
          font: { eastAsia: FONT.body, ascii: FONT.body, hAnsi: FONT.body },
          size: halfPoints(SIZE.si),
        }),
      ],
    }),
  );
  const document = new Document({
    creator: 'jiyao',
    title: c.title,
    evenAndOddHeaderAndFooters: true,
    styles: GB_STYLES,
    sections: [gbSection(children)],
  });
  return packDocx(document, c.title, doc.issuedAt ? new Date(doc.issuedAt) : null);
}
