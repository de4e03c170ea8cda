import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, TEST_DB, type Harness } from '../../test/harness.js';
import { createApp } from '../../app.js';

describe('health, OpenAPI, docs, SPA', () => {
  let h: Harness;
  const web = mkdtempSync(join(tmpdir(), 'jiyao-web-'));
  beforeAll(async () => {
    h = await makeHarness();
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>纪要</title><div id="root"></div>');
  });
  afterAll(async () => {
    await h.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('GET /api/health names the database', async () => {
    const res = await h.anon('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: TEST_DB, version: 'test' });
  });

  it('publishes OpenAPI 3 with every route and Swagger UI', async () => {
    const spec = (await h.anon('GET', '/api/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/login', '/api/me', '/api/admin/users/{id}/roles', '/api/audit/events', '/api/health']) {
      expect(Object.keys(spec.paths)).toContain(p);
    }
    const ui = await h.anon('GET', '/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('serves the SPA at / with a fallback for client routes, but JSON under /api', async () => {
    const app = await createApp(h.s, { webDir: web });
    for (const url of ['/', '/admin/users', '/login']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
    }
    // Anonymous callers learn nothing about which API paths exist.
    const api = await app.inject({ method: 'GET', url: '/api/missing' });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toContain('application/json');
    await app.close();
  });
});
