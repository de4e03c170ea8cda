import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import pg from 'pg';
import type { Db } from '../db/database.js';

export class PgDumpMissing extends Error {}

/**
 * PostgreSQL: `pg_dump` (plain SQL, no owners or grants) of the database (of the
 * schema in use when it is not `public`, as in the tests' schema per suite),
 * run inside a snapshot this function exports from a repeatable-read
 * transaction, from which it also reads the row counts and audit heads — so the
 * dump and the manifest describe the same instant while the servers keep writing.
 * pg_dump must be on PATH (the postgresql-client package, same major version or newer).
 */
export async function dumpPostgres(db: Db, url: string, target: string) {
  const client = new pg.Client({
    connectionString: url,
    ...(db.schema ? { options: `-c search_path=${db.schema}` } : {}),
  });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
    const schema = (await client.query<{ s: string }>('select current_schema() as s')).rows[0]?.s ?? 'public';
    const names = await client.query<{ t: string }>(
      `select table_name as t from information_schema.tables
       where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
    );
    const tables: Record<string, number> = {};
    for (const { t } of names.rows)
      tables[t] = Number(
        (await client.query<{ n: string }>(`select count(*) as n from "${t.replace(/"/g, '""')}"`)).rows[0]?.n,
      );
    const heads = await client.query<{ unit_id: string; seq: string; hash: string }>(
      `select e.unit_id, e.seq, e.hash from audit_events e
       where e.seq = (select max(seq) from audit_events x where x.unit_id = e.unit_id) order by e.unit_id`,
    );
    const sigs = await client.query<{ signature: string }>('select signature from audit_checkpoints');
    await new Promise<void>((resolve, reject) => {
      const p = spawn(
        'pg_dump',
        [
          `--snapshot=${snapshot}`,
          '--no-owner',
          '--no-privileges',
          '--format=plain',
          ...(schema === 'public' ? [] : [`--schema=${schema}`]),
          `--file=${target}`,
          url,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      p.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      p.on('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'ENOENT' ? new PgDumpMissing('找不到 pg_dump：请安装 PostgreSQL 客户端（postgresql-client）') : e,
        ),
      );
      p.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`pg_dump 失败（${code}）：${stderr.trim()}`)),
      );
    });
    await client.query('commit');
    return {
      bytes: statSync(target).size,
      facts: {
        tables,
        audit: heads.rows.map((r) => ({ unitId: r.unit_id, seq: Number(r.seq), hash: r.hash })),
        checkpointSigs: new Set(sigs.rows.map((r) => r.signature)),
      },
    };
  } finally {
    await client.end();
  }
}
