import { createHash } from 'node:crypto';
import { resolvePdfFonts, type PdfFonts } from './fonts.js';
import { renderMinutesPdf, type PdfMinutesInput } from './minutes-pdf.js';

/**
 * A least-recently-used map of byte buffers, bounded by their total size and by
 * their number. A buffer larger than the byte bound is not kept.
 */
export class ByteLru {
  private readonly entries = new Map<string, Buffer>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEntries: number,
  ) {}

  get(key: string): Buffer | undefined {
    const buf = this.entries.get(key);
    if (buf) {
      // Map keeps insertion order: re-inserting makes this the most recent entry.
      this.entries.delete(key);
      this.entries.set(key, buf);
    }
    return buf;
  }

  set(key: string, buf: Buffer): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.length;
    }
    if (buf.length > this.maxBytes) return;
    this.entries.set(key, buf);
    this.total += buf.length;
    for (const [k, b] of this.entries) {
      if (this.total <= this.maxBytes && this.entries.size <= this.maxEntries) break;
      this.entries.delete(k);
      this.total -= b.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}

/**
 * Rendered PDFs of issued minutes, per process: at most 32 MiB and 256 documents
 * (a 10-topic minutes is ≈ 120 KB, so ≈ 256 of them fit). Only issued minutes are
 * kept: they are reproducible (dated the issue time, so the same bytes on every
 * render) and no longer change. A draft is rendered on every download, so an edit
 * shows at once. The key covers everything the bytes depend on — the minutes' id,
 * number, issue time, issuing division (the 印发 line), the content itself
 * (hashed, so a row changed in the database behind the seal renders afresh) and
 * the font files of every role.
 */
export const PDF_CACHE_MAX_BYTES = 32 * 1024 * 1024;
export const PDF_CACHE_MAX_ENTRIES = 256;
const cache = new ByteLru(PDF_CACHE_MAX_BYTES, PDF_CACHE_MAX_ENTRIES);
/** Concurrent downloads of the same uncached minutes share one render. */
const pending = new Map<string, Promise<Buffer>>();
const stats = { hits: 0, misses: 0 };

export interface PdfMinutes extends PdfMinutesInput {
  id: string;
}

function cacheKey(m: PdfMinutes, fonts: PdfFonts): string {
  return createHash('sha256')
    .update(JSON.stringify([m.id, m.number, m.issuedAt, m.divisionName, m.content, fonts]))
    .digest('hex');
}

/**
 * The minutes as PDF (`renderMinutesPdf`), from the cache when they are issued
 * and were rendered before. The caller gets its own copy of the bytes.
 */
export async function minutesPdf(m: PdfMinutes, fonts: PdfFonts = resolvePdfFonts()): Promise<Buffer> {
  if (!m.issuedAt || !m.number) return renderMinutesPdf(m, fonts);
  const key = cacheKey(m, fonts);
  const hit = cache.get(key);
  if (hit) {
    stats.hits += 1;
    return Buffer.from(hit);
  }
  stats.misses += 1;
  let render = pending.get(key);
  if (!render) {
    render = renderMinutesPdf(m, fonts).then((buf) => {
      cache.set(key, buf);
      return buf;
    });
    render.finally(() => pending.delete(key)).catch(() => undefined);
    pending.set(key, render);
  }
  return Buffer.from(await render);
}

/** Hits, misses, entries and bytes of the PDF cache (tests, benchmarks). */
export function pdfCacheStats(): { hits: number; misses: number; entries: number; bytes: number } {
  return { ...stats, entries: cache.size, bytes: cache.bytes };
}

/** Empties the PDF cache (benchmarks measure a first download with it). */
export function clearPdfCache(): void {
  cache.clear();
  stats.hits = 0;
  stats.misses = 0;
}
