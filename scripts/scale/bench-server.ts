/**
 * The server `npm run bench:scale` measures, in its own process: the jiyao app on PORT (exactly as
 * main.ts builds it, without the scheduled jobs) and, on RAW_PORT, a bare Fastify over the same
 * database pool that
 *   - records the SQL statements the app runs for one request sent with `x-bench-capture: <id>` (in its
 *     async context, so no other request's statements mix in) and hands them out (GET /capture/:id),
 *   - replays a recorded set as raw SQL, one statement after the other (POST /sets/:name, GET /raw/:name):
 *     the same reads without the app around them,
 *   - times one statement (POST /time) and explains it (POST /explain: EXPLAIN (ANALYZE, BUFFERS) on
 *     PostgreSQL, EXPLAIN QUERY PLAN on SQLite).
 * The recorder is a Kysely plugin that does nothing but look up its async context outside a capture.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
const capture = new AsyncLocalStorage<Statement[]>();
const captures = new Map<string, Statement[]>();
const executor = base.getExecutor();
const recorder: KyselyPlugin = {
  transformQuery(args: { node: RootOperationNode; queryId: { queryId: string } }) {
    const list = capture.getStore();
    if (list) {
      const c = executor.compileQuery(args.node, args.queryId);
      list.push({ sql: c.sql, parameters: [...c.parameters] });
    }
    return args.node;
  },
  transformResult: async (args: { result: QueryResult<UnknownRow> }) => args.result,
};
const s = { ...opened, db: { ...opened.db, kysely: base.withPlugin(recorder) } };
const app = await createApp(s, { logger: false, webDir: null });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// A captured request runs, from its first byte on, in its own async context.
const handlers = app.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
app.server.removeAllListeners('request');
app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  const id = req.headers['x-bench-capture'];
  const handle = () => {
    for (const h of handlers) h.call(app.server, req, res);
  };
  if (typeof id !== 'string') return handle();
  const list: Statement[] = [];
  captures.set(id, list);
  capture.run(list, handle);
});

const raw = Fastify();
const sets = new Map<string, Statement[]>();
const run = (st: Statement) => base.executeQuery(CompiledQuery.raw(st.sql, st.parameters));

raw.get<{ Params: { id: string } }>('/capture/:id', async (req) => captures.get(req.params.id) ?? []);
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
  // The fastest run ranks statements: on a shared machine the median measures the neighbours too.
  return { minMs: times[0] ?? NaN, medianMs: times[Math.floor(times.length / 2)] ?? NaN };
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
