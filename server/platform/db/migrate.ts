import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-topics-meetings.js';
import * as m0003 from './migrations/0003-record-minutes.js';
import * as m0004 from './migrations/0004-distribution.js';
import * as m0005 from './migrations/0005-audit-checkpoints.js';
import * as m0006 from './migrations/0006-backfill.js';
import * as m0007 from './migrations/0007-race-constraints.js';
import * as m0008 from './migrations/0008-list-order-indexes.js';
import * as m0009 from './migrations/0009-rank-and-comments.js';
import * as m0010 from './migrations/0010-tracking.js';
import * as m0011 from './migrations/0011-read-indexes.js';
import * as m0012 from './migrations/0012-ledger-order.js';
import * as m0013 from './migrations/0013-accountability.js';
import * as m0014 from './migrations/0014-search.js';
import * as m0015 from './migrations/0015-registers.js';
import * as m0016 from './migrations/0016-inspections.js';
import * as m0017 from './migrations/0017-archive.js';
import * as m0018a from './migrations/0018-oversight-indexes.js';
import * as m0018b from './migrations/0018-search-meta.js';
import * as m0019 from './migrations/0019-register-skipped.js';

/** Migrations are code, bundled with the server: no file scanning at run time. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-topics-meetings': m0002,
  '0003-record-minutes': m0003,
  '0004-distribution': m0004,
  '0005-audit-checkpoints': m0005,
  '0006-backfill': m0006,
  '0007-race-constraints': m0007,
  '0008-list-order-indexes': m0008,
  '0009-rank-and-comments': m0009,
  '0010-tracking': m0010,
  '0011-read-indexes': m0011,
  '0012-ledger-order': m0012,
  '0013-accountability': m0013,
  '0014-search': m0014,
  '0015-registers': m0015,
  '0016-inspections': m0016,
  '0017-archive': m0017,
  '0018-oversight-indexes': m0018a,
  '0018-search-meta': m0018b,
  '0019-register-skipped': m0019,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

export interface MigrateResult {
  applied: string[];
}

/**
 * Brings the schema up to date. Kysely runs each migration in a transaction and
 * holds a lock, so two servers starting together migrate once, and a failed
 * migration leaves the database as it was before that migration.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  migrations: Record<string, Migration> = MIGRATIONS,
  /** PostgreSQL: the schema the bookkeeping tables live in (default: the search path's first). */
  schema?: string,
): Promise<MigrateResult> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(migrations),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`数据库迁移失败（${failed}）：${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
