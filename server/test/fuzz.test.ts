/**
 * Every route, a few thousand malformed requests, a fixed seed: no 5xx, every
 * error in the API's shape, nothing changed.
 *
 * Each write (POST/PUT/PATCH/DELETE) carries at least one defect the server
 * must refuse (NUL or a lone surrogate somewhere, bad JSON, invalid UTF-8, a
 * wrong content type, a missing CSRF token, a foreign Origin, bad
 * percent-encoding, an over-long parameter, an oversized body, a body of the
 * wrong type, an unknown field in a strict body), plus random hostile path
 * parameters and queries; reads get hostile parameters and queries only.
 * So no request may change anything: every table keeps its row count and the
 * audit log gains nothing. That includes login: a malformed login is refused
 * before the login use case runs, so not even a failed-login event is written.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { makeHarness, TEST_DB, type Client, type Harness } from './harness.js';
import {
  hostileJson,
  hostileString,
  MALFORMED_JSON,
  prng,
  routeCollector,
  type FuzzRoute,
  type Rng,
} from './fuzz-support.js';

const SEED = 20261102;
const REQUESTS = 5000;
const ROLES = ['admin', 'secadmin', 'auditor', 'head', 'staff', 'recorder', 'jiancha', 'leader'] as const;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const DEFECTS = [
  'nul',
  'surrogate',
  'badjson',
  'badutf8',
  'ctype',
  'nocsrf',
  'origin',
  'badpct',
  'longparam',
  'huge',
  'wrongtype',
  'strictextra',
] as const;
type Defect = (typeof DEFECTS)[number];

interface Req {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Ids that exist, so some reads and refused writes reach real rows. */
const realIds: string[] = [];

function fillPath(r: Rng, route: FuzzRoute, defect: Defect | null): string {
  const special = route.params.length > 0 ? r.int(route.params.length) : -1;
  let i = 0;
  const path = route.url
    .replace(/:([A-Za-z]+)/g, () => {
      const mine = i++ === special;
      if (mine && defect === 'nul') return `a%00${r.int(99)}`;
      if (mine && defect === 'badpct') return r.pick(['%E0%A4%A', '%', '%zz', 'a%2']);
      if (mine && defect === 'longparam') return 'p'.repeat(201 + r.int(500));
      if (realIds.length > 0 && r.chance(0.3)) return r.pick(realIds);
      return encodeURIComponent(hostileString(r).slice(0, 150)) || 'x';
    })
    .replace('*', () => encodeURIComponent(hostileString(r).slice(0, 150)));
  return defect === 'badpct' && route.params.length === 0 ? `${path}%E0%A4%A` : path;
}

function query(r: Rng, route: FuzzRoute, defect: Defect | null): string {
  const keys = [...route.queryKeys, 'unknown', 'page', 'pageSize'];
  const parts: string[] = [];
  for (let n = r.int(4); n > 0; n--) {
    const v = r.chance(0.3) ? JSON.stringify(hostileJson(r)).slice(0, 500) : hostileString(r).slice(0, 2000);
    parts.push(`${encodeURIComponent(r.pick(keys))}=${encodeURIComponent(v)}`);
  }
  if (defect === 'nul') parts.push(`${r.pick(keys)}=a%00b`);
  if (defect === 'surrogate') parts.push(`${r.pick(keys)}=${encodeURIComponent('x')}%ED%A0%80`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** A body object shaped like the schema, every value hostile. */
function shapedBody(r: Rng, route: FuzzRoute): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of route.bodyKeys ?? []) if (r.chance(0.8)) o[k] = hostileJson(r);
  return o;
}

function build(r: Rng, route: FuzzRoute, user: Client | null): Req {
  const write = !SAFE.has(route.method);
  let defect: Defect | null = null;
  if (write) {
    const possible = DEFECTS.filter(
      (d) =>
        (d !== 'nocsrf' || (user && !route.isPublic)) &&
        (d !== 'longparam' || route.params.length > 0) &&
        (d !== 'wrongtype' || route.bodyKeys) &&
        (d !== 'strictextra' || route.strictBody),
    );
    defect = r.pick(possible);
    if (defect === 'huge' && !r.chance(0.3)) defect = 'badjson'; // keep megabyte bodies rare
  } else if (r.chance(0.3)) {
    defect = r.pick(['nul', 'surrogate', 'badpct', 'longparam'] as const);
  }
  const headers: Record<string, string> = {};
  if (user) headers.cookie = user.cookie;
  if (user && write && defect !== 'nocsrf') headers['x-csrf-token'] = user.csrf;
  if (defect === 'origin') headers.origin = r.pick(['https://evil.example.com', 'null', 'http://127.0.0.1:1']);
  if (r.chance(0.05)) headers['sec-fetch-site'] = r.pick(['same-origin', 'none']);
  const url = fillPath(r, route, defect) + query(r, route, defect);
  if (!write) return { method: route.method, url, headers };

  headers['content-type'] = 'application/json';
  let payload: string | Buffer;
  const body = shapedBody(r, route);
  switch (defect) {
    case 'nul':
    case 'surrogate': {
      const key = r.pick([...(route.bodyKeys ?? []), 'x']);
      body[key] = `a${defect === 'nul' ? '\u0000' : '\ud800'}b`;
      payload = JSON.stringify(body);
      break;
    }
    case 'badjson':
      payload = r.pick(MALFORMED_JSON);
      break;
    case 'badutf8':
      payload = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
      break;
    case 'ctype':
      headers['content-type'] = r.pick([
        'application/xml',
        'text/plain',
        'text/html',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'application/json-patch+json',
      ]);
      payload = r.chance(0.5) ? 'a=1&b=2' : JSON.stringify(body);
      break;
    case 'huge':
      payload = JSON.stringify({ ...body, pad: 'x'.repeat(1_100_000) });
      break;
    case 'wrongtype':
      payload = JSON.stringify(r.pick([[], [body], 42, 'text', true, null]));
      break;
    case 'strictextra':
      payload = JSON.stringify({ ...body, ['__fuzz' + r.int(9)]: hostileJson(r) });
      break;
    default:
      payload = JSON.stringify(body);
  }
  return { method: route.method, url, headers, payload };
}

function isErrorBody(text: string): boolean {
  try {
    const b = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof b.error?.code === 'string' && typeof b.error.message === 'string' && b.error.message.length > 0;
  } catch {
    return false;
  }
}

async function rowCounts(h: Harness): Promise<Record<string, number>> {
  const tables = await h.s.db.kysely.introspection.getTables();
  const out: Record<string, number> = {};
  for (const t of tables) {
    if (t.name.startsWith('kysely_migration')) continue;
    const r = await h.s.db.kysely
      .selectFrom(t.name as 'users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t.name] = Number(r.n);
  }
  return out;
}

describe(`fuzz: ${REQUESTS} malformed requests over every route (${TEST_DB})`, () => {
  let h: Harness;
  const { routes, onRoute } = routeCollector();
  let app: Awaited<ReturnType<typeof createApp>>;
  beforeAll(async () => {
    h = await makeHarness();
    app = await createApp(h.s, { webDir: null, onRoute });
    await app.ready();
    const k = h.s.db.kysely;
    for (const t of ['users', 'divisions', 'topics', 'meetings', 'minutes', 'notices'] as const) {
      realIds.push(...(await k.selectFrom(t).select('id').limit(20).execute()).map((x) => x.id));
    }
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('no 5xx, every error is {error:{code,message}}, and nothing changes', async () => {
    const started = Date.now();
    const users: Array<Client | null> = [null];
    for (const role of ROLES) users.push(await h.login(role));
    const before = await rowCounts(h);
    const r = prng(SEED);
    const serverErrors: string[] = [];
    const badBodies: string[] = [];
    const byStatus: Record<number, number> = {};
    for (let i = 0; i < REQUESTS; i++) {
      const route = r.pick(routes);
      const req = build(r, route, r.pick(users));
      const res: LightMyRequestResponse = await app.inject({
        method: req.method as 'GET',
        url: req.url,
        headers: req.headers,
        ...(req.payload === undefined ? {} : { payload: req.payload }),
      });
      byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
      const what = `${req.method} ${route.url} → ${req.url.slice(0, 120)}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (res.statusCode >= 500) serverErrors.push(what);
      if (res.statusCode >= 400 && req.method !== 'HEAD' && !isErrorBody(res.body)) badBodies.push(what);
      if (req.method !== 'GET' && req.method !== 'HEAD' && res.statusCode < 400) badBodies.push(`accepted: ${what}`);
    }
    const after = await rowCounts(h);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz(${TEST_DB}): ${REQUESTS} requests over ${routes.length} routes, ${serverErrors.length} 5xx, ` +
        `${badBodies.length} bad bodies, ${seconds} s; statuses ${JSON.stringify(byStatus)}`,
    );
    expect(serverErrors.slice(0, 10)).toEqual([]);
    expect(badBodies.slice(0, 10)).toEqual([]);
    expect(after).toEqual(before);
  }, 120_000);
});
