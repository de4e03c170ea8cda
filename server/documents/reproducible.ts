import { shanghaiWallClock } from '../../core/shanghai-time.js';
/**
 * Issued minutes are documents of record (R5.7): the same minutes must render to
 * the same bytes on every download, so their hash can be compared. Two things in
 * a DOCX carry the time of rendering: the core properties and the zip entries'
 * DOS timestamps. Both are set to the issue time here.
 */

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** docProps/core.xml as docx writes it, with fixed created/modified instants. */
export function coreProperties(title: string, creator: string, at: Date): string {
  const iso = at.toISOString();
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>${xmlEscape(creator)}</dc:creator>` +
    `<cp:lastModifiedBy>${xmlEscape(creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Sets every entry's DOS modification time (local and central headers) of a zip
 * to `at` in China Standard Time (DOS times have no zone; the bureau's is UTC+8).
 * The CRCs cover only the contents, so nothing else changes. Returns `zip`.
 */
export function fixZipTimes(zip: Buffer, at: Date): Buffer {
  const t = shanghaiWallClock(at);
  const time = (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | Math.floor(t.getUTCSeconds() / 2);
  const date = ((t.getUTCFullYear() - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('zip central directory is damaged');
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('zip local header is damaged');
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
