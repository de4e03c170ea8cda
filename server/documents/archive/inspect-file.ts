import { crc32 } from 'node:zlib';
import { detectFileType } from '../../platform/storage/file-type.js';
import { parseXml } from './xml.js';
import { readZip } from './zip.js';
import type { ArchiveFormat } from '../../../core/archive.js';

/**
 * What the usability and security checks learn about one file of a package, from its bytes
 * alone: the format by content, whether it parses, whether it is encrypted, whether it is an
 * executable or carries macros or scripts; for a PDF its page count, title, text and PDF/A
 * identification (the content check holds them against the metadata).
 */
export interface FileFacts {
  format: ArchiveFormat | null;
  parses: boolean;
  parseProblem: string | null;
  encrypted: boolean;
  executable: string | null;
  macros: string | null;
  pdf: { pages: number; title: string | null; text: string; pdfA: string | null } | null;
}

const latin1 = (b: Buffer) => b.toString('latin1');

/** Executables by their first bytes (PE, ELF, Mach-O, a script's #!) or a runnable extension. */
export function executableKind(name: string, b: Buffer): string | null {
  if (b.length >= 2 && b[0] === 0x4d && b[1] === 0x5a) return 'Windows 可执行文件（MZ/PE）';
  if (b.length >= 4 && b.readUInt32BE(0) === 0x7f454c46) return 'ELF 可执行文件';
  if (b.length >= 4 && [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(b.readUInt32BE(0)))
    return 'Mach-O 可执行文件';
  if (b.length >= 2 && b[0] === 0x23 && b[1] === 0x21) return '脚本（#!）';
  const ext = /\.([A-Za-z0-9]{1,6})$/.exec(name)?.[1]?.toLowerCase();
  const runnable = [
    'exe',
    'dll',
    'com',
    'scr',
    'msi',
    'bat',
    'cmd',
    'ps1',
    'vbs',
    'vbe',
    'js',
    'jse',
    'wsf',
    'sh',
    'jar',
    'apk',
    'lnk',
    'hta',
  ];
  if (ext && runnable.includes(ext)) return `可执行类型的扩展名 .${ext}`;
  return null;
}

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** A compound (OLE) file: Word/Excel/WPS of old, or an encrypted Office document. */
function inspectOle(b: Buffer): Pick<FileFacts, 'parses' | 'parseProblem' | 'encrypted' | 'macros'> {
  const shift = b.length >= 32 ? b.readUInt16LE(30) : 0;
  const parses = b.length >= 512 && (shift === 9 || shift === 12);
  return {
    parses,
    parseProblem: parses ? null : '复合文档头部已损坏',
    encrypted: b.includes(utf16('EncryptionInfo')) || b.includes(utf16('EncryptedPackage')),
    macros:
      b.includes(utf16('_VBA_PROJECT')) || b.includes(utf16('VBA')) || b.includes(utf16('Macros'))
        ? '含有 VBA 宏'
        : null,
  };
}

/** An Office Open XML or OFD document: a ZIP whose parts say what it is. */
function inspectZipDocument(
  b: Buffer,
  kind: 'docx' | 'xlsx' | 'ofd',
): Pick<FileFacts, 'parses' | 'parseProblem' | 'encrypted' | 'macros'> {
  const z = readZip(b, { maxEntryBytes: 256 * 1024 ** 2, maxTotalBytes: 1024 ** 3 });
  const bad = z.problems[0] ?? z.entries.find((e) => e.problem)?.problem;
  const encrypted = z.entries.some((e) => e.encrypted);
  const names = z.entries.map((e) => e.name);
  const macros =
    names.some((n) => /vbaProject\.bin$/i.test(n) || /activeX/i.test(n)) ||
    z.entries.some(
      (e) => e.name === '[Content_Types].xml' && e.data && /macroEnabled|vbaProject/i.test(e.data.toString('utf8')),
    )
      ? '含有 VBA 宏或 ActiveX 控件'
      : null;
  if (bad) return { parses: false, parseProblem: `文档内部 ZIP 有误：${bad}`, encrypted, macros };
  const must = kind === 'ofd' ? 'OFD.xml' : '[Content_Types].xml';
  const part = z.entries.find((e) => e.name === must);
  if (!part?.data) return { parses: false, parseProblem: `缺少 ${must}`, encrypted, macros };
  try {
    parseXml(part.data.toString('utf8'));
    const main = kind === 'docx' ? 'word/document.xml' : kind === 'xlsx' ? 'xl/workbook.xml' : null;
    const mainPart = main ? z.entries.find((e) => e.name === main) : null;
    if (main && !mainPart?.data) return { parses: false, parseProblem: `缺少 ${main}`, encrypted, macros };
    if (mainPart?.data) parseXml(mainPart.data.toString('utf8'));
  } catch (e) {
    return { parses: false, parseProblem: e instanceof Error ? e.message : String(e), encrypted, macros };
  }
  return { parses: true, parseProblem: null, encrypted, macros };
}

function inspectPng(b: Buffer): string | null {
  if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') return 'PNG 缺少 IHDR';
  if (crc32(b.subarray(12, 29)) >>> 0 !== b.readUInt32BE(29)) return 'PNG 头部 CRC 校验失败';
  if (!b.includes(Buffer.from('IEND', 'latin1'))) return 'PNG 缺少结束块（IEND），文件不完整';
  return null;
}

function inspectJpeg(b: Buffer): string | null {
  let end = b.length;
  while (end > 2 && b[end - 1] === 0) end--;
  return b[end - 2] === 0xff && b[end - 1] === 0xd9 ? null : 'JPEG 缺少结束标记（EOI），文件不完整';
}

function inspectText(b: Buffer): string | null {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return null;
  } catch {
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(b);
      return null;
    } catch {
      return '文本既不是 UTF-8 也不是 GB18030 编码';
    }
  }
}

/** PDF through pdfjs (loaded on first use): pages, title, text; encryption and scripts from its bytes too. */
async function inspectPdf(b: Buffer): Promise<FileFacts> {
  const raw = latin1(b);
  const encryptedRaw = /\/Encrypt\s*\d+\s+\d+\s+R|\/Encrypt\s*<</.test(raw);
  const scripts = ['/JavaScript', '/JS ', '/JS(', '/JS<', '/Launch', '/RichMedia', '/EmbeddedFile']
    .filter((k) => raw.includes(k))
    .map((k) => k.replace(/[ (<]$/, ''));
  const pdfA =
    /<pdfaid:part>(\d)<\/pdfaid:part>\s*<pdfaid:conformance>([ABU])<\/pdfaid:conformance>/.exec(raw) ??
    /pdfaid:part="(\d)"[^>]*pdfaid:conformance="([ABU])"/.exec(raw);
  const facts: FileFacts = {
    format: 'pdf',
    parses: false,
    parseProblem: null,
    encrypted: encryptedRaw,
    executable: null,
    macros: scripts.length ? `含有 ${[...new Set(scripts)].join('、')}` : null,
    pdf: null,
  };
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(b),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
    try {
      const info = (await doc.getMetadata()).info as { Title?: unknown };
      const js = await doc.getJSActions();
      if (js && Object.keys(js).length > 0) facts.macros = facts.macros ?? '含有文档级 JavaScript 动作';
      const texts: string[] = [];
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const content = await page.getTextContent();
        texts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
        page.cleanup();
      }
      facts.parses = doc.numPages > 0;
      facts.parseProblem = facts.parses ? null : 'PDF 没有页面';
      facts.pdf = {
        pages: doc.numPages,
        title: typeof info.Title === 'string' ? info.Title : null,
        text: texts.join('\n'),
        pdfA: pdfA ? `PDF/A-${pdfA[1]}${(pdfA[2] ?? '').toLowerCase()}` : null,
      };
    } finally {
      await doc.destroy();
    }
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') facts.encrypted = true;
    facts.parseProblem =
      name === 'PasswordException' ? 'PDF 已加密，需要密码才能打开' : `PDF 无法解析：${(e as Error).message}`;
  }
  return facts;
}

/** Inspects one file's bytes; `name` only informs the XML reading and the executable extensions. */
export async function inspectFile(name: string, b: Buffer): Promise<FileFacts> {
  const executable = executableKind(name, b);
  const base: FileFacts = {
    format: null,
    parses: false,
    parseProblem: null,
    encrypted: false,
    executable,
    macros: null,
    pdf: null,
  };
  const type = detectFileType(b);
  if (type === 'pdf') return { ...(await inspectPdf(b)), executable };
  if (
    type === 'txt' &&
    (/\.xml$/i.test(name) ||
      latin1(b.subarray(0, 64))
        .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
        .startsWith('<?xml'))
  ) {
    try {
      parseXml(b.toString('utf8'));
      return { ...base, format: 'xml', parses: true };
    } catch (e) {
      return { ...base, format: 'xml', parseProblem: e instanceof Error ? e.message : String(e) };
    }
  }
  if (type === 'docx' || type === 'xlsx' || type === 'ofd')
    return { ...base, format: type, ...inspectZipDocument(b, type) };
  if (type === 'ole') return { ...base, format: 'ole', ...inspectOle(b) };
  if (type === 'png' || type === 'jpg') {
    const problem = type === 'png' ? inspectPng(b) : inspectJpeg(b);
    return { ...base, format: type, parses: problem === null, parseProblem: problem };
  }
  if (type === 'txt') {
    const problem = inspectText(b);
    return { ...base, format: 'txt', parses: problem === null, parseProblem: problem };
  }
  return { ...base, parseProblem: '无法识别的文件格式' };
}
