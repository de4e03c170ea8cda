import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * A minimal POSIX ustar archive, gzip-compressed (a `.tar.gz` that `tar -xzf`
 * also reads): regular files only, ASCII names under 100 bytes, each under 8 GiB.
 * Node built-ins only, because the CLI runs where only production packages are.
 */
const BLOCK = 512;
const MAX_SIZE = 8 * 1024 ** 3 - 1;

function header(name: string, size: number, mtime: Date): Buffer {
  if (!/^[\x21-\x7e]{1,99}$/.test(name)) throw new Error(`tar: unsupported entry name ${name}`);
  if (size > MAX_SIZE) throw new Error(`tar: ${name} is larger than 8 GiB`);
  const h = Buffer.alloc(BLOCK, 0);
  const put = (s: string, at: number) => h.write(s, at, 'ascii');
  const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, '0')}\0`;
  put(name, 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(Math.floor(mtime.getTime() / 1000), 12), 136);
  put('        ', 148);
  put('0', 156);
  put('ustar\0', 257);
  put('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** Writes a .tar.gz entry by entry, with back-pressure. */
export class TarGzWriter {
  readonly #gzip = createGzip({ level: 6 });
  readonly #out: Writable;
  readonly #done: Promise<void>;

  constructor(file: string) {
    this.#out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    this.#gzip.pipe(this.#out);
    this.#done = new Promise((resolve, reject) => {
      this.#out.on('finish', resolve);
      this.#out.on('error', reject);
      this.#gzip.on('error', reject);
    });
  }

  async #write(chunk: Buffer): Promise<void> {
    if (!this.#gzip.write(chunk)) await once(this.#gzip, 'drain');
  }

  async addBuffer(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.#write(header(name, data.length, mtime));
    await this.#write(data);
    await this.#pad(data.length);
  }

  /** Streams `size` bytes from `source`; `onChunk` sees every chunk (e.g. to hash it). */
  async addStream(
    name: string,
    size: number,
    source: Readable,
    mtime = new Date(),
    onChunk?: (c: Buffer) => void,
  ): Promise<void> {
    await this.#write(header(name, size, mtime));
    let n = 0;
    for await (const chunk of source) {
      const c = chunk as Buffer;
      n += c.length;
      if (n > size) throw new Error(`tar: ${name} grew while being archived`);
      onChunk?.(c);
      await this.#write(c);
    }
    if (n !== size) throw new Error(`tar: ${name} shrank while being archived`);
    await this.#pad(size);
  }

  async #pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await this.#write(Buffer.alloc(BLOCK - rest, 0));
  }

  async close(): Promise<void> {
    await this.#write(Buffer.alloc(BLOCK * 2, 0));
    this.#gzip.end();
    await this.#done;
  }
}

export interface EntrySink {
  write(chunk: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
}

/**
 * Reads a .tar.gz written by {@link TarGzWriter} (or any plain ustar): for each
 * regular file, `open(name, size)` returns where its bytes go, or null to skip it.
 */
export async function readTarGz(file: string, open: (name: string, size: number) => Promise<EntrySink | null>) {
  const input = createReadStream(file).pipe(createGunzip());
  let buf: Buffer = Buffer.alloc(0);
  let sink: EntrySink | null = null;
  let left = 0; // data bytes of the current entry still to come
  let pad = 0;
  let ended = false;
  for await (const chunk of input) {
    buf = buf.length ? Buffer.concat([buf, chunk as Buffer]) : (chunk as Buffer);
    for (;;) {
      if (left > 0) {
        const take = Math.min(left, buf.length);
        if (take === 0) break;
        if (sink) await sink.write(buf.subarray(0, take));
        buf = buf.subarray(take);
        left -= take;
        if (left > 0) break;
        if (sink) await sink.end();
        sink = null;
      }
      if (pad > 0) {
        const take = Math.min(pad, buf.length);
        buf = buf.subarray(take);
        pad -= take;
        if (pad > 0) break;
      }
      if (ended || buf.length < BLOCK) break;
      const h = buf.subarray(0, BLOCK);
      buf = buf.subarray(BLOCK);
      if (h.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const name = h.subarray(0, 100).toString('ascii').replace(/\0.*$/s, '');
      const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
      const type = String.fromCharCode(h[156] ?? 0);
      if (!Number.isFinite(size) || size < 0) throw new Error('tar: damaged header');
      sink = type === '0' || type === '\0' ? await open(name, size) : null;
      left = size;
      pad = size % BLOCK ? BLOCK - (size % BLOCK) : 0;
      if (left === 0 && sink) {
        await sink.end();
        sink = null;
      }
    }
  }
  if (left > 0) throw new Error('tar: archive ends in the middle of an entry');
  if (!ended) throw new Error('tar: archive has no end marker (truncated)');
}
