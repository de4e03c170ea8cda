import { createHash } from 'node:crypto';
import { METADATA_FIELDS, type FileRole, type ItemMetadata, type RetentionPeriod } from '../../../core/archive.js';
import { digestOf, HASH_ALG_NAMES, type PackageHashAlg } from './sm3.js';
import { child, childrenNamed, el, leaf, parseXml, textOf, writeXml, type XmlElement } from './xml.js';
import { writeZip } from './zip.js';

/**
 * The archive package (归档信息包) of one division-year: a ZIP whose first entry,
 * `manifest.xml`, binds each item's DA/T 46 metadata to its files by path, size and digest
 * (SHA-256, or SM3 when the unit chose it); then one folder per item named by its 档号 with
 * the minutes of every revision and the record as PDF/A, the facts (attendance, distribution
 * receipts, tracked items' outcomes) as XML, and the topics' materials in their original
 * formats. The manifest is all the offline check needs: no database, no configuration.
 */

export const MANIFEST_NAME = 'manifest.xml';
export const MANIFEST_NS = 'urn:jiyao:archive:1';
export const PACKAGE_VERSION = '1';

export interface PackageFile {
  /** Path inside the ZIP (the item's folder, then the file's name). */
  path: string;
  role: FileRole;
  /** `PDF/A-2b`, `XML`, or the material's format (PDF, DOCX, …). */
  format: string;
  /** What the file is, in Chinese (the topic's title for a material). */
  label: string;
  /** Minutes: the revision this file is. */
  revision?: number;
  data: Buffer;
}

export interface PackageRevision {
  revision: number;
  number: string;
  issuedAt: string;
  /** 现行 (the version in force) or 已被更正 (superseded). */
  state: '现行' | '已被更正';
  path: string;
}

export interface PackageItem {
  seq: number;
  metadata: ItemMetadata;
  period: RetentionPeriod;
  /** The n of the minutes' number in its year (〔2026〕n号): the numbering check reads it. */
  numberSeq: number;
  /**
   * The numbering pattern the minutes was numbered under, when not the header's (the pattern
   * was changed during the year): the check formats this item's number with it.
   */
  numberingPattern?: string | undefined;
  meeting: { id: string; title: string; day: string };
  revisions: PackageRevision[];
  files: PackageFile[];
}

export interface PackageHeader {
  unitName: string;
  fonds: string;
  divisionName: string;
  divisionCode: string;
  year: number;
  archivedBy: string;
  archivedAt: string;
  codePattern: string;
  numberingPattern: string;
  hashAlg: PackageHashAlg;
}

export interface PackageSpec {
  header: PackageHeader;
  items: PackageItem[];
}

export interface BuiltFile {
  path: string;
  role: FileRole | 'manifest';
  itemSeq: number | null;
  size: number;
  digest: string;
  sha256: string;
}

export interface BuiltPackage {
  zip: Buffer;
  sha256: string;
  manifestDigest: string;
  files: BuiltFile[];
}

const ALG_BY_NAME: Record<string, PackageHashAlg> = { 'SHA-256': 'sha256', SM3: 'sm3' };

/** The manifest of a package, as XML text. */
export function manifestXml(spec: PackageSpec): string {
  const h = spec.header;
  const alg = HASH_ALG_NAMES[h.hashAlg];
  const root = el(
    '归档信息包',
    { xmlns: MANIFEST_NS, 版本: PACKAGE_VERSION },
    leaf('说明', '处务会纪要年度归档信息包：元数据依 DA/T 46，四性检测依 DA/T 70；文件摘要见各“文件”的“摘要”属性。'),
    el(
      '归档信息',
      {},
      leaf('立档单位', h.unitName),
      leaf('全宗号', h.fonds),
      leaf('处室', h.divisionName),
      leaf('处室代码', h.divisionCode),
      leaf('年度', h.year),
      leaf('归档人', h.archivedBy),
      leaf('归档时间', h.archivedAt),
      leaf('档号规则', h.codePattern),
      leaf('编号规则', h.numberingPattern),
      leaf('摘要算法', alg),
      leaf('件数', spec.items.length),
    ),
    el(
      '文件目录',
      {},
      ...spec.items.map((item) =>
        el(
          '件',
          { 件号: item.seq, 序号: item.numberSeq, 编号规则: item.numberingPattern },
          el('元数据', {}, ...METADATA_FIELDS.map((f) => leaf(f, item.metadata[f]))),
          el('会议', { 标识: item.meeting.id }, leaf('名称', item.meeting.title), leaf('日期', item.meeting.day)),
          el(
            '修订历史',
            {},
            ...item.revisions.map((r) =>
              el('版本', { 修订: r.revision, 文件编号: r.number, 印发时间: r.issuedAt, 状态: r.state, 路径: r.path }),
            ),
          ),
          ...item.files.map((f) =>
            el('文件', {
              路径: f.path,
              角色: f.role,
              格式: f.format,
              说明: f.label,
              修订: f.revision,
              大小: f.data.length,
              算法: alg,
              摘要: digestOf(h.hashAlg, f.data),
            }),
          ),
        ),
      ),
    ),
  );
  return writeXml(root);
}

/** Packs the spec: the manifest first, then every item's files in order. */
export function buildPackage(spec: PackageSpec): BuiltPackage {
  const manifest = Buffer.from(manifestXml(spec), 'utf8');
  const entries: Array<{ name: string; data: Buffer }> = [{ name: MANIFEST_NAME, data: manifest }];
  const files: BuiltFile[] = [
    {
      path: MANIFEST_NAME,
      role: 'manifest',
      itemSeq: null,
      size: manifest.length,
      digest: digestOf(spec.header.hashAlg, manifest),
      sha256: sha256(manifest),
    },
  ];
  for (const item of spec.items)
    for (const f of item.files) {
      entries.push({ name: f.path, data: f.data });
      files.push({
        path: f.path,
        role: f.role,
        itemSeq: item.seq,
        size: f.data.length,
        digest: digestOf(spec.header.hashAlg, f.data),
        sha256: sha256(f.data),
      });
    }
  const zip = writeZip(entries, new Date(spec.header.archivedAt));
  return { zip, sha256: sha256(zip), manifestDigest: digestOf(spec.header.hashAlg, manifest), files };
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The manifest as read back: what the checks hold the files against. */
export interface ManifestFile {
  path: string;
  role: string;
  format: string;
  label: string;
  revision: number | null;
  size: number | null;
  alg: PackageHashAlg | null;
  algName: string;
  digest: string;
}
export interface ManifestItem {
  seq: string;
  numberSeq: string;
  /** The item's own numbering pattern, when not the header's. */
  numberingPattern: string | null;
  metadata: Partial<ItemMetadata>;
  meeting: { id: string; title: string; day: string };
  revisions: Array<{ revision: string; number: string; issuedAt: string; state: string; path: string }>;
  files: ManifestFile[];
}
export interface Manifest {
  version: string;
  header: Record<string, string>;
  items: ManifestItem[];
}

/** Reads a manifest; throws `XmlError` when it is not well-formed, `Error` when its shape is wrong. */
export function readManifest(text: string): Manifest {
  const root = parseXml(text);
  if (root.name !== '归档信息包') throw new Error(`清单的根元素应为“归档信息包”，实为“${root.name}”`);
  const info = child(root, '归档信息');
  const header: Record<string, string> = {};
  for (const c of info?.children ?? []) if (typeof c !== 'string') header[c.name] = textOf(c);
  const catalogue = child(root, '文件目录');
  const items = (catalogue ? childrenNamed(catalogue, '件') : []).map((e): ManifestItem => {
    const meta = child(e, '元数据');
    const metadata: Partial<ItemMetadata> = {};
    for (const f of METADATA_FIELDS) {
      const m = meta ? child(meta, f) : null;
      if (m) metadata[f] = textOf(m);
    }
    const meeting = child(e, '会议');
    const history = child(e, '修订历史');
    return {
      seq: e.attrs['件号'] ?? '',
      numberSeq: e.attrs['序号'] ?? '',
      numberingPattern: e.attrs['编号规则'] ?? null,
      metadata,
      meeting: {
        id: meeting?.attrs['标识'] ?? '',
        title: textOf(meeting ? child(meeting, '名称') : null),
        day: textOf(meeting ? child(meeting, '日期') : null),
      },
      revisions: (history ? childrenNamed(history, '版本') : []).map((v) => ({
        revision: v.attrs['修订'] ?? '',
        number: v.attrs['文件编号'] ?? '',
        issuedAt: v.attrs['印发时间'] ?? '',
        state: v.attrs['状态'] ?? '',
        path: v.attrs['路径'] ?? '',
      })),
      files: childrenNamed(e, '文件').map(fileOf),
    };
  });
  return { version: root.attrs['版本'] ?? '', header, items };
}

function fileOf(f: XmlElement): ManifestFile {
  const algName = f.attrs['算法'] ?? '';
  const size = f.attrs['大小'];
  const revision = f.attrs['修订'];
  return {
    path: f.attrs['路径'] ?? '',
    role: f.attrs['角色'] ?? '',
    format: f.attrs['格式'] ?? '',
    label: f.attrs['说明'] ?? '',
    revision: revision !== undefined && /^\d+$/.test(revision) ? Number(revision) : null,
    size: size !== undefined && /^\d+$/.test(size) ? Number(size) : null,
    alg: ALG_BY_NAME[algName] ?? null,
    algName,
    digest: (f.attrs['摘要'] ?? '').toLowerCase(),
  };
}
