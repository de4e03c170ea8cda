import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createMailer } from './platform/mail/mailer.js';
import { DiskBlobStore } from './platform/storage/blob-store.js';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { Services } from './platform/services.js';

/** The package version, read once (works from the sources and from the bundle). */
export function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [resolve(here, '../package.json'), resolve(here, '../../package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'jiyao' && pkg.version) return pkg.version;
    } catch {
      // try the next place
    }
  }
  return '0.0.0';
}

/** Opens the database named by the config and brings its schema up to date. */
export async function openServices(config: Config, clock: Clock = systemClock): Promise<Services> {
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db.kysely as unknown as Kysely<unknown>, undefined, db.schema);
  } catch (e) {
    await db.close();
    throw e;
  }
  return {
    db,
    clock,
    config,
    version: packageVersion(),
    blobs: new DiskBlobStore(join(config.dataDir, 'blobs')),
    mailer: createMailer(config.smtpUrl, config.mailFrom),
  };
}
