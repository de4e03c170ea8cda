import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { dbKindOf, openDatabase, sqlitePathOf } from '../db/database.js';
import { verifyChain } from '../audit/audit.js';
import { CHECKPOINT_FILE, CHECKPOINT_KEY_FILE } from '../audit/checkpoints.js';
import { MANIFEST_ENTRY, POSTGRES_ENTRY, SQLITE_ENTRY, type Manifest } from './backup.js';
import { readTarGz, type EntrySink } from './tar.js';
import { loadPostgres } from './postgres-load.js';
import { RestoreRefused } from './refused.js';

export { RestoreRefused };

export interface RestoreReport {
  manifest: Manifest;
  /** Everything that does not match the manifest; empty when the copy is whole. */
  problems: string[];
  warnings: string[];
  rows: number;
}

const TMP_DB = '.restore-database';

/**
 * `jiyao restore <file>` into an empty DATA_DIR (and, for SQLite, a database
 * file that does not exist yet): unpacks, then holds the copy against the
 * manifest — the database's SHA-256, rows per table, each unit's audit head and
 * chain, and the SHA-256 of every blob. Never writes over existing data.
 */
export async function restoreBackup(file: string, target: { dataDir: string; databaseUrl: string }) {
  if (!existsSync(file)) throw new RestoreRefused(`找不到备份文件：${file}`);
  if (existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0)
    throw new RestoreRefused(`目标数据目录不是空的：${target.dataDir}。恢复只写入空目录，以免覆盖现有数据。`);
  const kind = dbKindOf(target.databaseUrl);
  const dbPath = kind === 'sqlite' ? sqlitePathOf(target.databaseUrl) : null;
  if (dbPath && existsSync(dbPath)) throw new RestoreRefused(`数据库文件已存在：${dbPath}。恢复不会覆盖现有数据库。`);
  mkdirSync(target.dataDir, { recursive: true });

  const hashes = new Map<string, string>();
  let manifestText = '';
  const skipped: string[] = [];
  const unpack = readTarGz(file, async (name) => {
    let dest: string | null = null;
    if (name === MANIFEST_ENTRY) {
      const parts: Buffer[] = [];
      return {
        write: (c) => void parts.push(c),
        end: () => void (manifestText = Buffer.concat(parts).toString('utf8')),
      };
    }
    if (name === SQLITE_ENTRY || name === POSTGRES_ENTRY) dest = join(target.dataDir, TMP_DB);
    const blob = /^blobs\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/.exec(name);
    if (blob && blob[3]?.startsWith(`${blob[1]}${blob[2]}`)) dest = join(target.dataDir, name);
    if (name === `files/${CHECKPOINT_FILE}` || name === `files/${CHECKPOINT_KEY_FILE}`)
      dest = join(target.dataDir, name.slice('files/'.length));
    if (!dest) {
      skipped.push(name);
      return null;
    }
    return fileSink(dest, (sha) => hashes.set(name, sha));
  });
  await unpack.catch((e: unknown) => {
    throw new Error(
      `备份文件已损坏或不完整（${e instanceof Error ? e.message : String(e)}）；已解出的文件留在 ${target.dataDir} 供检查，请勿启用`,
    );
  });

  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
    if (manifest.format !== 'jiyao-backup' || manifest.version !== 1) throw new Error('format');
  } catch {
    throw new RestoreRefused('备份文件中没有可识别的清单（manifest.json），不是 jiyao 备份或已损坏');
  }
  const problems: string[] = [];
  const warnings = skipped.map((n) => `备份中的未知条目已跳过：${n}`);
  if (hashes.get(manifest.database.entry) !== manifest.database.sha256)
    problems.push(`数据库副本的 SHA-256 与清单不符（${manifest.database.entry}）`);
  for (const b of manifest.blobs) {
    const got = hashes.get(`blobs/${b.sha256.slice(0, 2)}/${b.sha256.slice(2, 4)}/${b.sha256}`);
    if (got === undefined) problems.push(`附件文件缺失：${b.sha256}`);
    else if (got !== b.sha256) problems.push(`附件文件内容与其 SHA-256 不符：${b.sha256}`);
  }
  for (const d of manifest.damagedBlobs)
    warnings.push(`附件文件 ${d} 在备份时已与其 SHA-256 不符（按原样恢复；请运行 jiyao audit verify 查看是哪份材料）`);
  for (const f of manifest.files)
    if (hashes.get(`files/${f.name}`) !== f.sha256) problems.push(`文件 ${f.name} 与清单不符`);

  if (manifest.database.kind === 'sqlite') {
    if (!dbPath) throw new RestoreRefused('这是 SQLite 备份：请不设置 DATABASE_URL（或设为 sqlite:…）后恢复');
    mkdirSync(dirname(dbPath), { recursive: true });
    renameSync(join(target.dataDir, TMP_DB), dbPath);
  } else {
    const sqlFile = join(target.dataDir, 'restore-postgres.sql');
    renameSync(join(target.dataDir, TMP_DB), sqlFile);
    if (kind !== 'postgres')
      throw new RestoreRefused(
        `这是 PostgreSQL 备份：附件已恢复到 ${target.dataDir}；数据库转储在 ${sqlFile}。` +
          '请设置 DATABASE_URL 指向一个空数据库后重新运行，或手工执行：psql "$DATABASE_URL" -v ON_ERROR_STOP=1 --single-transaction -f ' +
          sqlFile,
      );
    await loadPostgres(target.databaseUrl, sqlFile);
  }
  const rows = await checkDatabase(target.databaseUrl, manifest, problems);
  return { manifest, problems, warnings, rows } satisfies RestoreReport;
}

/** Rows per table, audit heads and chains of the restored database against the manifest. */
async function checkDatabase(url: string, manifest: Manifest, problems: string[]): Promise<number> {
  const db = openDatabase(url, { poolSize: 2 });
  let rows = 0;
  try {
    for (const [table, want] of Object.entries(manifest.tables)) {
      const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
      const got = Number(r.rows[0]?.n ?? -1);
      rows += got;
      if (got !== want) problems.push(`表 ${table}：恢复后 ${got} 行，清单为 ${want} 行`);
    }
    for (const head of manifest.audit) {
      const v = await verifyChain(db.kysely, head.unitId);
      if (!v.ok) problems.push(`单位 ${head.unitId} 的审计日志链在第 ${v.brokenAt} 条断开（${v.reason}）`);
      else if (v.count !== head.seq)
        problems.push(`单位 ${head.unitId} 的审计日志有 ${v.count} 条，清单为 ${head.seq} 条`);
      else {
        const last = await db.kysely
          .selectFrom('audit_events')
          .select('hash')
          .where('unit_id', '=', head.unitId)
          .where('seq', '=', head.seq)
          .executeTakeFirst();
        if (last?.hash !== head.hash) problems.push(`单位 ${head.unitId} 的审计日志链头哈希与清单不符`);
      }
    }
  } finally {
    await db.close();
  }
  return rows;
}

/** Writes an entry to `path` (created exclusively), hashing it on the way. */
async function fileSink(path: string, done: (sha: string) => void): Promise<EntrySink> {
  mkdirSync(dirname(path), { recursive: true });
  const fh = await open(path, 'wx', 0o600);
  const h = createHash('sha256');
  return {
    async write(c) {
      h.update(c);
      await fh.write(c);
    },
    async end() {
      await fh.close();
      done(h.digest('hex'));
    },
  };
}
