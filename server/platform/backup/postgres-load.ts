import { spawn } from 'node:child_process';
import pg from 'pg';
import { RestoreRefused } from './refused.js';

/**
 * Loads a pg_dump into the database of `url` with psql, in one transaction
 * (ON_ERROR_STOP: all or nothing) — only when that database's schema holds no
 * tables yet. psql must be on PATH (postgresql-client).
 */
export async function loadPostgres(url: string, sqlFile: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema = current_schema()`,
    );
    if (Number(r.rows[0]?.n) > 0)
      throw new RestoreRefused(`目标 PostgreSQL 数据库不是空的（已有 ${r.rows[0]?.n} 张表）。恢复只写入空数据库。`);
  } finally {
    await c.end();
  }
  await new Promise<void>((resolve, reject) => {
    const p = spawn('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', sqlFile, url], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    p.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new RestoreRefused(`找不到 psql：请安装 PostgreSQL 客户端，或手工执行 psql "$DATABASE_URL" -f ${sqlFile}`)
          : e,
      ),
    );
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql 失败（${code}）：${stderr.trim()}`))));
  });
}
