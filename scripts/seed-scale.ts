/**
 * `npm run seed:scale -- --db <url> [--units 100] [--divisions 20] [--years 10] [--now 2026-12-01] [--seed 11]
 *  [--blobs <DATA_DIR>/blobs]`
 *
 * Fills a database with the generated data of scripts/scale/generate.ts (the same the benches use):
 * migrates it first, then writes unit by unit, and prints the rows per table and the time taken.
 * `--db` is a postgres:// URL or an SQLite file (path or sqlite:path). The database must not hold
 * generated units yet (the demo bureau may be there). Everyone signs in with SCALE_PASSWORD.
 */
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { generateScale, SCALE_PASSWORD } from './scale/generate.js';
import { DiskBlobStore } from '../server/platform/storage/blob-store.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    units: { type: 'string', default: '100' },
    divisions: { type: 'string', default: '20' },
    years: { type: 'string', default: '10' },
    now: { type: 'string' },
    seed: { type: 'string', default: '11' },
    blobs: { type: 'string' },
  },
});

function positive(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} 须为正整数，收到 ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

if (!values.db) {
  console.error(
    '用法：npm run seed:scale -- --db <postgres://… | 文件.db> [--units 100] [--divisions 20] [--years 10]',
  );
  process.exit(2);
}
const units = positive('units', values.units);
const divisions = positive('divisions', values.divisions);
const years = positive('years', values.years);
const seed = positive('seed', values.seed);
const now = values.now ? new Date(values.now) : undefined;
if (now && Number.isNaN(now.getTime())) {
  console.error(`--now 不是日期：${values.now}`);
  process.exit(2);
}

const db = openDatabase(values.db, { poolSize: 2 });
try {
  const t0 = performance.now();
  await migrateToLatest(db.kysely as unknown as Kysely<unknown>);
  console.log(
    `seed:scale — ${db.kind}: ${units} units × ${divisions} divisions × ${years} years` +
      (now ? `, around ${now.toISOString()}` : ', around today') +
      `, seed ${seed}`,
  );
  let last = performance.now();
  const r = await generateScale(db, {
    units,
    divisions,
    years,
    seed,
    ...(now ? { now } : {}),
    // Topic material (R2.3, R5.7) only with a blob store: the server's DATA_DIR/blobs.
    ...(values.blobs ? { blobs: new DiskBlobStore(values.blobs) } : {}),
    progress: (done, rows) => {
      if (performance.now() - last < 5000 && done !== units) return;
      last = performance.now();
      const total = Object.values(rows).reduce((a, b) => a + b, 0);
      const s = (performance.now() - t0) / 1000;
      console.log(`  ${done}/${units} units, ${total} rows, ${s.toFixed(1)} s (${Math.round(total / s)} rows/s)`);
    },
  });
  if (db.kind === 'postgres') {
    const t = performance.now();
    await sql`analyze`.execute(db.kysely);
    console.log(`  analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
  console.log('\nrows per table:');
  for (const [t, n] of Object.entries(r.rows)) console.log(`  ${t.padEnd(22)} ${String(n).padStart(10)}`);
  console.log(`  ${'total'.padEnd(22)} ${String(total).padStart(10)}`);
  if (values.blobs) console.log(`  material files written to ${values.blobs}: ${r.files}`);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `\n${seconds.toFixed(1)} s in all (generation ${(r.ms / 1000).toFixed(1)} s, ${Math.round(total / (r.ms / 1000))} rows/s)`,
  );
  console.log(
    `sign in as ${r.users.head} (a division head), ${r.users.director} (principal leader), ` +
      `${r.users.office} (监察室), password ${SCALE_PASSWORD}`,
  );
  // The rows are written past the use cases, so the search index (R1.3) is not: it is rebuilt on demand.
  console.log('search: the full-text index is not built here — run `npx jiyao search reindex` (DATABASE_URL as above)');
  console.log(
    JSON.stringify({ units, divisions, years, seed, rows: r.rows, total, seconds: Math.round(seconds * 10) / 10 }),
  );
} finally {
  await db.close();
}
