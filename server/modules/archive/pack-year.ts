import {
  CLASSIFICATION,
  DOCUMENT_KIND,
  formatArchiveCode,
  RETENTION_LABELS,
  retentionFor,
  type ItemMetadata,
  type RetentionPeriod,
} from '../../../core/archive.js';
import { AppError } from '../../../core/errors.js';
import { normalizeContent } from '../../../core/minutes.js';
import { formatMinutesNumber, type RegimeSettings } from '../../../core/settings.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { factsXml, renderRecordPdf } from '../../documents/archive/item-documents.js';
import { buildPackage, sha256, type BuiltPackage, type PackageItem } from '../../documents/archive/package.js';
import { correctionSuffix } from '../../documents/archive/verify-package.js';
import { sanitiseFilename } from '../../platform/storage/file-type.js';
import type { BlobStore } from '../../platform/storage/blob-store.js';
import type { ItemFacts } from './gather-year.js';

/** The archival format of minutes and records: PDF/A-2b (fonts embedded, sRGB output intent, XMP). */
const PDF_A = 'PDF/A-2b' as const;

export interface PackedItem {
  facts: ItemFacts;
  seq: number;
  code: string;
  period: RetentionPeriod;
  metadata: ItemMetadata;
  current: ItemFacts['versions'][number];
}

export interface Packed {
  built: BuiltPackage;
  items: PackedItem[];
}

/** Pages of a PDF pdfkit wrote: its page objects (the check reads them again through pdfjs). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function readBlob(blobs: BlobStore, sha: string): Promise<Buffer | null> {
  const stream = await blobs.open(sha);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Packs a division-year (R5.7): for each item its 档号 and retention from the unit's settings,
 * every version of the minutes and the record rendered as PDF/A, the facts as XML, the materials
 * read from the blob store (each checked against the SHA-256 it is stored under: a missing or
 * changed file stops the archiving, 409 ARCHIVE_NOT_READY naming it), then the ZIP and its manifest.
 */
export async function packYear(input: {
  blobs: BlobStore;
  regime: RegimeSettings;
  unitName: string;
  divisionName: string;
  divisionCode: string;
  year: number;
  archivedBy: string;
  archivedAt: string;
  items: readonly ItemFacts[];
  /** The unit's numbering patterns before the current one (R5.6): an item numbered under one names it. */
  pastNumberingPatterns?: readonly string[];
}): Promise<Packed> {
  const { regime } = input;
  // The pattern an item's number was made under, when the current one does not make it: one of
  // the unit's earlier patterns (a change during the year). None found: the header's, and the
  // check names the number that does not fit.
  const patternOf = (number: string, revision: number, n: number): string | undefined => {
    const made = (p: string) => formatMinutesNumber(p, input.year, n) + correctionSuffix(revision);
    if (made(regime.numberingPattern) === number) return undefined;
    return (input.pastNumberingPatterns ?? []).find((p) => p !== regime.numberingPattern && made(p) === number);
  };
  const packed: PackedItem[] = [];
  const specItems: PackageItem[] = [];
  const broken: Array<{ kind: 'material_broken' | 'seal_broken'; message: string; link: string | null }> = [];
  for (const [i, facts] of input.items.entries()) {
    const seq = i + 1;
    const period = retentionFor(regime, facts.categories);
    const code = formatArchiveCode(regime.archiveCodePattern, {
      fonds: regime.archiveFondsCode,
      year: input.year,
      period,
      divisionCode: input.divisionCode,
      seq,
    });
    const current = facts.versions.at(-1);
    const first = facts.versions[0];
    if (!current || !first) continue;
    for (const v of facts.versions)
      if (!v.sealOk)
        broken.push({
          kind: 'seal_broken',
          message: `纪要${v.number}的内容与封存哈希不一致，请联系监察室和系统管理员`,
          link: `/minutes/${v.id}`,
        });
    const files: PackageItem['files'] = [];
    let pages = 0;
    for (const v of facts.versions) {
      const content = normalizeContent(JSON.parse(v.content));
      const pdf = await renderMinutesPdf(content, v.number, input.divisionName, v.issuedAt);
      if (v === current) pages = pdfPageCount(pdf);
      files.push({
        path: `${code}/minutes-r${v.revision}.pdf`,
        role: 'minutes',
        format: PDF_A,
        label: v.revision === 0 ? '纪要' : `纪要（更正第 ${v.revision} 版）`,
        revision: v.revision,
        data: pdf,
      });
    }
    files.push({
      path: `${code}/record.pdf`,
      role: 'record',
      format: PDF_A,
      label: '会议记录（含出席情况）',
      data: await renderRecordPdf(facts.meeting, input.divisionName, PDF_A),
    });
    files.push({
      path: `${code}/facts.xml`,
      role: 'facts',
      format: 'XML',
      label: '出席、请假、分送签收和督办事项办理情况',
      data: Buffer.from(factsXml(facts.meeting, facts.receipts, facts.tracked), 'utf8'),
    });
    // The topics' materials, and a 补录's paper minutes, as stored: each held against its SHA-256.
    const originals = [
      ...facts.materials.map((m) => ({
        ...m,
        label: `${m.topicTitle}：${m.filename}`,
        what: `议题“${m.topicTitle}”的材料“${m.filename}”`,
      })),
      ...(facts.paperMinutes
        ? [
            {
              ...facts.paperMinutes,
              label: `纸质会议记录（补录）：${facts.paperMinutes.filename}`,
              what: `纸质会议记录“${facts.paperMinutes.filename}”`,
            },
          ]
        : []),
    ];
    for (const [k, m] of originals.entries()) {
      const data = await readBlob(input.blobs, m.sha256);
      if (!data || sha256(data) !== m.sha256) {
        broken.push({
          kind: 'material_broken',
          message: `${m.what}${data ? '与存储时的 SHA-256 不一致' : '的文件缺失'}`,
          link: null,
        });
        continue;
      }
      files.push({
        path: `${code}/materials/${k + 1}-${sanitiseFilename(m.filename).replaceAll('/', '_')}`,
        role: 'material',
        format: m.fileType.toUpperCase(),
        label: m.label,
        data,
      });
    }
    const content = normalizeContent(JSON.parse(current.content));
    const metadata: ItemMetadata = {
      档号: code,
      年度: String(input.year),
      保管期限: RETENTION_LABELS[period],
      题名: content.title,
      文件编号: current.number,
      责任者: `${input.unitName}${input.divisionName}`,
      日期: shanghaiDay(new Date(first.issuedAt)).replaceAll('-', ''),
      文种: DOCUMENT_KIND,
      密级: CLASSIFICATION,
      页数: String(pages),
    };
    specItems.push({
      seq,
      metadata,
      period,
      numberSeq: facts.numberSeq,
      numberingPattern: patternOf(current.number, current.revision, facts.numberSeq),
      meeting: { id: facts.meeting.id, title: facts.meeting.title, day: facts.meeting.day },
      revisions: facts.versions.map((v) => ({
        revision: v.revision,
        number: v.number,
        issuedAt: v.issuedAt,
        state: v === current ? '现行' : '已被更正',
        path: `${code}/minutes-r${v.revision}.pdf`,
      })),
      files,
    });
    packed.push({ facts, seq, code, period, metadata, current });
  }
  if (broken.length > 0)
    throw new AppError(
      'ARCHIVE_NOT_READY',
      `${broken[0]?.message ?? ''}${broken.length > 1 ? ` 等 ${broken.length} 处问题` : ''}，暂不能归档`,
      {
        blockers: broken,
      },
    );
  const built = buildPackage({
    header: {
      unitName: input.unitName,
      fonds: regime.archiveFondsCode,
      divisionName: input.divisionName,
      divisionCode: input.divisionCode,
      year: input.year,
      archivedBy: input.archivedBy,
      archivedAt: input.archivedAt,
      codePattern: regime.archiveCodePattern,
      numberingPattern: regime.numberingPattern,
      hashAlg: regime.archiveHashAlgorithm,
    },
    items: specItems,
  });
  return { built, items: packed };
}

async function renderMinutesPdf(
  content: ReturnType<typeof normalizeContent>,
  number: string,
  divisionName: string,
  issuedAt: string,
): Promise<Buffer> {
  // Loaded on first use, as the minutes routes do: the PDF engine stays out of an idle server.
  const { renderMinutesPdf: render } = await import('../../documents/minutes-pdf.js');
  return render({ content, number, divisionName, issuedAt, pdfA: PDF_A });
}
