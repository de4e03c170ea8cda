/**
 * `npm run bench:oversight [-- --units 100 --divisions 20 --months 12 --runs 5 --db sqlite,postgres]` —
 * the compliance matrix (监督检查, R6.4) on the data every bench shares (scripts/scale/generate.ts, with
 * its funds registers, tracked items and topic material stored on disk): `--units` units of
 * `--divisions` divisions, their last `--months` months up to the clock (the running month so far).
 * Measured through the app (HTTP inject, signed in as each unit's principal leader), on SQLite (a
 * temporary file) and on PostgreSQL (a fresh schema in BENCH_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/bench_ov when it answers):
 *   - the whole matrix of one unit: the first request (every material file hashed) and the median of
 *     `--runs` after it;
 *   - the whole matrix of every unit, one after the other: the first pass and a second one;
 *   - beside them, in the same run, one hand-written SQL aggregate of the same facts (meetings held
 *     per division and month, minutes distributed by the deadline and filings signed, minutes issued,
 *     material stored, numbers taken, items due and done on time, register lines and findings, the
 *     designated recorders) for the one unit and, grouped by unit, for all of them.
 * Prints a table with the ratio to the raw SQL and the aims (≤ 1 s per unit-year, ≤ 2× the raw
 * aggregate) and, last, one JSON line. Env: BENCH_OV_UNITS, BENCH_OV_DIVISIONS, BENCH_OV_MONTHS,
 * BENCH_RUNS, BENCH_DATABASE_URL. Never fails for slowness.
 */

import { parseArgs } from 'node:util';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Database } from '../server/platform/db/schema.js';
import { createApp } from '../server/app.js';
import { monthBounds } from '../core/shanghai-time.js';
import { monthsBetween } from '../core/compliance.js';
import type { ComplianceMatrixDto } from '../core/contracts/oversight.js';
import { generateScale, SCALE_PASSWORD, scaleUsername } from './scale/generate.js';
import { readFacts } from '../server/modules/oversight/compliance-evidence.js';
import { benchServices } from './scale/bench-services.js';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: process.env.BENCH_OV_UNITS ?? '100' },
    divisions: { type: 'string', default: process.env.BENCH_OV_DIVISIONS ?? '20' },
    months: { type: 'string', default: process.env.BENCH_OV_MONTHS ?? '12' },
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '7' },
    db: { type: 'string', default: 'sqlite,postgres' },
  },
});
function positive(name: string, raw: string | undefined, max = Infinity): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`--${name} 须为 1–${max} 的整数，收到 ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}
const UNITS = positive('units', values.units);
const DIVISIONS = positive('divisions', values.divisions);
const MONTHS = positive('months', values.months, 12);
const RUNS = positive('runs', values.runs);
const KINDS = (values.db ?? '')
  .split(',')
  .filter((k): k is 'sqlite' | 'postgres' => k === 'sqlite' || k === 'postgres');
const PG_DEFAULT = 'postgres://postgres@127.0.0.1:5432/bench_ov';
/** A Monday; the generated months end with this one (running) and the next (planned). */
const NOW = '2026-11-02T01:00:00Z';
const AIMS = { msPerUnitYear: 1000, ratioToRaw: 2 };

/** The period: the last MONTHS months up to NOW's (Shanghai), the running one so far. */
const TO = '2026-11';
const FROM = monthsBetween('2020-01', TO).at(-MONTHS) as string;
const PERIOD = monthsBetween(FROM, TO);

async function pgUrl(): Promise<string | null> {
  const url = process.env.BENCH_DATABASE_URL ?? PG_DEFAULT;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return url;
  } catch {
    return null;
  }
}

const setUp = (kind: 'sqlite' | 'postgres', url: string | null) => benchServices('oversight', kind, url, NOW);

function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.floor(a.length / 2)] as number;
}
const r1 = (x: number) => Math.round(x * 10) / 10;
async function timed(runs: number, f: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return r1(median(t));
}

/**
 * The facts of the matrix as one hand-written statement, grouped by unit, division, month (or year,
 * for the numbers) and fact: `n` facts, `bad` of them breaches. `unitId` null: every unit.
 * Portable SQL (SQLite and PostgreSQL): the period's Shanghai months as UTC bounds in a VALUES list.
 */
function rawAggregate(unitId: string | null): RawBuilder<unknown> {
  const months = sql.join(
    PERIOD.map((m) => {
      const b = monthBounds(m);
      return sql`(${m}, ${b.from}, ${b.to})`;
    }),
  );
  const fromDay = `${PERIOD[0]}-01`;
  const toDay = `${PERIOD.at(-1)}-31`;
  const unit = (col: string) => (unitId === null ? sql`1 = 1` : sql`${sql.ref(col)} = ${unitId}`);
  const years = [...new Set(PERIOD.map((m) => Number(m.slice(0, 4))))];
  return sql`
    with mo(month, f, t) as (values ${months})
    -- R3.5: meetings held (in session or closed, a topic discussed) by the Shanghai month they started
    select m.unit_id, m.division_id, mo.month as period, 'meetings' as fact, count(*) as n, 0 as bad
      from meetings m join mo on m.started_at >= mo.f and m.started_at < mo.t
     where ${unit('m.unit_id')} and m.status in ('in_session', 'closed')
       and (select count(*) from agenda_items a
             where a.meeting_id = m.id and a.unit_id = m.unit_id and a.outcome = 'discussed') > 0
     group by m.unit_id, m.division_id, mo.month
    union all
    -- R5.8–R5.10: each held meeting's minutes sent by the deadline, and the filing signed for
    select m.unit_id, m.division_id, mo.month, 'distribution', count(*),
           sum(case when x.issued_at is null or x.issued_at > x.deadline
                     or (select count(*) from distribution_entries e where e.minutes_id = x.minutes_id
                          and e.unit_id = x.unit_id and e.purpose = 'file' and e.received_at is null) > 0
                    then 1 else 0 end)
      from distributions x join meetings m on m.id = x.meeting_id join mo on m.started_at >= mo.f and m.started_at < mo.t
     where ${unit('x.unit_id')}
     group by m.unit_id, m.division_id, mo.month
    union all
    -- R5.4, R5.7: minutes issued (sealed) in the month
    select n.unit_id, n.division_id, mo.month, 'minutes', count(*), sum(case when n.content_hash is null then 1 else 0 end)
      from minutes n join mo on n.issued_at >= mo.f and n.issued_at < mo.t
     where ${unit('n.unit_id')} and n.status in ('issued', 'superseded')
     group by n.unit_id, n.division_id, mo.month
    union all
    -- R5.7: material stored in the month
    select a.unit_id, t.division_id, mo.month, 'material', count(*), 0
      from attachments a join topics t on t.id = a.topic_id join mo on a.created_at >= mo.f and a.created_at < mo.t
     where ${unit('a.unit_id')}
     group by a.unit_id, t.division_id, mo.month
    union all
    -- R5.6: numbers taken per division and year against the highest (gaps) and each other (duplicates)
    select n.unit_id, n.division_id, ${sql.raw("''")} || n.number_year, 'numbering', count(*), max(n.number_seq) - count(distinct n.number_seq)
      from minutes n
     where ${unit('n.unit_id')} and n.supersedes_id is null and n.number_seq is not null
       and n.number_year in (${sql.join(years)})
     group by n.unit_id, n.division_id, n.number_year
    union all
    -- R6.2: items due in the month (deadline in force), done by it (terminated not counted)
    select i.unit_id, i.division_id, substr(i.deadline, 1, 7), 'execution', count(*),
           sum(case when i.closed_at is not null and i.status in ('completed', 'verified')
                     and i.closed_at < i.deadline || 'T16:00:00.000Z' then 0 else 1 end)
      from tracking_items i
     where ${unit('i.unit_id')} and i.deadline >= ${fromDay} and i.deadline <= ${toDay} and i.status <> 'terminated'
     group by i.unit_id, i.division_id, substr(i.deadline, 1, 7)
    union all
    -- R4.1: register lines dated in the month and their findings
    select l.unit_id, l.division_id, substr(l.day, 1, 7), 'registers', count(*),
           sum(case when l.state in ('finding', 'dismissed') then 1 else 0 end)
      from register_lines l
     where ${unit('l.unit_id')} and l.day >= ${fromDay} and l.day <= ${toDay}
     group by l.unit_id, l.division_id, substr(l.day, 1, 7)
    union all
    -- R5.2: the designated recorders now
    select r.unit_id, r.division_id, ${sql.raw("''")}, 'recorder', count(*), 0
      from memberships r
     where ${unit('r.unit_id')} and r.is_recorder = 1
     group by r.unit_id, r.division_id
  `;
}

/** The running measurement's clean-up (temporary files, the PostgreSQL schema), also on Ctrl-C. */
let dropCurrent: (() => Promise<void>) | null = null;
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => void (dropCurrent?.() ?? Promise.resolve()).finally(() => process.exit(130)));

async function measure(kind: 'sqlite' | 'postgres', url: string | null) {
  const { s, drop } = await setUp(kind, url);
  dropCurrent = drop;
  const app = await createApp(s, { webDir: null });
  try {
    await app.ready();
    const t0 = performance.now();
    let lastLog = performance.now();
    const gen = await generateScale(s.db, {
      units: UNITS,
      divisions: DIVISIONS,
      years: Math.ceil(MONTHS / 12),
      now: s.clock.now(),
      blobs: s.blobs,
      progress: (done) => {
        if (performance.now() - lastLog < 15_000 && done !== UNITS) return;
        lastLog = performance.now();
        console.log(`  ${kind}：已生成 ${done}/${UNITS} 个单位（${Math.round((performance.now() - t0) / 1000)} s）`);
      },
    });
    const fillSeconds = Math.round((performance.now() - t0) / 100) / 10;
    if (kind === 'postgres') await sql`analyze`.execute(s.db.kysely);
    const rows = Object.values(gen.rows).reduce((a, b) => a + b, 0);

    // Every unit's principal leader, signed in before anything is timed.
    const units = await s.db.kysely
      .selectFrom('users')
      .innerJoin('units', 'units.unit_id', 'users.unit_id')
      .select(['users.username', 'users.unit_id'])
      .where('users.username', 'like', 'u%-director')
      .execute();
    const unitOf = new Map(units.map((u) => [u.username, u.unit_id]));
    const cookies: Array<{ unitId: string; cookie: string }> = [];
    for (let u = 1; u <= UNITS; u++) {
      const username = scaleUsername(u, 0, 'director');
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: SCALE_PASSWORD },
      });
      if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
      cookies.push({
        unitId: unitOf.get(username) ?? '',
        cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      });
    }
    const url = `/api/oversight/compliance?from=${FROM}&to=${TO}`;
    const matrix = async (cookie: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };

    // One unit: the first request hashes its material; then the median of RUNS.
    const one = cookies[0] as { unitId: string; cookie: string };
    let t = performance.now();
    const first = (await matrix(one.cookie)).json() as ComplianceMatrixDto;
    const oneColdMs = r1(performance.now() - t);
    const oneMs = await timed(RUNS, () => matrix(one.cookie));
    const rawRows = (await rawAggregate(one.unitId).execute(s.db.kysely as Kysely<Database>)).rows.length;
    // References from the same run: the matrix's own reads without the rules (the same queries the
    // app sends), and the app's cheapest signed-in request.
    const divisionIds = first.rows.map((r) => r.divisionId);
    const readsMs = await timed(RUNS, () => readFacts(s.db.kysely, one.unitId, divisionIds, PERIOD, s.clock.now()));
    const meMs = await timed(RUNS, () =>
      app.inject({ method: 'GET', url: '/api/me', headers: { cookie: one.cookie } }),
    );
    const rawOneMs = await timed(RUNS, () => rawAggregate(one.unitId).execute(s.db.kysely as Kysely<Database>));

    // Every unit, one after the other: the first pass (the other units' material hashed), then again.
    t = performance.now();
    for (const c of cookies.slice(1)) await matrix(c.cookie);
    const allColdMs = Math.round(performance.now() - t + oneColdMs);
    t = performance.now();
    for (const c of cookies) await matrix(c.cookie);
    const allMs = Math.round(performance.now() - t);
    const rawAllMs = await timed(Math.max(1, Math.min(RUNS, 3)), () =>
      rawAggregate(null).execute(s.db.kysely as Kysely<Database>),
    );

    const cells = first.rows.flatMap((r) => r.months.flatMap((m) => m.cells));
    const count = (x: string) => cells.filter((c) => c.result === x).length;
    const perUnitYearMs = r1((oneMs * 12) / MONTHS);
    const allPerUnitYearMs = r1((allMs / UNITS) * (12 / MONTHS));
    const r = {
      kind,
      units: UNITS,
      divisions: DIVISIONS,
      months: MONTHS,
      period: `${FROM}..${TO}`,
      rows,
      meetings: gen.rows.meetings ?? 0,
      items: gen.rows.tracking_items ?? 0,
      registerLines: gen.rows.register_lines ?? 0,
      materialFiles: gen.files,
      fillSeconds,
      unit1: { pass: count('pass'), fail: count('fail'), na: count('na'), score: first.scoring.total.score },
      oneUnit: {
        coldMs: oneColdMs,
        p50Ms: oneMs,
        rawSqlP50Ms: rawOneMs,
        rawRows,
        ratioToRaw: r1(oneMs / rawOneMs),
        readsOnlyP50Ms: readsMs,
        apiMeP50Ms: meMs,
      },
      allUnits: {
        coldMs: allColdMs,
        ms: allMs,
        perUnitMs: r1(allMs / UNITS),
        rawSqlMs: rawAllMs,
        ratioToRaw: r1(allMs / rawAllMs),
      },
      aims: {
        perUnitYearMs,
        allPerUnitYearMs,
        perUnitYearMet: perUnitYearMs <= AIMS.msPerUnitYear && allPerUnitYearMs <= AIMS.msPerUnitYear,
        ratioMet: oneMs / rawOneMs <= AIMS.ratioToRaw && allMs / rawAllMs <= AIMS.ratioToRaw,
      },
    };
    const met = (ok: boolean) => (ok ? '达标' : '未达标');
    console.log(
      [
        `\n${kind}：${UNITS} 个单位 × ${DIVISIONS} 个处室 × ${MONTHS} 个月（${FROM} 至 ${TO}，本月截至目前）：` +
          `${rows} 行，会议 ${r.meetings} 次、督办事项 ${r.items} 项、登记簿 ${r.registerLines} 行、材料文件 ${gen.files} 个（生成 ${fillSeconds} s）`,
        `  第 1 个单位的检查表：达标 ${r.unit1.pass}、未达标 ${r.unit1.fail}、不适用 ${r.unit1.na} 格，合计得分 ${r.unit1.score}`,
        `  ${'项目'.padEnd(22)}${'应用'.padStart(12)}${'手写 SQL'.padStart(12)}${'应用/SQL'.padStart(10)}`,
        `  ${'一个单位（首次，含哈希材料）'.padEnd(16)}${`${oneColdMs} ms`.padStart(12)}`,
        `  ${'一个单位（中位数）'.padEnd(19)}${`${oneMs} ms`.padStart(12)}${`${rawOneMs} ms`.padStart(12)}${`${r.oneUnit.ratioToRaw}×`.padStart(10)}`,
        `  参照（同次运行）：检查表自身的读取（同样的查询，不计算）${readsMs} ms（为手写 SQL 的 ${r1(readsMs / rawOneMs)} 倍）；GET /api/me ${meMs} ms`,
        `  ${`全部 ${UNITS} 个单位（首次）`.padEnd(19)}${`${allColdMs} ms`.padStart(12)}`,
        `  ${`全部 ${UNITS} 个单位`.padEnd(21)}${`${allMs} ms`.padStart(12)}${`${rawAllMs} ms`.padStart(12)}${`${r.allUnits.ratioToRaw}×`.padStart(10)}`,
        `  目标：每单位年 ≤ ${AIMS.msPerUnitYear} ms — 一个单位 ${perUnitYearMs} ms、全部单位平均 ${allPerUnitYearMs} ms：${met(r.aims.perUnitYearMet)}；` +
          `≤ 手写 SQL 的 ${AIMS.ratioToRaw} 倍：${met(r.aims.ratioMet)}`,
      ].join('\n'),
    );
    return r;
  } finally {
    dropCurrent = null;
    await app.close();
    s.mailer.close();
    await drop();
  }
}

const results = [];
const url = KINDS.includes('postgres') ? await pgUrl() : null;
if (KINDS.includes('sqlite')) results.push(await measure('sqlite', null));
if (KINDS.includes('postgres')) {
  if (url) results.push(await measure('postgres', url));
  else console.log(`（PostgreSQL 不可用：设置 BENCH_DATABASE_URL=postgres://…，或启动 ${PG_DEFAULT}）`);
}
console.log(JSON.stringify(results));
