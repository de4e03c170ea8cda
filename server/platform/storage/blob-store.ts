import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { join } from 'node:path';

/**
 * Where written material lives: content-addressed by SHA-256, never under the
 * name a user gave. A small interface, so an S3-compatible store can replace the disk.
 */
export interface BlobStore {
  /** Stores the bytes; returns their SHA-256 (hex). Storing the same bytes twice is a no-op. */
  put(data: Buffer): Promise<string>;
  open(sha256: string): Promise<Readable | null>;
  size(sha256: string): Promise<number | null>;
  /**
   * The blob's size and an opaque version that changes whenever its bytes may have changed
   * (on disk: inode, mtime and ctime in nanoseconds); null when it is gone. Lets a verified
   * hash be reused until the file is touched (server/modules/integrity/blob-verifier.ts).
   */
  stat(sha256: string): Promise<BlobStat | null>;
}

export interface BlobStat {
  size: number;
  version: string;
}

export class DiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('bad blob id');
    return join(this.root, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  async put(data: Buffer): Promise<string> {
    const sha = createHash('sha256').update(data).digest('hex');
    const path = this.pathOf(sha);
    if (existsSync(path)) return sha;
    await mkdir(join(this.root, sha.slice(0, 2), sha.slice(2, 4)), { recursive: true });
    // Write aside, then rename: a crash never leaves a half file under the real name.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, path);
    return sha;
  }

  async open(sha256: string): Promise<Readable | null> {
    const path = this.pathOf(sha256);
    return existsSync(path) ? createReadStream(path) : null;
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  async stat(sha256: string): Promise<BlobStat | null> {
    try {
      // ctime cannot be set from user space (utimes sets atime/mtime and moves ctime to now);
      // a replaced file has another inode. Any write to the bytes changes the version.
      const st = await stat(this.pathOf(sha256), { bigint: true });
      return { size: Number(st.size), version: `${st.ino}:${st.mtimeNs}:${st.ctimeNs}` };
    } catch {
      return null;
    }
  }
}
