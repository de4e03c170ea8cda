import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { shanghaiWallClock } from '../../../core/shanghai-time.js';

/**
 * A small ZIP writer and reader over node:zlib (no dependency: the CLI's offline check runs
 * where only production packages are). The writer emits local headers, the central directory
 * and its end record, names in UTF-8 (flag bit 11), each entry deflated or stored — whichever
 * is smaller — with its CRC-32 and sizes in the local header (no data descriptors). The reader
 * follows the central directory, as `unzip` does, and reports each entry's problem (CRC,
 * sizes, method, encryption, name) by its name instead of failing the whole file. No ZIP64:
 * an archive package stays well below 4 GiB and 65 535 entries.
 */

export interface ZipInput {
  name: string;
  data: Buffer;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const FLAG_UTF8 = 0x0800;
const FLAG_ENCRYPTED = 0x0001;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;

/** DOS date and time of an instant, in China Standard Time (DOS times carry no zone). */
function dosTime(at: Date): { time: number; date: number } {
  const t = shanghaiWallClock(at);
  return {
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | Math.floor(t.getUTCSeconds() / 2),
    date: ((t.getUTCFullYear() - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
  };
}

/**
 * Writes a ZIP of `entries` in their order, every entry dated `at` (so the same input gives the
 * same bytes). Names are stored as given (forward slashes); an empty name, a duplicate, a name
 * with a backslash, a leading slash or a `..` part is refused.
 */
export function writeZip(entries: readonly ZipInput[], at: Date): Buffer {
  if (entries.length > MAX_U16) throw new Error(`zip: too many entries (${entries.length})`);
  const { time, date } = dosTime(at);
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    if (!safeEntryName(e.name)) throw new Error(`zip: bad entry name ${JSON.stringify(e.name)}`);
    if (seen.has(e.name)) throw new Error(`zip: duplicate entry ${e.name}`);
    seen.add(e.name);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data) >>> 0;
    const deflated = deflateRawSync(e.data, { level: 9 });
    const stored = deflated.length >= e.data.length;
    const body = stored ? e.data : deflated;
    if (e.data.length >= MAX_U32 || offset >= MAX_U32) throw new Error('zip: entry too large (no ZIP64)');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 — so the permissions below count
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  if (offset + cd.length >= MAX_U32) throw new Error('zip: archive too large (no ZIP64)');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A relative path of forward-slash parts, none empty, `.` or `..`, no control characters. */
export function safeEntryName(name: string): boolean {
  if (!name || name.length > 400 || name.includes('\\') || name.startsWith('/')) return false;
  // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
  if (/[\u0000-\u001f\u007f]/.test(name)) return false;
  return name.split('/').every((p, i, all) => (p !== '' || (i === all.length - 1 && i > 0)) && p !== '.' && p !== '..');
}

export interface ZipEntry {
  name: string;
  /** The bytes, when they could be read and matched their CRC and size. */
  data: Buffer | null;
  /** Why the bytes could not be read (Chinese, names no file: the caller names it). */
  problem: string | null;
  encrypted: boolean;
  method: number;
  crc32: number;
  size: number;
  isDirectory: boolean;
}

export interface ZipRead {
  entries: ZipEntry[];
  /** Problems of the archive as a whole (no end record, a damaged directory). */
  problems: string[];
}

export interface ReadZipOptions {
  /** The most bytes one entry may inflate to (a zip bomb stops here). Default 1 GiB. */
  maxEntryBytes?: number;
  /** The most bytes all entries together may inflate to. Default 4 GiB. */
  maxTotalBytes?: number;
}

function findEnd(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - MAX_U16); i--) {
    if (zip.readUInt32LE(i) === SIG_END) return i;
  }
  return -1;
}

/**
 * Reads a ZIP by its central directory. Never throws on bad content: an unreadable archive is
 * `problems`, an unreadable entry carries its `problem` (and no data).
 */
export function readZip(zip: Buffer, opts: ReadZipOptions = {}): ZipRead {
  const maxEntry = opts.maxEntryBytes ?? 1024 ** 3;
  let budget = opts.maxTotalBytes ?? 4 * 1024 ** 3;
  const end = zip.length >= 22 ? findEnd(zip) : -1;
  if (end < 0) return { entries: [], problems: ['不是 ZIP 文件：找不到中央目录结束记录'] };
  const count = zip.readUInt16LE(end + 10);
  const cdSize = zip.readUInt32LE(end + 12);
  let p = zip.readUInt32LE(end + 16);
  if (p + cdSize > end) return { entries: [], problems: ['ZIP 中央目录位置超出文件范围，文件已损坏或被截断'] };
  const entries: ZipEntry[] = [];
  const problems: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== SIG_CENTRAL) {
      problems.push(`ZIP 中央目录第 ${n + 1} 项已损坏`);
      break;
    }
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const csize = zip.readUInt32LE(p + 20);
    const usize = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const localAt = zip.readUInt32LE(p + 42);
    const rawName = zip.subarray(p + 46, p + 46 + nameLen);
    // Without the UTF-8 flag a name is CP437 by the spec; Chinese tools write GBK there. Either
    // way, valid UTF-8 is read as UTF-8 (what `zip` on Linux writes), the rest byte by byte.
    const name = flags & FLAG_UTF8 || isUtf8(rawName) ? rawName.toString('utf8') : rawName.toString('latin1');
    p += 46 + nameLen + extraLen + commentLen;
    const entry: ZipEntry = {
      name,
      data: null,
      problem: null,
      encrypted: (flags & FLAG_ENCRYPTED) !== 0,
      method,
      crc32: crc,
      size: usize,
      isDirectory: name.endsWith('/'),
    };
    entries.push(entry);
    if (entry.encrypted) {
      entry.problem = '文件已加密';
      continue;
    }
    if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== SIG_LOCAL) {
      entry.problem = '本地文件头已损坏';
      continue;
    }
    const start = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    if (start + csize > zip.length) {
      entry.problem = '数据超出文件范围（文件被截断）';
      continue;
    }
    if (usize > maxEntry || usize > budget) {
      entry.problem = `解压后大小 ${usize} 字节超过上限`;
      continue;
    }
    const raw = zip.subarray(start, start + csize);
    let data: Buffer;
    try {
      if (method === 0) data = Buffer.from(raw);
      else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(1, usize) + 1 });
      else {
        entry.problem = `不支持的压缩方法 ${method}`;
        continue;
      }
    } catch {
      entry.problem = '压缩数据已损坏，无法解压';
      continue;
    }
    budget -= data.length;
    if (data.length !== usize) {
      entry.problem = `解压后大小 ${data.length} 字节与目录记录的 ${usize} 字节不符`;
      continue;
    }
    if (crc32(data) >>> 0 !== crc) {
      entry.problem = 'CRC-32 校验失败（数据已损坏或被改动）';
      continue;
    }
    entry.data = data;
  }
  return { entries, problems };
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}
