import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from './harness.js';

/** Bad input always gets a 4xx with a code and changes nothing; never a 500. */
describe('bad input', () => {
  let h: Harness;
  let admin: Client;
  let otherUnit: { division: string; user: string };
  beforeAll(async () => {
    h = await makeHarness();
    admin = await h.login('admin');
    // A second unit in the same database: its ids must be invisible to the first.
    const now = new Date().toISOString();
    const unitId = randomUUID();
    otherUnit = { division: randomUUID(), user: randomUUID() };
    const k = h.s.db.kysely;
    await k.insertInto('units').values({ unit_id: unitId, name: '另一个局', is_demo: 0, created_at: now }).execute();
    await k
      .insertInto('divisions')
      .values({
        id: otherUnit.division,
        unit_id: unitId,
        name: '别人的处',
        kind: 'business',
        sort_order: 1,
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await k
      .insertInto('users')
      .values({
        id: otherUnit.user,
        unit_id: unitId,
        username: 'other_unit_user',
        display_name: '外单位',
        email: null,
        phone: null,
        password_hash: 'x',
        must_change_password: 0,
        failed_logins: 0,
        locked_until: null,
        active: 1,
        last_login_at: null,
        password_changed_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  afterAll(async () => h.close());

  async function expectRejected(
    send: () => Promise<{ statusCode: number; body: string }>,
    status: number,
    code: string,
  ): Promise<void> {
    const before = await h.auditCount();
    const users = await h.s.db.kysely.selectFrom('users').select('version').execute();
    const res = await send();
    expect(res.statusCode, res.body).toBe(status);
    expect(codeOf(res as never)).toBe(code);
    const body = JSON.parse(res.body) as { error: { message: string } };
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese message
    expect(await h.auditCount()).toBe(before);
    expect(await h.s.db.kysely.selectFrom('users').select('version').execute()).toEqual(users);
  }

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    await expectRejected(
      () =>
        h.app.inject({
          method: 'POST',
          url: '/api/admin/divisions',
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
          payload: '{"name": "坏的',
        }),
      400,
      'MALFORMED_JSON',
    );
    await expectRejected(
      () =>
        h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: '{',
        }),
      400,
      'MALFORMED_JSON',
    );
  });

  it('wrong types, unknown fields, over-long strings → 400 VALIDATION_FAILED', async () => {
    await expectRejected(
      () => admin.post('/api/admin/divisions', { name: 42, kind: 'business' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      () => admin.post('/api/admin/divisions', { name: '新处', kind: 'martian' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      () => admin.post('/api/admin/divisions', { name: '新处', kind: 'business', isAdmin: true }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      () => admin.post('/api/admin/divisions', { name: '处'.repeat(41), kind: 'business' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      () => admin.post('/api/admin/users', { username: '../etc', displayName: '某' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      () => h.anon('POST', '/api/auth/login', { username: 'a'.repeat(65), password: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(() => admin.get('/api/admin/users?limit=100000'), 400, 'VALIDATION_FAILED');
    await expectRejected(() => admin.post('/api/admin/divisions'), 400, 'VALIDATION_FAILED');
  });

  it('the validation error names the field in Chinese', async () => {
    const res = await admin.post('/api/admin/divisions', { name: '', kind: 'business' });
    const body = res.json() as { error: { message: string; details: Array<{ path: string }> } };
    expect(body.error.details[0]?.path).toContain('name');
    expect(body.error.message).toContain('提交的数据不符合要求');
  });

  it('a body over 1 MB → 413', async () => {
    await expectRejected(
      () => admin.post('/api/admin/divisions', { name: 'x', kind: 'business', pad: 'x'.repeat(1_100_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('unknown ids → 404; another unit’s ids → 404, never touched', async () => {
    await expectRejected(() => admin.get(`/api/admin/users/${randomUUID()}`), 404, 'NOT_FOUND');
    await expectRejected(() => admin.get(`/api/admin/users/${otherUnit.user}`), 404, 'NOT_FOUND');
    await expectRejected(
      () => admin.patch(`/api/admin/divisions/${otherUnit.division}`, { name: '抢来的', version: 1 }),
      404,
      'NOT_FOUND',
    );
    await expectRejected(
      () => admin.patch(`/api/admin/users/${otherUnit.user}`, { displayName: '改名', version: 1 }),
      404,
      'NOT_FOUND',
    );
    const staffId = await h.userId('staff');
    await expectRejected(
      () =>
        admin.put(`/api/admin/users/${staffId}/memberships`, {
          memberships: [{ divisionId: otherUnit.division, position: 'staff', isRecorder: false }],
        }),
      404,
      'NOT_FOUND',
    );
    await expectRejected(
      () =>
        admin.put(`/api/admin/users/${staffId}/roles`, {
          roles: [{ role: 'supervising_leader', divisionIds: [otherUnit.division] }],
        }),
      404,
      'NOT_FOUND',
    );
    const other = await h.s.db.kysely
      .selectFrom('divisions')
      .select('name')
      .where('id', '=', otherUnit.division)
      .executeTakeFirstOrThrow();
    expect(other.name).toBe('别人的处');
  });

  it('an unknown API path → 404 JSON', async () => {
    const res = await admin.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(codeOf(res)).toBe('NOT_FOUND');
  });

  it('a stale version → 409 CONFLICT with the current copy', async () => {
    const id = await h.divisionId('规划财务处');
    const res = await admin.patch(`/api/admin/divisions/${id}`, { name: '规划和财务处', version: 99 });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: { details: { current: { name: string } } } }).error.details.current.name).toBe(
      '规划财务处',
    );
  });

  it('a settings value out of range → 400, and the stored value is kept', async () => {
    const sec = await h.login('secadmin');
    const cur = (await sec.get('/api/admin/settings/security')).json() as {
      value: Record<string, unknown>;
      version: number;
    };
    const res = await sec.put('/api/admin/settings/security', {
      value: { ...cur.value, passwordMinLength: 4 },
      version: cur.version,
    });
    expect(res.statusCode).toBe(400);
    expect(((await sec.get('/api/admin/settings/security')).json() as typeof cur).value.passwordMinLength).toBe(8);
  });
});
