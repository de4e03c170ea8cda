import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { openDatabase, type Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { CHECKPOINT_FILE, CHECKPOINT_KEY_FILE } from '../audit/checkpoints.js';
import { TarGzWriter } from './tar.js';
import { dumpPostgres } from './postgres-dump.js';

export const SQLITE_ENTRY = 'database.sqlite';
export const POSTGRES_ENTRY = 'postgres.sql';
export const MANIFEST_ENTRY = 'manifest.json';

/** What a backup holds, written last into the archive and checked on restore. */
export interface Manifest {
  format: 'jiyao-backup';
  version: 1;
  createdAt: string;
  jiyaoVersion: string;
  database: { kind: 'sqlite' | 'postgres'; entry: string; sha256: string; bytes: number };
  /** Rows per table at the snapshot's point in time. */
  tables: Record<string, number>;
  /** Each unit's audit chain head at the snapshot. */
  audit: Array<{ unitId: string; seq: number; hash: string }>;
  blobs: Array<{ sha256: string; size: number }>;
  /** Stored files whose bytes no longer match their name (archived as found). */
  damagedBlobs: string[];
  /** Files of DATA_DIR besides blobs: the checkpoint file and key. */
  files: Array<{ name: string; sha256: string }>;
}

export interface BackupOptions {
  db: Db;
  /** PostgreSQL: the URL pg_dump connects to. */
  databaseUrl: string;
  dataDir: string;
  version: string;
  now?: () => Date;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Rows per table and audit heads, read from one consistent view of the database. */
export async function snapshotFacts(k: Kysely<Database>, tables: string[]) {
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(k);
    counts[t] = Number(r.rows[0]?.n ?? 0);
  }
  const heads = await sql<{ unit_id: string; seq: number | string; hash: string }>`
    select e.unit_id, e.seq, e.hash from audit_events e
    where e.seq = (select max(seq) from audit_events x where x.unit_id = e.unit_id) order by e.unit_id`.execute(k);
  const checkpoints = await k.selectFrom('audit_checkpoints').select(['unit_id', 'seq', 'signature']).execute();
  return {
    tables: counts,
    audit: heads.rows.map((r) => ({ unitId: r.unit_id, seq: Number(r.seq), hash: r.hash })),
    checkpointSigs: new Set(checkpoints.map((c) => c.signature)),
  };
}

/**
 * `jiyao backup <file>`: an online, consistent snapshot into one .tar.gz.
 * SQLite: `VACUUM INTO` copies the database as of one read transaction (WAL:
 * writers carry on meanwhile). PostgreSQL: pg_dump inside an exported snapshot
 * that the counts are read from too. Then the blobs — after the snapshot, so
 * every attachment row in it has its file (a blob is stored before its row) —
 * each re-hashed on the way, the checkpoint file and key, and the manifest.
 */
export async function createBackup(o: BackupOptions, file: string): Promise<Manifest> {
  const now = o.now ?? (() => new Date());
  mkdirSync(o.dataDir, { recursive: true });
  const tmp = join(o.dataDir, `.backup-${randomBytes(6).toString('hex')}`);
  const out = new TarGzWriter(file);
  try {
    let facts: Awaited<ReturnType<typeof snapshotFacts>>;
    let database: Manifest['database'];
    const takenAt = now();
    if (o.db.kind === 'sqlite') {
      await sql`vacuum into ${tmp}`.execute(o.db.kysely);
      const snap = openDatabase(`sqlite:${tmp}`);
      try {
        const names = await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
          snap.kysely,
        );
        facts = await snapshotFacts(
          snap.kysely,
          names.rows.map((r) => r.name),
        );
      } finally {
        await snap.close();
      }
      const h = createHash('sha256');
      const size = (await stat(tmp)).size;
      await out.addStream(SQLITE_ENTRY, size, createReadStream(tmp), takenAt, (c) => h.update(c));
      database = { kind: 'sqlite', entry: SQLITE_ENTRY, sha256: h.digest('hex'), bytes: size };
    } else {
      const dump = await dumpPostgres(o.db, o.databaseUrl, tmp);
      facts = dump.facts;
      const h = createHash('sha256');
      await out.addStream(POSTGRES_ENTRY, dump.bytes, createReadStream(tmp), takenAt, (c) => h.update(c));
      database = { kind: 'postgres', entry: POSTGRES_ENTRY, sha256: h.digest('hex'), bytes: dump.bytes };
    }
    const blobs: Manifest['blobs'] = [];
    const damagedBlobs: string[] = [];
    for (const { path, sha } of await listBlobs(join(o.dataDir, 'blobs'))) {
      const size = (await stat(path)).size;
      const h = createHash('sha256');
      await out.addStream(
        `blobs/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`,
        size,
        createReadStream(path),
        takenAt,
        (c) => h.update(c),
      );
      if (h.digest('hex') === sha) blobs.push({ sha256: sha, size });
      else damagedBlobs.push(sha);
    }
    const files: Manifest['files'] = [];
    const cpFile = join(o.dataDir, CHECKPOINT_FILE);
    if (existsSync(cpFile)) {
      // Lines signed after the snapshot would name events the copy does not hold.
      const lines = readFileSync(cpFile, 'utf8')
        .split('\n')
        .filter((l) => {
          if (!l.trim()) return false;
          try {
            const c = JSON.parse(l) as { at?: string; sig?: string };
            return facts.checkpointSigs.has(c.sig ?? '') || (c.at ?? '') < takenAt.toISOString();
          } catch {
            return true; // kept as found: verify reports it
          }
        });
      const data = Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8');
      await out.addBuffer(`files/${CHECKPOINT_FILE}`, data, takenAt);
      files.push({ name: CHECKPOINT_FILE, sha256: sha256(data) });
    }
    const keyFile = join(o.dataDir, CHECKPOINT_KEY_FILE);
    if (existsSync(keyFile)) {
      const data = readFileSync(keyFile);
      await out.addBuffer(`files/${CHECKPOINT_KEY_FILE}`, data, takenAt);
      files.push({ name: CHECKPOINT_KEY_FILE, sha256: sha256(data) });
    }
    const manifest: Manifest = {
      format: 'jiyao-backup',
      version: 1,
      createdAt: takenAt.toISOString(),
      jiyaoVersion: o.version,
      database,
      tables: facts.tables,
      audit: facts.audit,
      blobs,
      damagedBlobs,
      files,
    };
    await out.addBuffer(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 1), 'utf8'), takenAt);
    await out.close();
    return manifest;
  } catch (e) {
    await out.close().catch(() => undefined);
    rmSync(file, { force: true });
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The content-addressed files under blobs/ (xx/yy/<sha256>), in name order; half-written .tmp files skipped. */
export async function listBlobs(root: string): Promise<Array<{ path: string; sha: string }>> {
  if (!existsSync(root)) return [];
  const found: Array<{ path: string; sha: string }> = [];
  for (const a of (await readdir(root)).sort()) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of (await readdir(join(root, a))).sort()) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      for (const name of (await readdir(join(root, a, b))).sort())
        if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(a + b))
          found.push({ path: join(root, a, b, name), sha: name });
    }
  }
  return found;
}
