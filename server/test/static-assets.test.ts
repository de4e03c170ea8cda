import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { makeHarness, type Harness } from './harness.js';

const HTML = `<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head>${'<p>纪要</p>'.repeat(50)}</html>`;
const JS = `export const greeting = ${JSON.stringify('您好，'.repeat(200))};\n`;

/** A built SPA in miniature: the page, a hashed chunk, and their .br / .gz as `npm run build` writes them. */
function fakeWebDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-web-'));
  mkdirSync(join(dir, 'assets'));
  for (const [name, body] of [
    ['index.html', HTML],
    ['assets/app-abc123.js', JS],
  ] as const) {
    writeFileSync(join(dir, name), body);
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(body));
    writeFileSync(join(dir, `${name}.gz`), gzipSync(body));
  }
  return dir;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the SPA goes out precompressed, hashed assets cached for good, the page revalidated', () => {
  let h: Harness;
  let webDir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    h = await makeHarness({ env: { PUBLIC_URL: 'https://jiyao.example.cn' } });
    webDir = fakeWebDir();
    app = await createApp(h.s, { webDir });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('a hashed chunk: brotli when accepted, else gzip, else plain; immutable for a year', async () => {
    const br = await get('/assets/app-abc123.js', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(JS);

    const gz = await get('/assets/app-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(JS);

    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(JS);

    for (const res of [br, gz, plain]) {
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('the page, at / and at a client-side route, compressed and no-cache, with its security headers', async () => {
    for (const url of ['/', '/index.html', '/meetings/123', '/login?next=%2Fminutes']) {
      const br = await get(url, 'br');
      expect(br.statusCode, url).toBe(200);
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(br.headers['content-type'], url).toMatch(/^text\/html/);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(HTML);
      const gz = await get(url, 'gzip');
      expect(gz.headers['content-encoding'], url).toBe('gzip');
      for (const res of [br, gz]) {
        expect(res.headers['cache-control'], url).toBe('no-cache');
        expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      }
    }
  });

  it('a second visit revalidates the page: 304 for its ETag', async () => {
    const first = await get('/', 'br');
    const etag = String(first.headers['etag']);
    const again = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.payload).toBe('');
  });

  it('the API is not served as the page', async () => {
    const res = await get('/api/nothing', 'br');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});

describe('with STATIC_PRECOMPRESSED=0 and STATIC_IMMUTABLE=0 (the comparison of npm run bench:web)', () => {
  let h: Harness;
  let webDir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    h = await makeHarness({ env: { STATIC_PRECOMPRESSED: '0', STATIC_IMMUTABLE: '0' } });
    webDir = fakeWebDir();
    app = await createApp(h.s, { webDir });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('plain files with max-age=0, as before', async () => {
    for (const url of ['/assets/app-abc123.js', '/', '/meetings/123']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBeUndefined();
      expect(res.headers['cache-control'], url).toBe('public, max-age=0');
    }
  });
});
