import mammoth from 'mammoth';
import type { Readable } from 'node:stream';

/** The most text kept from one file: the index is for finding, not for storing whole books. */
export const MAX_EXTRACTED_CHARS = 200_000;

/** File types whose text is indexed; scanned images and the rest are found by their name only. */
export const TEXT_FILE_TYPES = ['pdf', 'docx', 'txt'] as const;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

async function pdfText(data: Buffer): Promise<string> {
  // The legacy build runs in Node without a DOM; loaded on first use (it is large).
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    let size = 0;
    for (let p = 1; p <= doc.numPages && size < MAX_EXTRACTED_CHARS; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(line);
      size += line.length;
      page.cleanup();
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}

/** Texts read lately, by SHA-256: an upload reads its file before its transaction, the index then finds it here. */
const recent = new Map<string, string>();
const RECENT_MAX = 64;

function remember(sha256: string, text: string): void {
  recent.delete(sha256);
  recent.set(sha256, text);
  while (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
}

/**
 * Reads an uploaded file's text now, before the transaction that stores it, so that the index
 * (R1.3), rebuilt in that transaction, does not parse a PDF while holding the write lock.
 */
export async function prefetchText(sha256: string, fileType: string, data: Buffer): Promise<void> {
  if (!(TEXT_FILE_TYPES as readonly string[]).includes(fileType) || recent.has(sha256)) return;
  remember(sha256, await parse(fileType, data));
}

async function parse(fileType: string, data: Buffer): Promise<string> {
  let text: string;
  try {
    if (fileType === 'pdf') text = await pdfText(data);
    else if (fileType === 'docx') text = (await mammoth.extractRawText({ buffer: data })).value;
    else text = new TextDecoder('utf-8').decode(data);
  } catch {
    return '';
  }
  return text.replaceAll('\u0000', ' ').slice(0, MAX_EXTRACTED_CHARS);
}

/**
 * The text of a stored file for the index: PDF text through pdfjs, DOCX through mammoth, plain
 * text as UTF-8; '' for every other type (images are not read: a scan is not searchable) and for a
 * file that cannot be parsed (a broken upload must not stop the change that indexes it).
 */
export async function extractText(
  fileType: string,
  sha256: string,
  open: () => Promise<Readable | null>,
): Promise<string> {
  if (!(TEXT_FILE_TYPES as readonly string[]).includes(fileType)) return '';
  const known = recent.get(sha256);
  if (known !== undefined) return known;
  const stream = await open();
  if (!stream) return '';
  const text = await parse(fileType, await readAll(stream));
  remember(sha256, text);
  return text;
}
