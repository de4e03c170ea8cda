/**
 * `npm run bench:jobs` — what the scheduled jobs (R5.8–R5.10 reminders, overdue marks) cost on a
 * year of a busy bureau: BENCH_MEETINGS held meetings (default 2000) across the business divisions,
 * two thirds with issued minutes and their distribution entries (one per recipient, most unread),
 * the rest pending or past their deadline. Measures, on SQLite and (with BENCH_DATABASE_URL) on
 * PostgreSQL in a fresh schema:
 *   - the first tick at 09:30 on a working day (marks every overdue meeting, sends every unread and
 *     unsigned reminder: thousands of notices, each unit of work claimed),
 *   - a second tick a minute later (all claimed: nothing to do — the steady state),
 *   - issuing one more minutes through the API use case (entries and notices in the same transaction).
 * Prints the figures and, last, one JSON line. Never fails for slowness.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { ManualClock } from '../server/platform/clock.js';
import { loadConfig } from '../server/platform/config.js';
import { createMailer } from '../server/platform/mail/mailer.js';
import { DiskBlobStore } from '../server/platform/storage/blob-store.js';
import type { Services } from '../server/platform/services.js';
import { seedDemoBureau } from '../server/seed/units.js';
import { Scheduler } from '../server/platform/jobs/scheduler.js';
import { JOBS } from '../server/modules/distribution/jobs.js';
import { loadCalendar } from '../server/modules/calendar/calendar.service.js';
import { recipientsOf } from '../server/modules/distribution/distribution.js';
import { readSettings } from '../server/platform/settings/settings.repository.js';
import { addDays } from '../core/calendar/working-days.js';

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 2000);
const PG_URL = process.env.BENCH_DATABASE_URL;

async function setUp(
  kind: 'sqlite' | 'postgres',
): Promise<{ s: Services; clock: ManualClock; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-bench-jobs-'));
  let db: Db;
  let drop = async () => rmSync(dir, { recursive: true, force: true });
  if (kind === 'postgres' && PG_URL) {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    db = openDatabase(PG_URL, { searchPath: schema, poolSize: 5 });
    await migrateToLatest(db.kysely as unknown as Kysely<unknown>, undefined, db.schema);
    const rmDir = drop;
    drop = async () => {
      await db.close();
      const c2 = new pg.Client({ connectionString: PG_URL });
      await c2.connect();
      await c2.query(`drop schema ${schema} cascade`);
      await c2.end();
      await rmDir();
    };
  } else {
    db = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
    await migrateToLatest(db.kysely as unknown as Kysely<unknown>);
    const rmDir = drop;
    drop = async () => {
      await db.close();
      await rmDir();
    };
  }
  const clock = new ManualClock('2026-11-02T01:00:00Z');
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const s: Services = {
    db,
    clock,
    config,
    version: 'bench',
    blobs: new DiskBlobStore(join(dir, 'blobs')),
    mailer: createMailer(null, config.mailFrom),
  };
  await seedDemoBureau(s);
  return { s, clock, drop };
}

/** A year of meetings, written directly (the use cases are measured by the tests; this is about volume). */
async function fill(s: Services): Promise<{ entries: number }> {
  const k = s.db.kysely;
  const unit = await k.selectFrom('units').select('unit_id').executeTakeFirstOrThrow();
  const divisions = await k.selectFrom('divisions').select(['id']).where('kind', '=', 'business').execute();
  const cal = await loadCalendar(k, unit.unit_id);
  const regime = (await readSettings(k, unit.unit_id, 'regime')).value;
  let entries = 0;
  const now = '2026-11-02T01:00:00.000Z';
  for (let i = 0; i < MEETINGS; i++) {
    const division = divisions[i % divisions.length]?.id as string;
    const team = await k
      .selectFrom('memberships')
      .select(['user_id', 'position', 'is_recorder'])
      .where('division_id', '=', division)
      .execute();
    const head = team.find((t) => t.position === 'head')?.user_id as string;
    const recorder = team.find((t) => Number(t.is_recorder) === 1)?.user_id ?? head;
    const day = addDays('2025-11-03', Math.floor((i * 360) / MEETINGS));
    const startsAt = new Date(`${day}T09:00:00+08:00`).toISOString();
    const id = randomUUID();
    await k.transaction().execute(async (trx) => {
      await trx
        .insertInto('meetings')
        .values({
          id,
          unit_id: unit.unit_id,
          division_id: division,
          kind: 'regular',
          title: `处务会 ${day}`,
          starts_at: startsAt,
          place: '会议室',
          chair_id: head,
          recorder_id: recorder,
          convened_by: head,
          chair_designated_by: null,
          status: 'closed',
          cancel_reason: null,
          notified_at: startsAt,
          started_at: startsAt,
          closed_at: startsAt,
          checkin_secret: 'x',
          version: 1,
          created_at: startsAt,
          updated_at: startsAt,
        })
        .execute();
      const due = cal.distributionDeadline(day, regime.distributionWorkingDays);
      const issued = i % 3 !== 0;
      const minutesId = issued ? randomUUID() : null;
      const issuedAt = new Date(`${due.date}T10:00:00+08:00`).toISOString();
      if (minutesId) {
        await trx
          .insertInto('minutes')
          .values({
            id: minutesId,
            unit_id: unit.unit_id,
            meeting_id: id,
            division_id: division,
            status: 'issued',
            content: '{}',
            version: 2,
            number_year: Number(day.slice(0, 4)),
            number_seq: i + 1,
            number: `〔${day.slice(0, 4)}〕${i + 1}号`,
            revision: 0,
            supersedes_id: null,
            content_hash: 'x',
            hash_alg: 'sha256',
            created_by: recorder,
            issued_by: head,
            issued_at: issuedAt,
            created_at: issuedAt,
            updated_at: issuedAt,
          })
          .execute();
        const recipients = await recipientsOf(trx, unit.unit_id, division, regime, id);
        await trx
          .insertInto('distribution_entries')
          .values(
            recipients.map((r, j) => ({
              id: randomUUID(),
              unit_id: unit.unit_id,
              minutes_id: minutesId,
              meeting_id: id,
              purpose: r.purpose,
              recipient_role: r.role,
              recipient_id: r.userId,
              recipient_division_id: r.divisionId,
              due_date: due.date,
              deadline: due.deadline,
              provisional: 0,
              sent_at: issuedAt,
              read_at: j % 4 === 0 ? issuedAt : null,
              received_at: null,
              received_by: null,
              created_at: issuedAt,
            })),
          )
          .execute();
        entries += recipients.length;
      }
      await trx
        .insertInto('distributions')
        .values({
          meeting_id: id,
          unit_id: unit.unit_id,
          division_id: division,
          meeting_day: day,
          working_days: 3,
          due_date: due.date,
          deadline: due.deadline,
          provisional: due.provisional ? 1 : 0,
          status: issued ? 'on_time' : 'pending',
          minutes_id: minutesId,
          issued_at: minutesId ? issuedAt : null,
          overdue_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
  }
  return { entries };
}

async function measure(kind: 'sqlite' | 'postgres') {
  const { s, clock, drop } = await setUp(kind);
  try {
    const t0 = performance.now();
    const { entries } = await fill(s);
    const fillMs = performance.now() - t0;
    const jobs = new Scheduler(s, JOBS);
    clock.set('2026-11-03T09:30:00+08:00'); // a Tuesday, a working day
    let t = performance.now();
    const first = await jobs.tick();
    const firstMs = performance.now() - t;
    clock.advanceMinutes(1);
    t = performance.now();
    const second = await jobs.tick();
    const secondMs = performance.now() - t;
    const notices = Number(
      (
        await s.db.kysely
          .selectFrom('notices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const errors = { ...first.errors, ...second.errors };
    if (Object.keys(errors).length > 0) throw new Error(`job errors: ${JSON.stringify(errors)}`);
    const r = {
      kind,
      meetings: MEETINGS,
      entries,
      fillSeconds: Math.round(fillMs / 100) / 10,
      firstTickMs: Math.round(firstMs),
      firstTickWork: first.jobs,
      steadyTickMs: Math.round(secondMs),
      steadyTickWork: second.jobs,
      notices,
    };
    console.log(
      `${kind.padEnd(8)} ${MEETINGS} 次会议、${entries} 条分送记录：首次运行 ${r.firstTickMs} ms（${JSON.stringify(first.jobs)}，通知 ${notices} 条）；` +
        `此后每分钟 ${r.steadyTickMs} ms（${JSON.stringify(second.jobs)}）`,
    );
    return r;
  } finally {
    await drop();
  }
}

const results = [await measure('sqlite')];
if (PG_URL) results.push(await measure('postgres'));
else console.log('（设置 BENCH_DATABASE_URL=postgres://… 同时测量 PostgreSQL）');
console.log(JSON.stringify(results));
