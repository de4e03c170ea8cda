import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Kysely, Migration } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDb, makeHarness, TEST_DB } from '../../test/harness.js';
import { migrateToLatest, MIGRATIONS } from './migrate.js';
import { openDatabase } from './database.js';
import { verifyChain } from '../audit/audit.js';

const root = resolve(import.meta.dirname, '../../..');

describe('migrations', () => {
  it('are idempotent', async () => {
    const t = await freshDb();
    expect((await migrateToLatest(t.db.kysely as unknown as Kysely<unknown>, undefined, t.db.schema)).applied).toEqual(
      [],
    );
    await t.drop();
  });

  it('a failed migration changes nothing and the data stays', async () => {
    const h = await makeHarness();
    const k = h.s.db.kysely as unknown as Kysely<unknown>;
    const users = await h.s.db.kysely.selectFrom('users').select('id').execute();
    const broken: Migration = {
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'text').execute();
        await db.schema.alterTable('users').addColumn('oops', 'text').execute();
        throw new Error('boom');
      },
    };
    await expect(migrateToLatest(k, { ...MIGRATIONS, '9999-broken': broken }, h.s.db.schema)).rejects.toThrow(
      /9999-broken/,
    );
    const tables = await h.s.db.kysely.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('half_done');
    expect(tables.find((t) => t.name === 'users')?.columns.map((c) => c.name)).not.toContain('oops');
    expect(await h.s.db.kysely.selectFrom('users').select('id').execute()).toEqual(users);
    expect((await migrateToLatest(k, undefined, h.s.db.schema)).applied).toEqual([]);
    await h.close();
  });
});

async function waitHealthy(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server on ${port} did not start`);
}

async function httpLogin(port: number): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
  });
  const body = (await r.json()) as { csrfToken: string };
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: body.csrfToken };
}

describe.runIf(TEST_DB === 'sqlite')('two server processes on one SQLite file', () => {
  let dir = '';
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('start together, seed once, write concurrently, and keep one intact audit chain', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiyao-two-'));
    const ports = [31000 + Math.floor(Math.random() * 1000), 32000 + Math.floor(Math.random() * 1000)];
    for (const port of ports) {
      children.push(
        spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
          cwd: root,
          env: { ...process.env, PORT: String(port), DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
          stdio: 'ignore',
        }),
      );
    }
    await Promise.all(ports.map(waitHealthy));
    const sessions = await Promise.all(ports.map(httpLogin));
    const writes = ports.flatMap((port, i) =>
      Array.from({ length: 15 }, (_, n) =>
        fetch(`http://127.0.0.1:${port}/api/admin/divisions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: sessions[i]?.cookie ?? '',
            'x-csrf-token': sessions[i]?.csrf ?? '',
          },
          body: JSON.stringify({ name: `并发处${i}-${n}`, kind: 'business' }),
        }).then((r) => r.status),
      ),
    );
    expect(await Promise.all(writes)).toEqual(Array(30).fill(201));
    const db = openDatabase(`sqlite:${join(dir, 'jiyao.db')}`);
    const units = await db.kysely.selectFrom('units').select('unit_id').execute();
    expect(units).toHaveLength(1);
    const created = await db.kysely.selectFrom('divisions').select('id').where('name', 'like', '并发处%').execute();
    expect(created).toHaveLength(30);
    const v = await verifyChain(db.kysely, units[0]?.unit_id ?? '');
    expect(v.ok).toBe(true);
    expect(v.count).toBe(1 + 2 + 30); // seed + two logins + thirty creations
    await db.close();
  });
});

describe.runIf(TEST_DB === 'postgres')('two servers on one PostgreSQL schema', () => {
  it('write concurrently and keep one intact audit chain', async () => {
    const h1 = await makeHarness();
    const second = openDatabase(h1.testDb.url, { searchPath: h1.testDb.searchPath ?? 'public', poolSize: 5 });
    const h2 = await makeHarness({ seed: false, testDb: { ...h1.testDb, db: second, drop: () => second.close() } });
    const [a, b] = [await h1.login('admin'), await h2.login('admin')];
    const writes = [a, b].flatMap((c, i) =>
      Array.from({ length: 15 }, (_, n) =>
        c.post('/api/admin/divisions', { name: `并发处${i}-${n}`, kind: 'business' }).then((r) => r.statusCode),
      ),
    );
    expect(await Promise.all(writes)).toEqual(Array(30).fill(201));
    const unit = await h1.s.db.kysely.selectFrom('units').select('unit_id').executeTakeFirstOrThrow();
    const v = await verifyChain(h1.s.db.kysely, unit.unit_id);
    expect(v).toMatchObject({ ok: true, count: 1 + 2 + 30 });
    await h2.close();
    await h1.close();
  });
});
