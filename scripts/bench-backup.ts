/**
 * `npm run bench:backup` — what `jiyao backup` and `jiyao restore` cost on a year of a busy bureau
 * (SQLite, the default deployment): BENCH_MEETINGS meetings (default 2000) across the business
 * divisions, each with its issued, sealed minutes (≈ 3 KB of text), its distribution entries and a
 * dozen chained audit events, plus BENCH_ATTACHMENTS attachments (default 1000) of BENCH_ATTACHMENT_KB
 * (default 200 KB) of incompressible bytes. Measures the backup (snapshot + blobs + manifest into
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
import { seedDemoBureau } from '../server/seed/units.js';
import { minutesContentHash } from '../server/modules/minutes/minutes-seal.js';
import { createBackup } from '../server/platform/backup/backup.js';
import { restoreBackup } from '../server/platform/backup/restore.js';
import { addDays } from '../core/calendar/working-days.js';

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 2000);
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
  await seedDemoBureau(s);
  const k = db.kysely;
  const unit = await k.selectFrom('units').select('unit_id').executeTakeFirstOrThrow();
  const divisions = await k.selectFrom('divisions').select('id').where('kind', '=', 'business').execute();
  const users = await k.selectFrom('users').select(['id', 'display_name']).execute();
  const paragraph =
    '会议听取了有关情况的汇报，研究了贯彻落实措施，议定由相关处室按职责抓好落实，并于规定时限内报告进展。';
  for (let i = 0; i < MEETINGS; i++) {
    const division = divisions[i % divisions.length]?.id as string;
    const user = users[i % users.length] as { id: string; display_name: string };
    const day = addDays('2025-11-03', Math.floor((i * 360) / MEETINGS));
    const at = new Date(`${day}T09:00:00+08:00`).toISOString();
    const meetingId = randomUUID();
    const minutesId = randomUUID();
    const number = `〔${day.slice(0, 4)}〕${i + 1}号`;
    const content = JSON.stringify({
      title: '处务会会议纪要',
      opening: `${day}，处务会召开。现将会议议定事项纪要如下：`,
      sections: Array.from({ length: 4 }, (_, j) => ({
        topicId: randomUUID(),
        heading: `${'一二三四'[j]}、关于第${j + 1}项工作`,
        body: paragraph.repeat(6),
      })),
      present: users.slice(0, 6).map((u) => u.display_name),
      leave: [],
      observers: [],
      recorder: user.display_name,
      distribution: '分送：局主要领导，分管领导，局纪委书记，监察室（备案）',
    });
    await k.transaction().execute(async (trx) => {
      await trx
        .insertInto('meetings')
        .values({
          id: meetingId,
          unit_id: unit.unit_id,
          division_id: division,
          kind: 'regular',
          title: `处务会 ${day}`,
          starts_at: at,
          place: '会议室',
          chair_id: user.id,
          recorder_id: user.id,
          convened_by: user.id,
          chair_designated_by: null,
          status: 'minutes_issued',
          cancel_reason: null,
          notified_at: at,
          started_at: at,
          closed_at: at,
          checkin_secret: 'x',
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('minutes')
        .values({
          id: minutesId,
          unit_id: unit.unit_id,
          meeting_id: meetingId,
          division_id: division,
          status: 'issued',
          content,
          version: 3,
          number_year: Number(day.slice(0, 4)),
          number_seq: i + 1,
          number,
          revision: 0,
          supersedes_id: null,
          content_hash: minutesContentHash('sha256', meetingId, number, 0, content),
          hash_alg: 'sha256',
          created_by: user.id,
          issued_by: user.id,
          issued_at: at,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('distribution_entries')
        .values(
          users.slice(0, 8).map((u) => ({
            id: randomUUID(),
            unit_id: unit.unit_id,
            minutes_id: minutesId,
            meeting_id: meetingId,
            purpose: 'circulate',
            recipient_role: 'division_member',
            recipient_id: u.id,
            recipient_division_id: null,
            due_date: day,
            deadline: at,
            provisional: 0,
            sent_at: at,
            read_at: at,
            received_at: null,
            received_by: null,
            created_at: at,
          })),
        )
        .execute();
      for (let e = 0; e < EVENTS_PER_MEETING; e++)
        await appendAudit(trx, 'sqlite', {
          unitId: unit.unit_id,
          actorId: user.id,
          actorName: user.display_name,
          action: e === 0 ? 'minutes.issue' : 'meeting.update',
          subjectType: 'meeting',
          subjectId: meetingId,
          data: { n: e },
          at: new Date(at),
          alg: 'sha256',
        });
    });
  }
  const topic = await k.selectFrom('topics').select('id').executeTakeFirst();
  for (let i = 0; i < ATTACHMENTS; i++) {
    const sha = await s.blobs.put(randomBytes(ATTACHMENT_KB * 1024));
    if (!topic) continue;
    await k
      .insertInto('attachments')
      .values({
        id: randomUUID(),
        unit_id: unit.unit_id,
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
  await writeCheckpoint(k, config, unit.unit_id, new Date());
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
    meetings: MEETINGS,
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
    `SQLite，一年数据：${MEETINGS} 次会议、${rows} 行（审计事件 ${r.auditEvents} 条）、${r.blobs} 个附件文件（${r.blobMB} MB）；` +
      `数据库 ${r.databaseMB} MB → 备份文件 ${r.archiveMB} MB。备份 ${r.backupSeconds} 秒，恢复并校验 ${r.restoreSeconds} 秒。`,
  );
  console.log(JSON.stringify(r));
} finally {
  await db.close();
  s.mailer.close();
  rmSync(dir, { recursive: true, force: true });
}
