import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, sql, SqliteAdapter, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, DialectAdapter } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.js';

export type DbKind = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  kind: DbKind;
  /** PostgreSQL: the schema in use (search_path), when one was chosen. */
  schema?: string;
  close(): Promise<void>;
}

/**
 * SQLite transactions start as `BEGIN IMMEDIATE`: a write transaction takes the
 * write lock up front, so two processes on one file wait (busy_timeout) instead of
 * failing half-way with SQLITE_BUSY when a read upgrades to a write.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite's DDL is transactional; telling Kysely so makes each migration run in
 * one (immediate) transaction: a failed migration leaves nothing behind, and two
 * processes starting on one file migrate one after the other.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function dbKindOf(url: string): DbKind {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** The SQLite file a `sqlite:` / `file:` URL (or a bare path) names. */
export function sqlitePathOf(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:(\/\/)?/, '');
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to work in (tests use one per suite). */
  searchPath?: string;
  poolSize?: number;
}

export function openDatabase(url: string, options: OpenOptions = {}): Db {
  if (dbKindOf(url) === 'postgres') {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      kind: 'postgres',
      ...(options.searchPath ? { schema: options.searchPath } : {}),
      close: () => kysely.destroy(),
    };
  }
  const path = sqlitePathOf(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('synchronous = NORMAL');
  // Reads at scale (the search index's rows by id, the compliance matrix's facts) touch pages all
  // over a file of hundreds of MB: a 64 MiB page cache, the file memory-mapped (up to 1 GiB) so a
  // page already in the OS cache costs no read() call, and sorts and materialised CTEs in memory.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 1073741824');
  sqlite.pragma('temp_store = MEMORY');
  const kysely = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { kysely, kind: 'sqlite', close: () => kysely.destroy() };
}

/**
 * Kysely prepares every statement anew; preparing is the largest single cost of a
 * small query on SQLite. The same SQL text gets the same prepared statement
 * (bounded cache; statements are run synchronously, so sharing one is safe).
 */
function withStatementCache(db: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string): SQLite.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** PostgreSQL answers count/sum as strings, SQLite as numbers: one normalisation. */
export function toNumber(v: string | number | bigint | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : Number(v);
}

/**
 * A unique constraint refused the write: the losing side of a race that rests on
 * a constraint (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY).
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The tables whose rows a use case may lock before it reads them to decide a write. */
export type LockableTable =
  | 'topics'
  | 'meetings'
  | 'minutes'
  | 'divisions'
  | 'leave_requests'
  | 'tracking_items'
  | 'cases'
  | 'inspections'
  | 'inspection_findings';

/**
 * Locks one row for the rest of the transaction on PostgreSQL, so a
 * read-then-write check cannot race under READ COMMITTED. `FOR NO KEY UPDATE`
 * (what an UPDATE takes) queues writers of the row but not inserts of rows that
 * reference it, so a child row inserted first cannot deadlock with the lock.
 * SQLite's transactions are immediate: writers are already serialised.
 */
/**
 * Serialises the transactions that decide on something no single row stands for (a
 * unit's imports of one register kind): PostgreSQL's transaction-scoped advisory lock
 * on the key's hash; SQLite's write transactions are serialised already.
 */
export async function lockKey(db: Db, trx: Kysely<Database>, key: string): Promise<void> {
  if (db.kind !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

export async function lockRow(db: Db, trx: Kysely<Database>, table: LockableTable, id: string): Promise<void> {
  if (db.kind !== 'postgres') return;
  await sql`select id from ${sql.table(table)} where id = ${id} for no key update`.execute(trx);
}
