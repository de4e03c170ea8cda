/**
 * `npm run bench:backup` — what `jiyao backup` and `jiyao restore` cost on a year of a busy bureau
 * (SQLite, the default deployment): the shared generator's data (scripts/scale/generate.ts),
 * BENCH_SCALE units,divisions,years (default 6,20,1: ≈ 2000 meetings with their topics, record,
 * issued and sealed minutes, distribution entries and notices), a dozen chained audit events per
 * meeting, plus BENCH_ATTACHMENTS attachments (default 1000) of BENCH_ATTACHMENT_KB (default 200 KB)
 * of incompressible bytes. Measures the backup (snapshot + blobs + manifest into
 * one .tar.gz) and the restore into an empty folder with its verification against the manifest.
 * Prints the figures and, last, one JSON line. Never fails for slowness.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { ManualClock } from '../server/platform/clock.js';
import { loadConfig } from '../server/platform/config.js';
import { createMailer } from '../server/platform/mail/mailer.js';
import { DiskBlobStore } from '../server/platform/storage/blob-store.js';
import type { Services } from '../server/platform/services.js';
import { appendAudit } from '../server/platform/audit/audit.js';
import { writeCheckpoint } from '../server/platform/audit/checkpoints.js';
import { generateScale } from './scale/generate.js';
import { createBackup } from '../server/platform/backup/backup.js';
import { restoreBackup } from '../server/platform/backup/restore.js';

/** units,divisions,years: 6 × 20 × 1 is ≈ 2000 meetings a year, the busy bureau of before. */
const [units = 6, divisions = 20, years = 1] = (process.env.BENCH_SCALE ?? '6,20,1').split(',').map(Number);
const SCALE = { units, divisions, years };
const ATTACHMENTS = Number(process.env.BENCH_ATTACHMENTS ?? 1000);
const ATTACHMENT_KB = Number(process.env.BENCH_ATTACHMENT_KB ?? 200);
const EVENTS_PER_MEETING = 12;

const dir = mkdtempSync(join(tmpdir(), 'jiyao-bench-backup-'));
const dataDir = join(dir, 'data');
const db = openDatabase(`sqlite:${join(dataDir, 'jiyao.db')}`);
await migrateToLatest(db.kysely as unknown as Kysely<unknown>);
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const s: Services = {
  db,
  clock: new ManualClock('2026-11-02T01:00:00Z'),
  config,
  version: 'bench',
  blobs: new DiskBlobStore(join(dataDir, 'blobs')),
  mailer: createMailer(null, config.mailFrom),
};

try {
  const t0 = performance.now();
  await generateScale(db, { ...SCALE, now: s.clock.now() });
  const k = db.kysely;
  // A dozen chained audit events per meeting (the generator writes none: the reads do not touch them).
  const meetings = await k
    .selectFrom('meetings as m')
    .innerJoin('users as u', 'u.id', 'm.chair_id')
    .select(['m.id', 'm.unit_id', 'm.starts_at', 'u.id as user_id', 'u.display_name'])
    .orderBy('m.unit_id')
    .orderBy('m.starts_at')
    .execute();
  for (const m of meetings)
    await k.transaction().execute(async (trx) => {
      for (let e = 0; e < EVENTS_PER_MEETING; e++)
        await appendAudit(trx, 'sqlite', {
          unitId: m.unit_id,
          actorId: m.user_id,
          actorName: m.display_name,
          action: e === 0 ? 'minutes.issue' : 'meeting.update',
          subjectType: 'meeting',
          subjectId: m.id,
          data: { n: e },
          at: new Date(m.starts_at),
          alg: 'sha256',
        });
    });
  const users = await k.selectFrom('users').select('id').limit(1).execute();
  const topic = await k.selectFrom('topics').select(['id', 'unit_id']).executeTakeFirst();
  for (let i = 0; i < ATTACHMENTS; i++) {
    const sha = await s.blobs.put(randomBytes(ATTACHMENT_KB * 1024));
    if (!topic) continue;
    await k
      .insertInto('attachments')
      .values({
        id: randomUUID(),
        unit_id: topic.unit_id,
        topic_id: topic.id,
        sha256: sha,
        size: ATTACHMENT_KB * 1024,
        file_type: 'pdf',
        filename: `材料${i}.pdf`,
        uploaded_by: users[0]?.id as string,
        created_at: '2026-01-01T00:00:00.000Z',
        deleted_at: null,
      })
      .execute();
  }
  for (const u of await k.selectFrom('units').select('unit_id').execute())
    await writeCheckpoint(k, config, u.unit_id, new Date());
  const fillSeconds = (performance.now() - t0) / 1000;

  const archive = join(dir, 'backup.tar.gz');
  let t = performance.now();
  const manifest = await createBackup({ db, databaseUrl: 'sqlite:', dataDir, version: 'bench' }, archive);
  const backupSeconds = (performance.now() - t) / 1000;
  const restored = join(dir, 'restored');
  t = performance.now();
  const report = await restoreBackup(archive, {
    dataDir: restored,
    databaseUrl: `sqlite:${join(restored, 'jiyao.db')}`,
  });
  const restoreSeconds = (performance.now() - t) / 1000;
  if (report.problems.length) throw new Error(`restore problems: ${report.problems.join('; ')}`);
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  const r = {
    scale: SCALE,
    meetings: meetings.length,
    rows,
    auditEvents: manifest.tables.audit_events,
    blobs: manifest.blobs.length,
    blobMB: Math.round((ATTACHMENTS * ATTACHMENT_KB) / 1024),
    databaseMB: Math.round((manifest.database.bytes / 1024 / 1024) * 10) / 10,
    archiveMB: Math.round((statSync(archive).size / 1024 / 1024) * 10) / 10,
    fillSeconds: Math.round(fillSeconds * 10) / 10,
    backupSeconds: Math.round(backupSeconds * 10) / 10,
    restoreSeconds: Math.round(restoreSeconds * 10) / 10,
  };
  console.log(
    `SQLite，${units} 个单位一年数据：${meetings.length} 次会议、${rows} 行（审计事件 ${r.auditEvents} 条）、${r.blobs} 个附件文件（${r.blobMB} MB）；` +
      `数据库 ${r.databaseMB} MB → 备份文件 ${r.archiveMB} MB。备份 ${r.backupSeconds} 秒，恢复并校验 ${r.restoreSeconds} 秒。`,
  );
  console.log(JSON.stringify(r));
} finally {
  await db.close();
  s.mailer.close();
  rmSync(dir, { recursive: true, force: true });
}
