import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Client, type Harness } from './harness.js';
import { PLAIN_TOPIC } from './fixtures.js';

/** A topic of 对外贸易处: a draft when `by` is staff, approved when the head. */
async function newTopicId(h: Harness, by: Client): Promise<string> {
  const res = await by.post('/api/topics', { divisionId: await h.divisionId('对外贸易处'), ...PLAIN_TOPIC });
  if (res.statusCode !== 201) throw new Error(`topic: ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Posts bodies of the given sizes to the login over one keep-alive agent, from a child process. */
const CLIENT = `
const { Agent, request } = require('node:http');
const [port, ...sizes] = process.argv.slice(1).map(Number);
const agent = new Agent({ keepAlive: true });
(async () => {
  const out = [];
  for (const size of sizes) {
    out.push(await new Promise((resolve) => {
      const req = request({ agent, host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(size) } }, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ statusCode: r.statusCode, body }));
      });
      req.on('error', (e) => resolve({ statusCode: 0, body: e.code }));
      req.end(Buffer.alloc(size, 0x78));
    }));
  }
  agent.destroy();
  process.stdout.write(JSON.stringify(out));
})();
`;

function runClient(port: number, sizes: number[]): Promise<Sent[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT, String(port), ...sizes.map(String)]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out) as Sent[]));
  });
}

interface Sent {
  statusCode: number;
  body: string;
}

/** The error body every layer must produce: a code and a Chinese message, nothing else. */
function expectErrorBody(res: Sent, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('hostile input: NUL, lone surrogates, invalid UTF-8', () => {
  let h: Harness;
  let head: Client;
  beforeAll(async () => {
    h = await makeHarness();
    head = await h.login('head');
  });
  afterAll(async () => h.close());

  async function unchanged(send: () => Promise<Sent>, status: number, code: string): Promise<void> {
    const audit = await h.auditCount();
    const topics = await h.s.db.kysely.selectFrom('topics').select('id').execute();
    expectErrorBody(await send(), status, code);
    expect(await h.auditCount()).toBe(audit);
    expect(await h.s.db.kysely.selectFrom('topics').select('id').execute()).toHaveLength(topics.length);
  }

  it('a NUL in a JSON string at the public login → 400 INVALID_TEXT, no audit event', async () => {
    await unchanged(
      () => h.anon('POST', '/api/auth/login', { username: 'head\u0000', password: 'Demo@2026' }),
      400,
      'INVALID_TEXT',
    );
    await unchanged(
      () => h.anon('POST', '/api/auth/login', { username: 'head', password: 'x\u0000y' }),
      400,
      'INVALID_TEXT',
    );
  });

  it('a NUL in a path id or a query parameter → 400 INVALID_TEXT', async () => {
    await unchanged(() => head.get('/api/topics/abc%00def'), 400, 'INVALID_TEXT');
    await unchanged(() => head.post('/api/topics/abc%00def/submit'), 400, 'INVALID_TEXT');
    await unchanged(() => head.get('/api/topics?q=%00'), 400, 'INVALID_TEXT');
    await unchanged(() => head.get('/api/people?q=a%00b'), 400, 'INVALID_TEXT');
  });

  it('a lone surrogate in a JSON title → 400 INVALID_TEXT, nothing stored', async () => {
    const divisionId = await h.divisionId('对外贸易处');
    const raw = `{"title":"议题\\ud800","divisionId":"${divisionId}","category":"other"}`;
    await unchanged(
      () =>
        h.app.inject({
          method: 'POST',
          url: '/api/topics',
          headers: { cookie: head.cookie, 'x-csrf-token': head.csrf, 'content-type': 'application/json' },
          payload: raw,
        }),
      400,
      'INVALID_TEXT',
    );
    // a low surrogate alone, as an object key
    await unchanged(() => head.post('/api/topics', { ['\udc00']: 1 }), 400, 'INVALID_TEXT');
  });

  it('raw invalid UTF-8 bytes in a JSON body → 400 INVALID_TEXT', async () => {
    const bytes = Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    await unchanged(
      () =>
        h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: bytes,
        }),
      400,
      'INVALID_TEXT',
    );
  });

  it('a NUL in an attachment’s file name → 400 INVALID_TEXT', async () => {
    const topicId = await newTopicId(h, await h.login('staff'));
    await unchanged(
      () =>
        h.app.inject({
          method: 'POST',
          url: `/api/topics/${topicId}/attachments`,
          headers: {
            cookie: head.cookie,
            'x-csrf-token': head.csrf,
            'content-type': 'application/octet-stream',
            'x-filename': 'a%00.txt',
          },
          payload: Buffer.from('hello'),
        }),
      400,
      'INVALID_TEXT',
    );
  });

  it('a NUL in a 补录 meeting’s paper minutes file name → 400 INVALID_TEXT (one upload check for every route)', async () => {
    await unchanged(
      () =>
        h.app.inject({
          method: 'PUT',
          url: '/api/meetings/00000000-0000-4000-8000-000000000000/paper-minutes',
          headers: {
            cookie: head.cookie,
            'x-csrf-token': head.csrf,
            'content-type': 'application/octet-stream',
            'x-filename': 'paper%00.pdf',
          },
          payload: Buffer.from('%PDF-1.4'),
        }),
      400,
      'INVALID_TEXT',
    );
  });

  it('text/plain bodies are refused (415), not passed through unchecked', async () => {
    await unchanged(
      () =>
        h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'text/plain' },
          payload: 'head',
        }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });
});

describe('framework errors speak the API’s shape, in Chinese', () => {
  let h: Harness;
  let head: Client;
  let base: string;
  beforeAll(async () => {
    h = await makeHarness();
    head = await h.login('head');
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => h.close());

  it('bad percent-encoding in the path → 400 BAD_URL', async () => {
    expectErrorBody(await head.get('/api/topics/%E0%A4%A'), 400, 'BAD_URL');
    expectErrorBody(await h.anon('GET', '/api/topics/%'), 400, 'BAD_URL');
  });

  it('an over-long path parameter → 414 URI_TOO_LONG', async () => {
    expectErrorBody(await head.get(`/api/topics/${'a'.repeat(300)}`), 414, 'URI_TOO_LONG');
  });

  it('an unknown /api route → 404 NOT_FOUND', async () => {
    expectErrorBody(await head.get('/api/no-such-thing'), 404, 'NOT_FOUND');
    expectErrorBody(await head.del('/api/topics'), 404, 'NOT_FOUND');
  });

  it('a 20 KB query string over a real socket → 431 HEADERS_TOO_LARGE', async () => {
    const res = await fetch(`${base}/api/health?q=${'x'.repeat(20_000)}`);
    const sent = { statusCode: res.status, body: await res.text() };
    expectErrorBody(sent, 431, 'HEADERS_TOO_LARGE');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a malformed request line over a real socket → 400 BAD_REQUEST', async () => {
    const { connect } = await import('node:net');
    const port = (h.app.server.address() as AddressInfo).port;
    const text = await new Promise<string>((resolve, reject) => {
      const sock = connect(port, '127.0.0.1', () => sock.write('GARBAGE\r\n\r\n'));
      let out = '';
      sock.on('data', (d) => (out += d.toString()));
      sock.on('end', () => resolve(out));
      sock.on('error', reject);
    });
    expect(text.startsWith('HTTP/1.1 400')).toBe(true);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expectErrorBody({ statusCode: 400, body }, 400, 'BAD_REQUEST');
  });

  it('a body over the limit gets a readable 413 over a real socket, every time', async () => {
    const big = JSON.stringify({ name: 'x', kind: 'business', pad: 'x'.repeat(3_000_000) });
    const headers = { cookie: head.cookie, 'x-csrf-token': head.csrf, 'content-type': 'application/json' };
    for (let i = 0; i < 5; i++) {
      // declared length over the limit
      const a = await fetch(`${base}/api/topics`, { method: 'POST', headers, body: big });
      expectErrorBody({ statusCode: a.status, body: await a.text() }, 413, 'PAYLOAD_TOO_LARGE');
      // streamed without a length (chunked): the limit trips mid-body
      const chunks = Array.from({ length: 30 }, () => new TextEncoder().encode('x'.repeat(100_000)));
      const stream = new ReadableStream<Uint8Array>({
        pull(c) {
          const next = chunks.shift();
          if (next) c.enqueue(next);
          else c.close();
        },
      });
      const b = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expectErrorBody({ statusCode: b.status, body: await b.text() }, 413, 'PAYLOAD_TOO_LARGE');
    }
    // Node's own client on a keep-alive agent, in another process (as a real
    // client would be): the old server reset the socket while it was still
    // writing (EPIPE) about every other time.
    const port = (h.app.server.address() as AddressInfo).port;
    const results = await runClient(port, [30_000_000, 5_000_000, 30_000_000, 5_000_000, 30_000_000, 5_000_000]);
    for (const r of results) expectErrorBody(r, 413, 'PAYLOAD_TOO_LARGE');
    // an upload over UPLOAD_MAX_MB (2 in tests)
    const staff = await h.login('staff');
    const up = await fetch(`${base}/api/topics/${await newTopicId(h, staff)}/attachments`, {
      method: 'POST',
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': 'big.pdf',
      },
      body: new Uint8Array(5 * 1024 * 1024),
    });
    expectErrorBody({ statusCode: up.status, body: await up.text() }, 413, 'FILE_TOO_LARGE');
    expect((await head.get('/api/me')).statusCode).toBe(200); // the server still serves
  });
});
