/**
 * The server `npm run bench:scale` measures, in its own process: the jiyao app on PORT (exactly as
 * main.ts builds it, without the scheduled jobs) and, on RAW_PORT, a bare Fastify over the same
 * database pool that
 *   - records the SQL statements the app runs while a capture is on (POST /capture/start, /capture/stop),
 *   - replays a recorded set as raw SQL, one statement after the other (POST /sets/:name, GET /raw/:name):
 *     the same reads without the app around them,
 *   - times one statement (POST /time) and explains it (POST /explain: EXPLAIN (ANALYZE, BUFFERS) on
 *     PostgreSQL, EXPLAIN QUERY PLAN on SQLite).
 * The recorder is a Kysely plugin that does nothing but test a flag while no capture is on.
 */
import Fastify from 'fastify';
import { CompiledQuery, type KyselyPlugin, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { loadConfig } from '../../server/platform/config.js';
import { openServices } from '../../server/bootstrap.js';
import { createApp } from '../../server/app.js';

export interface Statement {
  sql: string;
  parameters: unknown[];
}

const config = loadConfig();
const opened = await openServices(config);
const base = opened.db.kysely;
let capturing: Statement[] | null = null;
const executor = base.getExecutor();
const recorder: KyselyPlugin = {
  transformQuery(args: { node: RootOperationNode; queryId: { queryId: string } }) {
    if (capturing) {
      const c = executor.compileQuery(args.node, args.queryId);
      capturing.push({ sql: c.sql, parameters: [...c.parameters] });
    }
    return args.node;
  },
  transformResult: async (args: { result: QueryResult<UnknownRow> }) => args.result,
};
const s = { ...opened, db: { ...opened.db, kysely: base.withPlugin(recorder) } };
const app = await createApp(s, { logger: false, webDir: null });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });

const raw = Fastify();
const sets = new Map<string, Statement[]>();
const run = (st: Statement) => base.executeQuery(CompiledQuery.raw(st.sql, st.parameters));

raw.post('/capture/start', async () => {
  capturing = [];
  return { ok: true };
});
raw.post('/capture/stop', async () => {
  const got = capturing ?? [];
  capturing = null;
  return got;
});
raw.post<{ Params: { name: string }; Body: Statement[] }>('/sets/:name', async (req) => {
  sets.set(req.params.name, req.body);
  return { ok: true };
});
raw.get<{ Params: { name: string } }>('/raw/:name', async (req, reply) => {
  const set = sets.get(req.params.name);
  if (!set) return reply.code(404).send({ error: 'no such set' });
  const out: unknown[] = [];
  for (const st of set) out.push((await run(st)).rows);
  return out;
});
raw.post<{ Body: Statement & { runs: number } }>('/time', async (req) => {
  const times: number[] = [];
  for (let i = 0; i < req.body.runs; i++) {
    const t = performance.now();
    await run(req.body);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? NaN };
});
raw.post<{ Body: Statement }>('/explain', async (req) => {
  const prefix = s.db.kind === 'postgres' ? 'explain (analyze, buffers) ' : 'explain query plan ';
  const r = await run({ sql: prefix + req.body.sql, parameters: req.body.parameters });
  return r.rows.map((row) => Object.values(row as Record<string, unknown>).join(' '));
});
await raw.listen({ port: Number(process.env.RAW_PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');

const shutdown = async () => {
  await raw.close();
  await app.close();
  s.mailer.close();
  await opened.db.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
