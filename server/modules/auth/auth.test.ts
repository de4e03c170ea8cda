import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Harness } from '../../test/harness.js';
import { initUnit } from '../../seed/units.js';

describe('login, lockout, sessions, CSRF', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('logs in with a demo account and returns the user and a CSRF token', async () => {
    const res = await h.anon('POST', '/api/auth/login', { username: 'head', password: 'Demo@2026' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { user: { displayName: string }; csrfToken: string; mustChangePassword: boolean };
    expect(body.user.displayName).toBe('李伟');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(body.mustChangePassword).toBe(false);
    const cookie = res.cookies.find((c) => c.name === 'jiyao_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('rejects a wrong password and an unknown user alike, and audits both', async () => {
    const before = await h.auditCount();
    const bad = await h.anon('POST', '/api/auth/login', { username: 'staff', password: 'Wrong@2026' });
    expect(bad.statusCode).toBe(401);
    expect(codeOf(bad)).toBe('INVALID_CREDENTIALS');
    const unknown = await h.anon('POST', '/api/auth/login', { username: 'nobody', password: 'Wrong@2026' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(bad.json());
    expect(await h.auditCount()).toBe(before + 2);
    const failures = await h.s.db.kysely
      .selectFrom('audit_events')
      .select(['outcome', 'data'])
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures.map((f) => JSON.parse(f.data).reason)).toEqual(
      expect.arrayContaining(['bad_password', 'unknown_user']),
    );
  });

  it('401 without a session on every protected endpoint', async () => {
    for (const url of ['/api/me', '/api/divisions', '/api/admin/users', '/api/audit/events', '/api/settings/regime']) {
      const res = await h.anon('GET', url);
      expect(res.statusCode, url).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    const forged = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'jiyao_session=forged' } });
    expect(forged.statusCode).toBe(401);
  });

  it('locks the account after 5 failed logins for 30 minutes (ACCOUNT_LOCKED)', async () => {
    for (let i = 1; i <= 4; i++) {
      const r = await h.anon('POST', '/api/auth/login', { username: 'yangfan', password: `Wrong@${i}` });
      expect(codeOf(r)).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await h.anon('POST', '/api/auth/login', { username: 'yangfan', password: 'Wrong@5' });
    expect(fifth.statusCode).toBe(423);
    expect(codeOf(fifth)).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    const right = await h.anon('POST', '/api/auth/login', { username: 'yangfan', password: 'Demo@2026' });
    expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
    h.clock.advanceMinutes(29);
    expect(codeOf(await h.anon('POST', '/api/auth/login', { username: 'yangfan', password: 'Demo@2026' }))).toBe(
      'ACCOUNT_LOCKED',
    );
    h.clock.advanceMinutes(2);
    const after = await h.anon('POST', '/api/auth/login', { username: 'yangfan', password: 'Demo@2026' });
    expect(after.statusCode).toBe(200);
    const lockouts = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'auth.lockout')
      .execute();
    expect(lockouts).toHaveLength(1);
  });

  it('a successful login resets the failure count', async () => {
    for (let i = 0; i < 4; i++) await h.anon('POST', '/api/auth/login', { username: 'huanglei', password: 'Wrong@x1' });
    expect((await h.anon('POST', '/api/auth/login', { username: 'huanglei', password: 'Demo@2026' })).statusCode).toBe(
      200,
    );
    for (let i = 0; i < 4; i++) {
      const r = await h.anon('POST', '/api/auth/login', { username: 'huanglei', password: 'Wrong@x1' });
      expect(codeOf(r)).toBe('INVALID_CREDENTIALS');
    }
  });

  it('expires a session after 30 idle minutes; activity keeps it alive', async () => {
    const c = await h.login('chenjing');
    h.clock.advanceMinutes(20);
    expect((await c.get('/api/me')).statusCode).toBe(200);
    h.clock.advanceMinutes(20); // 40 min after login, 20 after the last request
    expect((await c.get('/api/me')).statusCode).toBe(200);
    h.clock.advanceMinutes(31);
    const expired = await c.get('/api/me');
    expect(expired.statusCode).toBe(401);
    expect(codeOf(expired)).toBe('SESSION_EXPIRED');
    // and it stays gone
    expect(codeOf(await c.get('/api/me'))).toBe('UNAUTHENTICATED');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const admin = await h.login('admin');
    const before = await h.auditCount();
    const body = { name: '测试处', kind: 'business' };
    const none = await h.app.inject({
      method: 'POST',
      url: '/api/admin/divisions',
      headers: { cookie: admin.cookie },
      payload: body,
    });
    expect(none.statusCode).toBe(403);
    expect(codeOf(none)).toBe('CSRF_FAILED');
    const wrong = await admin.post('/api/admin/divisions', body, { 'x-csrf-token': 'not-the-token' });
    expect(codeOf(wrong)).toBe('CSRF_FAILED');
    expect(await h.auditCount()).toBe(before);
    expect((await admin.post('/api/admin/divisions', body)).statusCode).toBe(201);
  });

  it('logout ends the session and is audited', async () => {
    const c = await h.login('deputy');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const ev = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('actor_name')
      .where('action', '=', 'auth.logout')
      .execute();
    expect(ev.map((e) => e.actor_name)).toContain('张敏');
  });

  it('a disabled account cannot log in', async () => {
    const admin = await h.login('admin');
    const id = await h.userId('tianye');
    const u = (await admin.get(`/api/admin/users/${id}`)).json() as { version: number };
    expect((await admin.patch(`/api/admin/users/${id}`, { active: false, version: u.version })).statusCode).toBe(200);
    const r = await h.anon('POST', '/api/auth/login', { username: 'tianye', password: 'Demo@2026' });
    expect(r.statusCode).toBe(403);
    expect(codeOf(r)).toBe('ACCOUNT_DISABLED');
  });
});

describe('initial password must be changed', () => {
  let h: Harness;
  let password: string;
  beforeAll(async () => {
    h = await makeHarness({ seed: false });
    const r = await initUnit(h.s, '某市商务局', 'root_admin');
    if (!r) throw new Error('init failed');
    password = r.initialPassword;
  });
  afterAll(async () => h.close());

  it('init refuses a second unit', async () => {
    expect(await initUnit(h.s, '另一个局', 'x_admin')).toBeNull();
  });

  it('forces the change before anything else, enforces the password rule, then works', async () => {
    const c = await h.login('root_admin', password);
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(
      (me.json() as { user: { mustChangePassword: boolean }; unit: { isDemo: boolean } }).user.mustChangePassword,
    ).toBe(true);
    const blocked = await c.get('/api/admin/users');
    expect(blocked.statusCode).toBe(403);
    expect(codeOf(blocked)).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await c.post('/api/auth/password', { currentPassword: password, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(422);
    expect(codeOf(weak)).toBe('WEAK_PASSWORD');
    const short = await c.post('/api/auth/password', { currentPassword: password, newPassword: 'Ab1!' });
    expect(codeOf(short)).toBe('WEAK_PASSWORD');
    const wrongCurrent = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Str0ng!pass' });
    expect(codeOf(wrongCurrent)).toBe('WRONG_PASSWORD');
    const same = await c.post('/api/auth/password', { currentPassword: password, newPassword: password });
    expect(codeOf(same)).toBe('PASSWORD_REUSED');

    expect(
      (await c.post('/api/auth/password', { currentPassword: password, newPassword: 'Str0ng!pass' })).statusCode,
    ).toBe(204);
    expect((await c.get('/api/admin/users')).statusCode).toBe(200);
    // the old password is gone, the new one works
    expect((await h.anon('POST', '/api/auth/login', { username: 'root_admin', password })).statusCode).toBe(401);
    const again = await h.login('root_admin', 'Str0ng!pass');
    const me2 = (await again.get('/api/me')).json() as { unit: { name: string; isDemo: boolean }; roles: string[] };
    expect(me2.unit).toMatchObject({ name: '某市商务局', isDemo: false });
    expect(me2.roles).toEqual(['system_admin']);
  });
});

describe('changes reach live sessions at once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('a new role shows in the next request; deactivation ends the session', async () => {
    const admin = await h.login('admin');
    const c = await h.login('dengli');
    expect(((await c.get('/api/me')).json() as { roles: string[] }).roles).toEqual([]);
    const id = await h.userId('dengli');
    await admin.put(`/api/admin/users/${id}/roles`, { roles: [{ role: 'principal_leader' }] });
    const me = (await c.get('/api/me')).json() as { roles: string[]; abilities: Record<string, boolean> };
    expect(me.roles).toEqual(['principal_leader']);
    expect(me.abilities['division.read_all']).toBe(true);
    const u = (await admin.get(`/api/admin/users/${id}`)).json() as { version: number };
    await admin.patch(`/api/admin/users/${id}`, { active: false, version: u.version });
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('a password reset by the admin ends the user’s sessions', async () => {
    const admin = await h.login('admin');
    const c = await h.login('xiaopeng');
    await admin.post(`/api/admin/users/${await h.userId('xiaopeng')}/reset-password`);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('a lock by the security admin ends the account’s sessions at once; only the security admin locks', async () => {
    const sec = await h.login('secadmin');
    const c = await h.login('tianye');
    const id = await h.userId('tianye');
    expect((await (await h.login('admin')).post(`/api/admin/users/${id}/lock`)).statusCode).toBe(403);
    const locked = await sec.post(`/api/admin/users/${id}/lock`);
    expect(locked.statusCode, locked.body).toBe(200);
    expect((locked.json() as { locked: boolean }).locked).toBe(true);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const again = await h.anon('POST', '/api/auth/login', { username: 'tianye', password: 'Demo@2026' });
    expect(codeOf(again)).toBe('ACCOUNT_LOCKED');
    await sec.post(`/api/admin/users/${id}/unlock`);
    expect((await h.anon('POST', '/api/auth/login', { username: 'tianye', password: 'Demo@2026' })).statusCode).toBe(
      200,
    );
  });
});
