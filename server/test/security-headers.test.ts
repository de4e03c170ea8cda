import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { codeOf, makeHarness, type Client, type Harness } from './harness.js';

const HTML = '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head></html>';

describe('writes from another site are refused, login included', () => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await makeHarness({ env: { PUBLIC_URL: 'https://jiyao.example.cn' } });
    admin = await h.login('admin');
  });
  afterAll(async () => h.close());

  const body = { name: '跨站处', kind: 'business' };

  it('a foreign Origin or Origin: null with a valid CSRF token → 403 CSRF_FAILED, nothing written', async () => {
    const before = await h.auditCount();
    for (const origin of [
      'https://evil.example.com',
      'null',
      'http://jiyao.example.cn',
      'https://jiyao.example.cn:8443',
    ]) {
      const res = await admin.post('/api/admin/divisions', body, { origin });
      expect(res.statusCode, origin).toBe(403);
      expect(codeOf(res)).toBe('CSRF_FAILED');
    }
    const cross = await admin.post('/api/admin/divisions', body, { 'sec-fetch-site': 'cross-site' });
    expect(cross.statusCode).toBe(403);
    expect(codeOf(cross)).toBe('CSRF_FAILED');
    expect(await h.auditCount()).toBe(before);
  });

  it('the public login is checked too (no session needed to be refused)', async () => {
    const before = await h.auditCount();
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example.com' },
      payload: { username: 'head', password: 'Demo@2026' },
    });
    expect(res.statusCode).toBe(403);
    expect(codeOf(res)).toBe('CSRF_FAILED');
    expect(res.cookies).toHaveLength(0);
    expect(await h.auditCount()).toBe(before);
  });

  it('the own origin, same-origin fetch metadata, and no Origin at all pass', async () => {
    const own = await admin.post('/api/admin/divisions', body, {
      origin: 'https://jiyao.example.cn',
      'sec-fetch-site': 'same-origin',
    });
    expect(own.statusCode).toBe(201);
    const none = await admin.post('/api/admin/divisions', { name: '无来源处', kind: 'business' });
    expect(none.statusCode).toBe(201);
    // reads are not checked
    expect((await h.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'null' } })).statusCode).toBe(
      200,
    );
  });

  it('the session cookie is Secure when the public URL is https', async () => {
    const res = await h.anon('POST', '/api/auth/login', { username: 'head', password: 'Demo@2026' });
    expect(res.cookies.find((c) => c.name === 'jiyao_session')?.secure).toBe(true);
  });
});

describe('security headers', () => {
  let h: Harness;
  let webDir: string;
  beforeAll(async () => {
    h = await makeHarness({ env: { PUBLIC_URL: 'https://jiyao.example.cn' } });
    webDir = mkdtempSync(join(tmpdir(), 'jiyao-web-'));
    writeFileSync(join(webDir, 'index.html'), HTML);
  });
  afterAll(async () => {
    await h.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('every API response, errors included, carries nosniff, a referrer policy and HSTS', async () => {
    const head = await h.login('head');
    for (const res of [
      await h.anon('GET', '/api/health'),
      await head.get('/api/nothing'),
      await h.anon('GET', '/api/me'),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
    // a router error, before any route
    const bad = await head.get('/api/topics/%E0%A4%A');
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the SPA HTML carries a CSP without inline script, no framing, same-origin referrer', async () => {
    const app = await createApp(h.s, { webDir });
    try {
      for (const url of ['/', '/meetings/123']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("style-src 'self' 'unsafe-inline'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      }
    } finally {
      await app.close();
    }
  });

  it('no HSTS over plain http', async () => {
    const plain = await makeHarness({ env: { PUBLIC_URL: 'http://10.0.0.5:3000' } });
    try {
      const res = await plain.anon('GET', '/api/health');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await plain.close();
    }
  });

  it('the SPA page has no inline script, so the CSP needs no unsafe-inline for scripts', () => {
    const html = readFileSync(join(import.meta.dirname, '../../web/index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, content] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(content?.trim()).toBe('');
    }
  });
});
