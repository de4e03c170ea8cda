import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import type { DivisionDto, UserDto } from '../../../core/contracts/org.js';
import { walkPages } from '../../test/pages.js';

describe('organisation administration', () => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await makeHarness();
    admin = await h.login('admin');
  });
  afterAll(async () => h.close());

  it('the demo bureau has ~8 divisions incl. 办公室 and 监察室, ~40 people, every role', async () => {
    const divisions = (await admin.get('/api/admin/divisions')).json() as DivisionDto[];
    expect(divisions.length).toBeGreaterThanOrEqual(8);
    expect(divisions.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['general_office', 'supervision_office', 'leadership', 'business']),
    );
    const trade = divisions.find((d) => d.name === '对外贸易处');
    expect(trade).toMatchObject({ headName: '李伟', recorderName: '王芳' });
    const users = await walkPages<UserDto>(admin, '/api/admin/users');
    expect(users.items.length).toBeGreaterThanOrEqual(38);
    const roles = new Set(users.items.flatMap((u) => u.roles.map((r) => r.role)));
    expect([...roles].sort()).toEqual(
      [
        'audit_admin',
        'discipline_secretary',
        'principal_leader',
        'security_admin',
        'supervising_leader',
        'system_admin',
      ].sort(),
    );
    const leader = users.items.find((u) => u.username === 'leader');
    expect(leader?.roles[0]?.divisionIds).toContain(trade?.id);
  });

  it('creates, renames and deactivates a division, with versions and audit events', async () => {
    const created = await admin.post('/api/admin/divisions', { name: '口岸物流处', kind: 'business' });
    expect(created.statusCode).toBe(201);
    const d = created.json() as DivisionDto;
    expect(d.version).toBe(1);
    const dup = await admin.post('/api/admin/divisions', { name: '口岸物流处', kind: 'business' });
    expect(dup.statusCode).toBe(409);
    expect(codeOf(dup)).toBe('ALREADY_EXISTS');
    const renamed = await admin.patch(`/api/admin/divisions/${d.id}`, { name: '口岸和物流处', version: 1 });
    expect(renamed.statusCode).toBe(200);
    expect((renamed.json() as DivisionDto).version).toBe(2);
    const stale = await admin.patch(`/api/admin/divisions/${d.id}`, { active: false, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(codeOf(stale)).toBe('CONFLICT');
    const off = await admin.patch(`/api/admin/divisions/${d.id}`, { active: false, version: 2 });
    expect((off.json() as DivisionDto).active).toBe(false);
    const staff = await h.login('staff');
    const visible = (await staff.get('/api/divisions')).json() as DivisionDto[];
    expect(visible.map((x) => x.id)).not.toContain(d.id);
    const events = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', d.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['division.create', 'division.update', 'division.update']);
  });

  it('creates a person with a one-time password, assigns division and roles', async () => {
    const res = await admin.post('/api/admin/users', {
      username: 'newbie',
      displayName: '新同志',
      email: 'newbie@example.cn',
    });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json() as { user: UserDto; initialPassword: string };
    expect(user.mustChangePassword).toBe(true);
    const tradeId = await h.divisionId('对外贸易处');
    const m = await admin.put(`/api/admin/users/${user.id}/memberships`, {
      memberships: [{ divisionId: tradeId, position: 'staff', isRecorder: false }],
    });
    expect(m.statusCode).toBe(200);
    expect((m.json() as UserDto).memberships[0]).toMatchObject({ divisionName: '对外贸易处', position: 'staff' });
    const c = await h.login('newbie', initialPassword);
    expect(codeOf(await c.get('/api/divisions'))).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('a division has one head; designating a recorder moves the designation (R5.2)', async () => {
    const tradeId = await h.divisionId('对外贸易处');
    const yangfan = await h.userId('yangfan');
    const twoHeads = await admin.put(`/api/admin/users/${yangfan}/memberships`, {
      memberships: [{ divisionId: tradeId, position: 'head', isRecorder: false }],
    });
    expect(twoHeads.statusCode).toBe(409);
    expect(codeOf(twoHeads)).toBe('ALREADY_EXISTS');
    const rec = await admin.put(`/api/admin/users/${yangfan}/memberships`, {
      memberships: [{ divisionId: tradeId, position: 'staff', isRecorder: true }],
    });
    expect(rec.statusCode).toBe(200);
    const trade = ((await admin.get('/api/admin/divisions')).json() as DivisionDto[]).find((d) => d.id === tradeId);
    expect(trade?.recorderName).toBe('杨帆');
    // put the demo recorder back
    const recorder = await h.userId('recorder');
    await admin.put(`/api/admin/users/${recorder}/memberships`, {
      memberships: [{ divisionId: tradeId, position: 'staff', isRecorder: true }],
    });
  });

  it('三员分立: no person holds two of the admin roles', async () => {
    const auditor = await h.userId('auditor');
    const res = await admin.put(`/api/admin/users/${auditor}/roles`, {
      roles: [{ role: 'audit_admin' }, { role: 'system_admin' }],
    });
    expect(res.statusCode).toBe(409);
    expect(codeOf(res)).toBe('ROLE_CONFLICT');
    const me = await h.userId('admin');
    const self = await admin.put(`/api/admin/users/${me}/roles`, {
      roles: [{ role: 'system_admin' }, { role: 'security_admin' }],
    });
    expect(codeOf(self)).toBe('ROLE_CONFLICT');
  });

  it('keeps the last system administrator', async () => {
    const me = await h.userId('admin');
    const res = await admin.put(`/api/admin/users/${me}/roles`, { roles: [] });
    expect(res.statusCode).toBe(409);
    expect(codeOf(res)).toBe('LAST_ADMIN');
  });

  it('a supervising leader names the divisions supervised', async () => {
    const id = await h.userId('zhaohaiyan');
    const none = await admin.put(`/api/admin/users/${id}/roles`, {
      roles: [{ role: 'supervising_leader', divisionIds: [] }],
    });
    expect(codeOf(none)).toBe('VALIDATION_FAILED');
    const market = await h.divisionId('市场运行和消费促进处');
    const ok = await admin.put(`/api/admin/users/${id}/roles`, {
      roles: [{ role: 'supervising_leader', divisionIds: [market] }],
    });
    expect(ok.statusCode).toBe(200);
    const c = await h.login('zhaohaiyan');
    const me = (await c.get('/api/me')).json() as { supervisedDivisions: Array<{ name: string }> };
    expect(me.supervisedDivisions.map((d) => d.name)).toEqual(['市场运行和消费促进处']);
  });

  it('resets a password and unlocks an account', async () => {
    for (let i = 0; i < 5; i++) await h.anon('POST', '/api/auth/login', { username: 'fengbo', password: 'Wrong@pw1' });
    const id = await h.userId('fengbo');
    expect(((await admin.get(`/api/admin/users/${id}`)).json() as UserDto).locked).toBe(true);
    const sec = await h.login('secadmin');
    const unlocked = await sec.post(`/api/admin/users/${id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect((unlocked.json() as UserDto).locked).toBe(false);
    expect((await h.anon('POST', '/api/auth/login', { username: 'fengbo', password: 'Demo@2026' })).statusCode).toBe(
      200,
    );
    const reset = await admin.post(`/api/admin/users/${id}/reset-password`);
    const { initialPassword } = reset.json() as { initialPassword: string };
    expect((await h.anon('POST', '/api/auth/login', { username: 'fengbo', password: 'Demo@2026' })).statusCode).toBe(
      401,
    );
    expect(
      (await h.anon('POST', '/api/auth/login', { username: 'fengbo', password: initialPassword })).statusCode,
    ).toBe(200);
  });

  it('searches people by name and division', async () => {
    const res = (await admin.get(`/api/admin/users?q=${encodeURIComponent('李伟')}`)).json() as { items: UserDto[] };
    expect(res.items.map((u) => u.username)).toEqual(['head']);
    const trade = await h.divisionId('对外贸易处');
    const inTrade = (await admin.get(`/api/admin/users?divisionId=${trade}&limit=100`)).json() as {
      items: UserDto[];
    };
    expect(inTrade.items.every((u) => u.memberships.some((m) => m.divisionId === trade))).toBe(true);
    expect(inTrade.items.length).toBeGreaterThanOrEqual(7);
  });
});
