import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../../server/platform/db/database.js';
import { migrateToLatest } from '../../server/platform/db/migrate.js';
import { ManualClock } from '../../server/platform/clock.js';
import { loadConfig } from '../../server/platform/config.js';
import { createMailer } from '../../server/platform/mail/mailer.js';
import { DiskBlobStore } from '../../server/platform/storage/blob-store.js';
import type { Services } from '../../server/platform/services.js';

/**
 * The services a bench runs against, migrated and empty: on PostgreSQL (when `pgUrl` is given)
 * a fresh schema of that database, else a SQLite file; both under a temporary data directory
 * (`jiyao-bench-<name>-…`) with its blob store, a manual clock at `now`, no mail. `drop` closes
 * the database and removes the schema and the directory.
 */
export async function benchServices(
  name: string,
  kind: 'sqlite' | 'postgres',
  pgUrl: string | null | undefined,
  now: string,
): Promise<{ s: Services; clock: ManualClock; dir: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `jiyao-bench-${name}-`));
  const rmDir = async () => rmSync(dir, { recursive: true, force: true });
  let db: Db;
  let drop: () => Promise<void>;
  if (kind === 'postgres' && pgUrl) {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const run = async (q: string) => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await run(`create schema ${schema}`);
    db = openDatabase(pgUrl, { searchPath: schema, poolSize: 5 });
    await migrateToLatest(db.kysely as unknown as Kysely<unknown>, undefined, db.schema);
    drop = async () => {
      await db.close();
      await run(`drop schema ${schema} cascade`);
      await rmDir();
    };
  } else {
    db = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
    await migrateToLatest(db.kysely as unknown as Kysely<unknown>);
    drop = async () => {
      await db.close();
      await rmDir();
    };
  }
  const clock = new ManualClock(now);
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const s: Services = {
    db,
    clock,
    config,
    version: 'bench',
    blobs: new DiskBlobStore(join(dir, 'blobs')),
    mailer: createMailer(null, config.mailFrom),
  };
  return { s, clock, dir, drop };
}
