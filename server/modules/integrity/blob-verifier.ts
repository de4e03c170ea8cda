import { createHash } from 'node:crypto';
import type { BlobStat, BlobStore } from '../../platform/storage/blob-store.js';

/** SHA-256 of a stored blob's bytes as they are on disk now; null when it is gone. */
export async function blobSha256(blobs: BlobStore, sha256: string): Promise<string | null> {
  const stream = await blobs.open(sha256);
  if (!stream) return null;
  const h = createHash('sha256');
  for await (const chunk of stream) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * R5.7 without re-reading every file on every request: a stored blob's last verification
 * (its SHA-256 recomputed from the bytes and held against its name), kept per process and
 * per blob store, keyed by the blob id (its SHA-256) and reused only while
 *   - the file's size and version (`BlobStore.stat`: inode, mtime and ctime in ns) are what
 *     they were when it was hashed — any write to the file, a replaced file or a file
 *     put back with its old mtime (utimes moves ctime) makes it hashed again; and
 *   - the verification is younger than `BLOB_RECHECK_MS` — what no stat can see (bits
 *     rotting on the disk, a write below the file system) is caught within a day.
 * A missing file is never cached. The whole-unit check (`GET /api/integrity`,
 * `checkUnitIntegrity`) always re-hashes and records its results here, so the matrix says
 * when each file was last verified. Chosen over a stored table of job results: nothing to
 * migrate, no job to schedule, and a change to a file is seen on the next read, not the
 * next run of a job.
 */
export const BLOB_RECHECK_MS = 24 * 3600_000;
/** At most this many blobs remembered per store (oldest verification forgotten first). */
const MAX_ENTRIES = 200_000;

export type BlobState = 'ok' | 'mismatch' | 'missing';
export interface BlobVerification {
  state: BlobState;
  /** When the bytes were last hashed (ISO); for a missing file, when it was found missing. */
  verifiedAt: string;
}

interface Entry extends BlobVerification {
  size: number;
  version: string;
}

const caches = new WeakMap<BlobStore, Map<string, Entry>>();
const inFlight = new WeakMap<BlobStore, Map<string, Promise<BlobVerification>>>();

function cacheOf(blobs: BlobStore): Map<string, Entry> {
  let c = caches.get(blobs);
  if (!c) caches.set(blobs, (c = new Map()));
  return c;
}

/** Records a verification made from `st` (taken before the bytes were read). */
export function recordVerification(blobs: BlobStore, sha256: string, st: BlobStat | null, v: BlobVerification): void {
  const cache = cacheOf(blobs);
  cache.delete(sha256);
  if (!st || v.state === 'missing') return;
  cache.set(sha256, { ...v, size: st.size, version: st.version });
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
}

/** Hashes the blob's bytes now (stat first, so a write during the read is seen next time). */
export async function hashBlob(blobs: BlobStore, sha256: string, now: Date): Promise<BlobVerification> {
  const at = now.toISOString();
  if (!/^[0-9a-f]{64}$/.test(sha256)) return { state: 'missing', verifiedAt: at };
  const st = await blobs.stat(sha256);
  const actual = st ? await blobSha256(blobs, sha256) : null;
  const v: BlobVerification = {
    state: actual === null ? 'missing' : actual === sha256 ? 'ok' : 'mismatch',
    verifiedAt: at,
  };
  recordVerification(blobs, sha256, st, v);
  return v;
}

/** The blob's verification: the cached one while the file is untouched and recent, else a new hash. */
export async function verifyBlob(blobs: BlobStore, sha256: string, now: Date): Promise<BlobVerification> {
  const cached = cacheOf(blobs).get(sha256);
  if (cached) {
    const st = await blobs.stat(sha256);
    const age = now.getTime() - Date.parse(cached.verifiedAt);
    if (st && st.size === cached.size && st.version === cached.version && age < BLOB_RECHECK_MS)
      return { state: cached.state, verifiedAt: cached.verifiedAt };
  }
  let pending = inFlight.get(blobs);
  if (!pending) inFlight.set(blobs, (pending = new Map()));
  const running = pending.get(sha256);
  if (running) return running;
  const p = hashBlob(blobs, sha256, now).finally(() => pending.delete(sha256));
  pending.set(sha256, p);
  return p;
}

/** Verifies many blobs, a few at a time; the answer per blob id. */
export async function verifyBlobs(
  blobs: BlobStore,
  ids: Iterable<string>,
  now: Date,
  concurrency = 16,
): Promise<Map<string, BlobVerification>> {
  const list = [...new Set(ids)];
  const out = new Map<string, BlobVerification>();
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const id = list[next++] as string;
      out.set(id, await verifyBlob(blobs, id, now));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
  return out;
}
