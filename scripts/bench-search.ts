/**
 * `npm run bench:search` — full-text search (R1.3) on a generated bureau (scripts/scale/generate.ts,
 * the generator every bench shares): BENCH_SEARCH_UNITS units (default 1) of BENCH_SEARCH_DIVISIONS
 * divisions (default 20) over BENCH_SEARCH_YEARS years (default 10) — about 100,000 findable
 * paragraphs by default; the issue's 10-year corpus of about 1M paragraphs is
 * BENCH_SEARCH_DIVISIONS=200 (a few minutes more to generate and index). Measures, on SQLite and
 * (with BENCH_DATABASE_URL) on PostgreSQL in a fresh schema:
 *   - the index build (`jiyao search reindex`): time, rows and size on disk;
 *   - per query, p50 and p95 of BENCH_RUNS runs of the search use case as the principal leader
 *     (every division) and as a division head (permission-scoped): words parsed, facet counts, the
 *     first page of 20 ranked hits with snippets and highlights;
 *   - beside each, in the same run, the raw full-text query of the same tokens (no scope, no
 *     filter, no facets: FTS5 MATCH … ORDER BY bm25 LIMIT 20 / tsvector @@ … ORDER BY ts_rank).
 * The aim is p95 ≤ 30 ms and ≤ 1.5× raw. Prints the figures and, last, one JSON line; never fails
 * for slowness.
 */

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Services } from '../server/platform/services.js';
import { loadActor } from '../server/platform/auth/actor.repository.js';
import { reindexAll } from '../server/modules/search/reindex.js';
import { searchDocuments } from '../server/modules/search/search-documents.js';
import { matchExpression, rawTopIds } from '../server/modules/search/search.repository.js';
import { textTools } from '../server/modules/search/segmenter.js';
import { parseQuery } from '../core/search.js';
import { generateScale, scaleUsername } from './scale/generate.js';
import { benchServices } from './scale/bench-services.js';

const UNITS = Number(process.env.BENCH_SEARCH_UNITS ?? 1);
const DIVISIONS = Number(process.env.BENCH_SEARCH_DIVISIONS ?? 20);
const YEARS = Number(process.env.BENCH_SEARCH_YEARS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const PG_URL = process.env.BENCH_DATABASE_URL;
const NOW = '2026-11-02T01:00:00Z';

const setUp = (kind: 'sqlite' | 'postgres') => benchServices('search', kind, PG_URL, NOW);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const v = s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
  return Math.round(v * 10) / 10;
}

/** The index's size on disk: SQLite's pages of search_documents, its index and the FTS5 tables; PostgreSQL's relation sizes. */
async function indexBytes(s: Services): Promise<number> {
  if (s.db.kind === 'postgres') {
    const r = await sql<{ n: string }>`select pg_total_relation_size('search_documents') as n`.execute(s.db.kysely);
    return Number(r.rows[0]?.n ?? 0);
  }
  try {
    const r = await sql<{ n: number }>`select sum(pgsize) as n from dbstat
      where name like 'search%' or name like 'sqlite_autoindex_search%'`.execute(s.db.kysely);
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return -1; // dbstat not compiled in
  }
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn(); // warm
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function bench(kind: 'sqlite' | 'postgres') {
  const { s, dir, drop } = await setUp(kind);
  try {
    const t0 = performance.now();
    const gen = await generateScale(s.db, { units: UNITS, divisions: DIVISIONS, years: YEARS, now: new Date(NOW) });
    const genMs = performance.now() - t0;
    const index = await reindexAll(s);
    if (s.db.kind === 'postgres') await sql`analyze search_documents`.execute(s.db.kysely);
    const bytes = await indexBytes(s);
    const dbFile = s.db.kind === 'sqlite' ? statSync(join(dir, 'bench.db')).size : 0;
    console.log(
      `\n[${kind}] 生成 ${UNITS} 个单位 × ${DIVISIONS} 个处室 × ${YEARS} 年：${Math.round(genMs / 1000)} s；` +
        `索引重建 ${index.rows} 条（${index.objects} 个对象）用时 ${(index.ms / 1000).toFixed(1)} s，` +
        `索引大小 ${bytes >= 0 ? `${(bytes / 1048576).toFixed(1)} MiB` : '未知'}${dbFile ? `（数据库文件 ${(dbFile / 1048576).toFixed(0)} MiB）` : ''}`,
    );
    // The queries: names and numbers of the generated unit, its words, common and rare.
    const unitRow = await s.db.kysely
      .selectFrom('users')
      .select('unit_id')
      .where('username', '=', gen.users.director)
      .executeTakeFirstOrThrow();
    const unit = unitRow.unit_id;
    const head = scaleUsername(1, Math.min(3, DIVISIONS), 'head');
    const someone = await s.db.kysely
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', scaleUsername(1, Math.min(4, DIVISIONS), 'staff1'))
      .executeTakeFirst();
    const division = await s.db.kysely
      .selectFrom('divisions')
      .select('name')
      .where('unit_id', '=', unit)
      .where('kind', '=', 'business')
      .orderBy('sort_order')
      .executeTakeFirst();
    const year = Number(NOW.slice(0, 4)) - 1;
    const queries = [
      '资金',
      '专项资金 申报',
      '风险防控',
      '安全生产检查',
      `〔${year}〕3号`,
      `${division?.name ?? '对外贸易处'}〔${year}〕12号`,
      `${someone?.display_name ?? '王伟'} 暂缓`,
      '建议暂缓 论证',
      '海外仓',
      '纾困帮扶 外贸企业',
    ];
    const actors = [
      ['局主要领导', await userActor(s, gen.users.director)],
      ['处长', await userActor(s, head)],
    ] as const;
    const tools = textTools();
    const rows: Array<Record<string, string | number>> = [];
    console.log('  查询 | 身份 | 命中 | 检索 p50/p95 ms | 原始 FTS p50/p95 ms | p95 倍数');
    for (const q of queries) {
      const tokens = parseQuery(q, tools).tokens;
      const match = matchExpression(s.db.kind, tokens, false);
      const raw = await timeIt(() => rawTopIds(s.db.kind, s.db.kysely, match, 20), RUNS);
      for (const [who, actor] of actors) {
        let total = 0;
        const times = await timeIt(async () => {
          const r = await searchDocuments(s, actor, { q, limit: 20 });
          total = Object.values(r.facets ?? {}).reduce((a, b) => a + b, 0);
        }, RUNS);
        const row = {
          db: kind,
          q,
          who,
          hits: total,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          rawP50: percentile(raw, 50),
          rawP95: percentile(raw, 95),
        };
        rows.push(row);
        const ratio = row.rawP95 > 0 ? (row.p95 / row.rawP95).toFixed(2) : '—';
        console.log(`  ${q} | ${who} | ${total} | ${row.p50}/${row.p95} | ${row.rawP50}/${row.rawP95} | ${ratio}×`);
      }
    }
    return {
      kind,
      genMs: Math.round(genMs),
      indexMs: Math.round(index.ms),
      indexRows: index.rows,
      indexBytes: bytes,
      rows,
    };
  } finally {
    await drop();
  }
}

async function userActor(s: Services, username: string) {
  const u = await s.db.kysely
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const actor = await loadActor(s.db.kysely, u.unit_id, u.id);
  if (!actor) throw new Error(`no actor ${username}`);
  return actor;
}

const results = [await bench('sqlite')];
if (PG_URL) results.push(await bench('postgres'));
else console.log('\n（未设置 BENCH_DATABASE_URL：跳过 PostgreSQL）');
console.log(JSON.stringify(results));
