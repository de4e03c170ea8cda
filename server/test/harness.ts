/**
 * Test harness: a fresh database per suite (SQLite in memory, or a fresh schema
 * in PostgreSQL when TEST_DB=postgres), the demo bureau seeded, a manual clock,
 * and logged-in clients that carry their cookie and CSRF token.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer } from '../platform/mail/mailer.js';
import { DiskBlobStore } from '../platform/storage/blob-store.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { ManualClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import type { Services } from '../platform/services.js';
import { createApp } from '../app.js';
import { seedDemoBureau } from '../seed/units.js';
import { DEMO_PASSWORD } from '../seed/demo-bureau.data.js';

/** The demo accounts of the README, one per role. */
export const DEMO_ROLES = [
  'admin',
  'secadmin',
  'auditor',
  'director',
  'leader',
  'jiwei',
  'jiancha',
  'head',
  'deputy',
  'recorder',
  'staff',
] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  db: Db;
  /** A URL another process or a second Db can open to reach the same data. */
  url: string;
  searchPath?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database: SQLite in memory or a file, or a new PostgreSQL schema. */
export async function freshDb(opts: { sqliteFile?: string } = {}): Promise<TestDb> {
  if (TEST_DB === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const db = openDatabase(PG_URL, { searchPath: schema, poolSize: 5 });
    await migrateToLatest(db.kysely as unknown as Kysely<unknown>, undefined, db.schema);
    return {
      db,
      url: PG_URL,
      searchPath: schema,
      drop: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const url = opts.sqliteFile ? `sqlite:${opts.sqliteFile}` : 'sqlite::memory:';
  const db = openDatabase(url);
  await migrateToLatest(db.kysely as unknown as Kysely<unknown>, undefined, db.schema);
  return { db, url, drop: () => db.close() };
}

export interface Client {
  username: string;
  csrf: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export interface Harness {
  s: Services;
  app: FastifyInstance;
  clock: ManualClock;
  testDb: TestDb;
  login(username: string, password?: string): Promise<Client>;
  /** An unauthenticated request. */
  anon(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  userId(username: string): Promise<string>;
  divisionId(name: string): Promise<string>;
  auditCount(): Promise<number>;
  close(): Promise<void>;
}

export async function makeHarness(
  opts: { seed?: boolean; testDb?: TestDb; env?: Record<string, string> } = {},
): Promise<Harness> {
  const testDb = opts.testDb ?? (await freshDb());
  const clock = new ManualClock('2026-11-02T01:00:00Z');
  const dataDir = mkdtempSync(join(tmpdir(), 'jiyao-test-data-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', UPLOAD_MAX_MB: '2', ...opts.env });
  const s: Services = {
    db: testDb.db,
    clock,
    config,
    version: 'test',
    blobs: new DiskBlobStore(join(dataDir, 'blobs')),
    mailer: createMailer(config.smtpUrl, config.mailFrom),
  };
  if (opts.seed !== false) await seedDemoBureau(s);
  const app = await createApp(s, { webDir: null });
  await app.ready();

  const h: Harness = {
    s,
    app,
    clock,
    testDb,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === config.cookieName);
      if (!cookie) throw new Error('no session cookie');
      return clientFor(
        app,
        username,
        `${cookie.name}=${cookie.value}`,
        (res.json() as { csrfToken: string }).csrfToken,
      );
    },
    anon: (method, url, body) =>
      app.inject({ method, url, ...(body === undefined ? {} : { payload: body as object }) }),
    async userId(username) {
      const u = await s.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return u.id;
    },
    async divisionId(name) {
      const d = await s.db.kysely
        .selectFrom('divisions')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      return d.id;
    },
    async auditCount() {
      const r = await s.db.kysely
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async close() {
      await app.close();
      s.mailer.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export function clientFor(app: FastifyInstance, username: string, cookie: string, csrf: string): Client {
  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    username,
    csrf,
    cookie,
    get: (url) => send('GET', url),
    post: (url, body, headers) => send('POST', url, body, headers),
    put: (url, body) => send('PUT', url, body),
    patch: (url, body) => send('PATCH', url, body),
    del: (url) => send('DELETE', url),
  };
}

/** The error code of a response body. */
export function codeOf(res: LightMyRequestResponse): string | undefined {
  try {
    return (res.json() as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

export { sql };
