#!/usr/bin/env node
// `npm test`: core and server suites on SQLite, web suites in jsdom, then the
// server suites again on PostgreSQL. Ends with one summary line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const out = mkdtempSync(join(tmpdir(), 'jiyao-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(label, args, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const json = join(out, `${label.replace(/\W+/g, '-')}.json`);
  const r = spawnSync(
    'npx',
    ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`],
    {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  );
  if (existsSync(json)) {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  if (r.status !== 0) {
    ok = false;
    if (!existsSync(json)) totals.failed += 1;
  }
}

async function postgresReachable() {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

run('core + server on SQLite', []);
if (existsSync('web/vitest.config.ts')) run('web', ['--config', 'web/vitest.config.ts']);
if (await postgresReachable()) {
  run('server on PostgreSQL', ['server'], { TEST_DB: 'postgres', TEST_DATABASE_URL: PG_URL });
} else if (process.env.REQUIRE_POSTGRES === '1') {
  process.stdout.write(`\nPostgreSQL is not reachable at ${PG_URL}, and REQUIRE_POSTGRES=1.\n`);
  ok = false;
  totals.failed += 1;
} else {
  process.stdout.write(
    `\nPostgreSQL is not reachable at ${PG_URL}: the PostgreSQL run was skipped ` +
      '(start it, or set TEST_DATABASE_URL; CI sets REQUIRE_POSTGRES=1).\n',
  );
}
rmSync(out, { recursive: true, force: true });
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
