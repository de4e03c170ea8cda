import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { createApp } from '../app.js';
import { makeHarness, type Harness } from './harness.js';
import { endpoints, type Endpoint } from '../../core/contracts/endpoints.js';

interface Registered {
  key: string;
  query: unknown;
  body: unknown;
  /** The JSON answer's schema (200 or 201), if the route declares one. */
  response: unknown;
}

/**
 * The typed web client takes every request and response type from
 * core/contracts/endpoints.ts; this holds that table against the routes the
 * server really registers: the same routes, and the very same schema objects.
 */
describe('core/contracts/endpoints.ts is the API', () => {
  let h: Harness;
  const routes: Registered[] = [];
  beforeAll(async () => {
    h = await makeHarness();
    const app = await createApp(h.s, {
      webDir: null,
      onRoute(r: RouteOptions) {
        const schema = (r.schema ?? {}) as {
          hide?: boolean;
          querystring?: unknown;
          body?: unknown;
          response?: Record<number, unknown>;
        };
        // The API docs' own routes and the hidden OpenAPI document are not the API.
        if (schema.hide || !r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) return;
        for (const method of [r.method].flat()) {
          if (method === 'HEAD') continue;
          routes.push({
            key: `${method} ${r.url}`,
            query: schema.querystring,
            body: schema.body,
            response: schema.response?.[200] ?? schema.response?.[201],
          });
        }
      },
    });
    await app.ready();
    await app.close();
  });
  afterAll(async () => h.close());

  it('every registered route has its entry, and every entry a route', () => {
    const registered = routes.map((r) => r.key).sort();
    expect(registered.length).toBeGreaterThan(80);
    expect(registered).toEqual(Object.keys(endpoints).sort());
  });

  it('each route declares exactly the schemas of its entry (query, body, JSON response)', () => {
    const table = endpoints as Record<string, Endpoint>;
    const mismatches: string[] = [];
    for (const r of routes) {
      const e = table[r.key];
      if (!e) continue; // reported by the test above
      if (r.query !== e.query) mismatches.push(`${r.key} query`);
      // An upload's body is the raw file, not a schema.
      if (r.body !== (e.upload ? undefined : e.body)) mismatches.push(`${r.key} body`);
      if ((r.response ?? null) !== e.response) mismatches.push(`${r.key} response`);
    }
    expect(mismatches).toEqual([]);
  });
});
