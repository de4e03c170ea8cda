import { AppError } from '../../../core/errors.js';

/**
 * Written material is recognised by its content (magic bytes), never by its
 * name: an executable renamed `.pdf` is refused. Allowed: pdf, docx, doc, xlsx,
 * xls, wps, ofd, png, jpg, txt.
 */
export const FILE_TYPES = ['pdf', 'docx', 'xlsx', 'ofd', 'ole', 'png', 'jpg', 'txt'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export const FILE_TYPE_MIME: Record<FileType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
  ole: 'application/octet-stream', // doc, xls, wps: the OLE compound format
  png: 'image/png',
  jpg: 'image/jpeg',
  txt: 'text/plain; charset=utf-8',
};

export const FILE_TYPE_LABELS: Record<FileType, string> = {
  pdf: 'PDF',
  docx: 'Word',
  xlsx: 'Excel',
  ofd: 'OFD',
  ole: 'Word/Excel/WPS（旧格式）',
  png: 'PNG 图片',
  jpg: 'JPEG 图片',
  txt: '文本',
};

const starts = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

export function detectFileType(b: Buffer): FileType | null {
  if (b.length === 0) return null;
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return zipKind(b);
  return isText(b) ? 'txt' : null;
}

/** A ZIP is an Office or OFD document only if its entries say so. */
function zipKind(b: Buffer): FileType | null {
  const names = b.toString('latin1');
  if (names.includes('[Content_Types].xml') || names.includes('word/') || names.includes('xl/')) {
    if (names.includes('word/')) return 'docx';
    if (names.includes('xl/')) return 'xlsx';
  }
  if (names.includes('OFD.xml')) return 'ofd';
  return null;
}

/** UTF-8 (or GB18030-free ASCII) text without control characters other than white space. */
function isText(b: Buffer): boolean {
  const sample = b.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what marks binary
  const bad = [...text].filter((c) => c === '\uFFFD' || /[\u0001-\u0008\u000B\u000E-\u001F\u007F]/.test(c)).length;
  return bad <= 2; // a cut multi-byte character at the sample's end is fine
}

/**
 * A name safe to show and to send back: no path, no control characters, not
 * empty, at most 120 characters; Chinese kept as it is.
 */
export function sanitiseFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim();
  const chars = [...cleaned];
  if (chars.length === 0) return '未命名文件';
  if (chars.length <= 120) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return chars.slice(0, 120 - [...ext].length).join('') + ext;
}

/** The extensions a name may carry for each content type; the first is appended to a name that has none. */
export const FILE_TYPE_EXTENSIONS: Record<FileType, readonly string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  ofd: ['ofd'],
  ole: ['doc', 'xls', 'wps', 'et'],
  png: ['png'],
  jpg: ['jpg', 'jpeg'],
  txt: ['txt'],
};

/** What the name declares: the letters after its last dot (ASCII, 1–5 characters, at least one letter), lower-cased. */
export function declaredExtension(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(name);
  if (!m?.[1] || !/[A-Za-z]/.test(m[1])) return null;
  return m[1].toLowerCase();
}

/**
 * The sanitised name for content of type `type`: the declared extension must
 * agree with the content (a text file renamed `.pdf` is refused, 415); a name
 * without an extension gets the content's own.
 */
export function nameForContent(rawName: string, type: FileType): string {
  const name = sanitiseFilename(rawName);
  const ext = declaredExtension(name);
  if (ext === null) return sanitiseFilename(`${name}.${FILE_TYPE_EXTENSIONS[type][0]}`);
  if (FILE_TYPE_EXTENSIONS[type].includes(ext)) return name;
  const declared = FILE_TYPES.find((t) => FILE_TYPE_EXTENSIONS[t].includes(ext));
  throw new AppError(
    'FILE_TYPE_NOT_ALLOWED',
    declared
      ? `文件扩展名为 .${ext}，但内容不是 ${FILE_TYPE_LABELS[declared]}（实际为${FILE_TYPE_LABELS[type]}）`
      : `文件扩展名为 .${ext}，但内容是${FILE_TYPE_LABELS[type]}：请使用扩展名 .${FILE_TYPE_EXTENSIONS[type][0]}`,
  );
}

/** RFC 6266/5987 Content-Disposition that keeps Chinese names intact. */
export function contentDisposition(filename: string, inline = false): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
