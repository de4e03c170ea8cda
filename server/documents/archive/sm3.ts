import { createHash } from 'node:crypto';

/**
 * SM3 (GB/T 32905-2016), written out here so that an archive package can be checked with
 * SM3 on any machine, whatever its OpenSSL build offers (some omit SM3). Streaming: `update`
 * any number of times, then `digest`. The standard's two examples are the tests.
 */
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

const rotl = (x: number, n: number) => ((x << (n & 31)) | (x >>> (32 - (n & 31)))) >>> 0;
const p0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

/** T_j rotated left by j, precomputed. */
const TJ = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));

export class Sm3 {
  private readonly v = [...IV];
  private readonly block = new Uint8Array(64);
  private used = 0;
  private length = 0; // bytes so far (a JS number holds up to 2^53: 8 PiB)
  private readonly w = new Uint32Array(68);
  private readonly w1 = new Uint32Array(64);
  private done = false;

  update(data: Uint8Array | string): this {
    if (this.done) throw new Error('sm3: digest already taken');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.length += bytes.length;
    let i = 0;
    if (this.used > 0) {
      const take = Math.min(64 - this.used, bytes.length);
      this.block.set(bytes.subarray(0, take), this.used);
      this.used += take;
      i = take;
      if (this.used < 64) return this;
      this.compress(this.block, 0);
      this.used = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) this.compress(bytes, i);
    if (i < bytes.length) {
      this.block.set(bytes.subarray(i), 0);
      this.used = bytes.length - i;
    }
    return this;
  }

  digest(): Buffer;
  digest(encoding: 'hex'): string;
  digest(encoding?: 'hex'): Buffer | string {
    if (this.done) throw new Error('sm3: digest already taken');
    const bits = this.length * 8;
    const pad = new Uint8Array(this.used < 56 ? 64 - this.used : 128 - this.used);
    pad[0] = 0x80;
    const view = new DataView(pad.buffer);
    view.setUint32(pad.length - 8, Math.floor(bits / 2 ** 32));
    view.setUint32(pad.length - 4, bits >>> 0);
    this.update(pad);
    this.done = true;
    const out = Buffer.alloc(32);
    this.v.forEach((x, k) => out.writeUInt32BE(x >>> 0, k * 4));
    return encoding === 'hex' ? out.toString('hex') : out;
  }

  private compress(b: Uint8Array, at: number): void {
    const w = this.w;
    const w1 = this.w1;
    for (let j = 0; j < 16; j++) {
      const o = at + j * 4;
      w[j] = (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
    }
    for (let j = 16; j < 68; j++) {
      const x = (w[j - 16] ?? 0) ^ (w[j - 9] ?? 0) ^ rotl(w[j - 3] ?? 0, 15);
      w[j] = (p1(x) ^ rotl(w[j - 13] ?? 0, 7) ^ (w[j - 6] ?? 0)) >>> 0;
    }
    for (let j = 0; j < 64; j++) w1[j] = ((w[j] ?? 0) ^ (w[j + 4] ?? 0)) >>> 0;
    let [a, bb, c, d, e, f, g, h] = this.v as [number, number, number, number, number, number, number, number];
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + (TJ[j] ?? 0)) >>> 0, 7);
      const ss2 = (ss1 ^ a12) >>> 0;
      const ff = j < 16 ? a ^ bb ^ c : (a & bb) | (a & c) | (bb & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = ((ff >>> 0) + d + ss2 + (w1[j] ?? 0)) >>> 0;
      const tt2 = ((gg >>> 0) + h + ss1 + (w[j] ?? 0)) >>> 0;
      d = c;
      c = rotl(bb, 9);
      bb = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    const v = this.v;
    v[0] = ((v[0] ?? 0) ^ a) >>> 0;
    v[1] = ((v[1] ?? 0) ^ bb) >>> 0;
    v[2] = ((v[2] ?? 0) ^ c) >>> 0;
    v[3] = ((v[3] ?? 0) ^ d) >>> 0;
    v[4] = ((v[4] ?? 0) ^ e) >>> 0;
    v[5] = ((v[5] ?? 0) ^ f) >>> 0;
    v[6] = ((v[6] ?? 0) ^ g) >>> 0;
    v[7] = ((v[7] ?? 0) ^ h) >>> 0;
  }
}

/** SM3 of `data`, hex. */
export function sm3(data: Uint8Array | string): string {
  return new Sm3().update(data).digest('hex');
}

/** The digest algorithms of an archive package: the unit's choice is written into the manifest. */
export type PackageHashAlg = 'sha256' | 'sm3';

/** The manifest's name for an algorithm (DA/T 46 固化信息: 摘要算法). */
export const HASH_ALG_NAMES: Record<PackageHashAlg, string> = { sha256: 'SHA-256', sm3: 'SM3' };

/** Hex digest of `data` with `alg`: SHA-256 through node:crypto, SM3 by the code above. */
export function digestOf(alg: PackageHashAlg, data: Uint8Array): string {
  return alg === 'sm3' ? sm3(data) : createHash('sha256').update(data).digest('hex');
}
