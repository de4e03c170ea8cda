import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from './harness.js';
import { PLAIN_TOPIC } from './fixtures.js';

describe('a locked or deactivated account loses its open sessions at once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('five failed logins lock the account and end its live session (401 on the next request)', async () => {
    const c = await h.login('chenjing');
    expect((await c.get('/api/me')).statusCode).toBe(200); // cached in the auth cache
    for (let i = 1; i <= 5; i++)
      await h.anon('POST', '/api/auth/login', { username: 'chenjing', password: `Wrong@${i}` });
    const next = await c.get('/api/me');
    expect(next.statusCode).toBe(401);
    expect(codeOf(next)).toBe('UNAUTHENTICATED');
    const sessions = await h.s.db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', await h.userId('chenjing'))
      .execute();
    expect(sessions).toHaveLength(0);
  });

  it('deactivation ends the session even right after a cached request', async () => {
    const admin = await h.login('admin');
    const c = await h.login('yangfan');
    expect((await c.get('/api/me')).statusCode).toBe(200);
    const id = await h.userId('yangfan');
    const u = (await admin.get(`/api/admin/users/${id}`)).json() as { version: number };
    expect((await admin.patch(`/api/admin/users/${id}`, { active: false, version: u.version })).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });
});

describe('三员分立: administrators hold no business role and no division, nobody grants themselves a role', () => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await makeHarness();
    admin = await h.login('admin');
  });
  afterAll(async () => h.close());

  async function expectConflict(res: { statusCode: number; body: string }): Promise<void> {
    expect(res.statusCode, res.body).toBe(409);
    expect(codeOf(res as never)).toBe('ROLE_CONFLICT');
    expect((JSON.parse(res.body) as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
  }

  it('the system admin cannot grant itself 局主要领导, and still cannot read minutes', async () => {
    const before = await h.auditCount();
    const me = await h.userId('admin');
    await expectConflict(
      await admin.put(`/api/admin/users/${me}/roles`, {
        roles: [{ role: 'system_admin' }, { role: 'principal_leader' }],
      }),
    );
    // dropping the admin role to become a leader is refused as well
    const alone = await admin.put(`/api/admin/users/${me}/roles`, { roles: [{ role: 'principal_leader' }] });
    expect(alone.statusCode).toBe(409);
    expect(await h.auditCount()).toBe(before);
    const minutes = await admin.get('/api/minutes');
    expect(minutes.statusCode).toBe(200);
    expect(minutes.json()).toEqual({ items: [], nextCursor: null });
    expect(((await admin.get('/api/me')).json() as { roles: string[] }).roles).toEqual(['system_admin']);
  });

  it('nobody grants themselves a role, even with a second system admin present', async () => {
    const other = await h.userId('wutao');
    // wutao leaves the office first (an administrator is no division member), then becomes a system admin
    expect((await admin.put(`/api/admin/users/${other}/memberships`, { memberships: [] })).statusCode).toBe(200);
    expect((await admin.put(`/api/admin/users/${other}/roles`, { roles: [{ role: 'system_admin' }] })).statusCode).toBe(
      200,
    );
    const me = await h.userId('admin');
    await expectConflict(await admin.put(`/api/admin/users/${me}/roles`, { roles: [{ role: 'principal_leader' }] }));
  });

  it('an administrator cannot also hold a business role (for anyone)', async () => {
    const auditor = await h.userId('auditor');
    await expectConflict(
      await admin.put(`/api/admin/users/${auditor}/roles`, {
        roles: [{ role: 'audit_admin' }, { role: 'discipline_secretary' }],
      }),
    );
    const secadmin = await h.userId('secadmin');
    await expectConflict(
      await admin.put(`/api/admin/users/${secadmin}/roles`, {
        roles: [
          { role: 'security_admin' },
          { role: 'supervising_leader', divisionIds: [await h.divisionId('对外贸易处')] },
        ],
      }),
    );
  });

  it('an administrator is no division member, and a division member cannot be made an administrator', async () => {
    const trade = await h.divisionId('对外贸易处');
    const auditor = await h.userId('auditor');
    await expectConflict(
      await admin.put(`/api/admin/users/${auditor}/memberships`, {
        memberships: [{ divisionId: trade, position: 'staff', isRecorder: false }],
      }),
    );
    const staff = await h.userId('staff');
    await expectConflict(await admin.put(`/api/admin/users/${staff}/roles`, { roles: [{ role: 'audit_admin' }] }));
  });

  it('the demo administrators belong to no division', async () => {
    for (const name of ['admin', 'secadmin', 'auditor']) {
      const rows = await h.s.db.kysely
        .selectFrom('memberships')
        .select('id')
        .where('user_id', '=', await h.userId(name))
        .execute();
      expect(rows, name).toHaveLength(0);
    }
  });
});

describe('the auditor sees who, when, what kind, on which object, outcome and IP, not business content', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('a topic title and a return reason appear nowhere in the auditor’s view; the chain still verifies', async () => {
    const title = '审计不可见的议题标题甲乙丙';
    const reason = '退回理由审计不可见丁戊己';
    const staff = await h.login('staff');
    const trade = await h.divisionId('对外贸易处');
    const topic = (await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title })).json() as {
      id: string;
      version: number;
    };
    const sub = (await staff.post(`/api/topics/${topic.id}/submit`, { version: topic.version })).json() as {
      version: number;
    };
    const head = await h.login('head');
    const ret = await head.post(`/api/topics/${topic.id}/return`, { version: sub.version, reason });
    expect(ret.statusCode, ret.body).toBe(200);
    // stored unchanged
    const stored = await h.s.db.kysely.selectFrom('audit_events').select('data').execute();
    expect(stored.some((r) => r.data.includes(title))).toBe(true);

    const auditor = await h.login('auditor');
    const res = await auditor.get('/api/audit/events?limit=100');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(title);
    expect(res.body).not.toContain(reason);
    const items = (res.json() as { items: Array<Record<string, unknown>> }).items;
    const create = items.find((e) => e.action === 'topic.create');
    expect(create).toMatchObject({
      actorName: '刘洋',
      subjectType: 'topic',
      subjectId: topic.id,
      outcome: 'success',
      data: { divisionId: trade, status: 'draft', contentWithheld: true },
    });
    expect(typeof create?.ip).toBe('string');
    expect(items.find((e) => e.action === 'topic.return')?.data).toEqual({
      from: 'submitted',
      to: 'returned',
      contentWithheld: true,
    });
    // security events stay whole
    const failure = await h.anon('POST', '/api/auth/login', { username: 'staff', password: 'Wrong@2026' });
    expect(failure.statusCode).toBe(401);
    const logins = (await auditor.get('/api/audit/events?action=auth.login&outcome=failure')).json() as {
      items: Array<{ data: Record<string, unknown> }>;
    };
    expect(logins.items[0]?.data).toEqual({ reason: 'bad_password', failedLogins: 1 });
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
