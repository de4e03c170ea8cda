import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from './platform/config.js';
import { openServices } from './bootstrap.js';
import { dbKindOf, sqlitePathOf } from './platform/db/database.js';
import { createBackup } from './platform/backup/backup.js';
import { PgDumpMissing } from './platform/backup/postgres-dump.js';
import { restoreBackup, RestoreRefused } from './platform/backup/restore.js';

type Out = (line: string) => void;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `jiyao backup <file>`: a consistent online snapshot of the database and the blobs in one .tar.gz. */
export async function backupCommand(args: string[], out: Out, err: Out): Promise<number> {
  const target = args[0];
  if (!target || args.length > 1) {
    err('用法：jiyao backup <备份文件.tar.gz>');
    return 2;
  }
  const file = resolve(target);
  if (existsSync(file)) {
    err(`备份文件已存在：${file}（不会覆盖）`);
    return 2;
  }
  const config = loadConfig();
  if (dbKindOf(config.databaseUrl) === 'sqlite' && !existsSync(sqlitePathOf(config.databaseUrl))) {
    err(`找不到数据库文件：${sqlitePathOf(config.databaseUrl)}（请检查 DATA_DIR / DATABASE_URL）`);
    return 2;
  }
  const s = await openServices(config);
  try {
    const t0 = performance.now();
    const m = await createBackup(
      { db: s.db, databaseUrl: config.databaseUrl, dataDir: config.dataDir, version: s.version },
      file,
    );
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    out(`已备份到 ${file}（${mb(statSync(file).size)}，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒）`);
    out(
      `数据库（${m.database.kind}）：${Object.keys(m.tables).length} 张表，${rows} 行；附件文件 ${m.blobs.length} 个`,
    );
    for (const a of m.audit) out(`审计日志链头：单位 ${a.unitId} 第 ${a.seq} 条 ${a.hash}`);
    for (const d of m.damagedBlobs)
      err(`警告：附件文件 ${d} 与其 SHA-256 不符，已按原样备份；请运行 jiyao audit verify`);
    return m.damagedBlobs.length ? 1 : 0;
  } catch (e) {
    if (e instanceof PgDumpMissing) {
      err(
        `${e.message}。也可以自行备份：pg_dump --no-owner "$DATABASE_URL" > jiyao.sql，并另行复制 ${config.dataDir}/blobs`,
      );
      return 1;
    }
    throw e;
  } finally {
    await s.db.close();
    s.mailer.close();
  }
}

/** `jiyao restore <file>`: into an empty DATA_DIR (and an empty database), verified against the manifest. */
export async function restoreCommand(args: string[], out: Out, err: Out): Promise<number> {
  const source = args[0];
  if (!source || args.length > 1) {
    err('用法：jiyao restore <备份文件.tar.gz>（恢复到 DATA_DIR 指定的空目录）');
    return 2;
  }
  const config = loadConfig();
  try {
    const t0 = performance.now();
    const r = await restoreBackup(resolve(source), { dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    for (const w of r.warnings) err(`警告：${w}`);
    if (r.problems.length) {
      for (const p of r.problems) err(`不符：${p}`);
      err(`恢复结果与备份清单不符（${r.problems.length} 处）。已恢复的文件保留在 ${config.dataDir} 供检查，请勿启用。`);
      return 1;
    }
    out(`已恢复到 ${config.dataDir}（用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒），并按清单校验通过：`);
    out(
      `${Object.keys(r.manifest.tables).length} 张表共 ${r.rows} 行、${r.manifest.blobs.length} 个附件文件，审计日志链完整。`,
    );
    out(`备份时间 ${r.manifest.createdAt}。启动服务器前可再运行 jiyao audit verify。`);
    return 0;
  } catch (e) {
    if (e instanceof RestoreRefused) {
      err(e.message);
      return 2;
    }
    throw e;
  }
}
