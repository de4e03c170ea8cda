import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROLES as ROLES, makeHarness, type Client, type DemoRole as Role, type Harness } from './harness.js';

/**
 * Every endpoint of the foundation as each demo role: the status each one gets.
 * 三员分立: the system admin runs the organisation but cannot read the audit log;
 * the security admin alone changes security settings; the audit admin only reads the log.
 */

interface Case {
  name: string;
  call: (c: Client, ids: Ids) => Promise<{ statusCode: number }>;
  allowed: readonly Role[];
  okStatus?: number;
}
interface Ids {
  division: string;
  user: string;
  security: { version: number; value: Record<string, unknown> };
  regime: { version: number; value: Record<string, unknown> };
}

const everyone = ROLES;
const CASES: Case[] = [
  { name: 'GET /api/me', call: (c) => c.get('/api/me'), allowed: everyone },
  { name: 'GET /api/divisions', call: (c) => c.get('/api/divisions'), allowed: everyone },
  { name: 'GET /api/settings/regime', call: (c) => c.get('/api/settings/regime'), allowed: everyone },
  { name: 'GET /api/admin/divisions', call: (c) => c.get('/api/admin/divisions'), allowed: ['admin', 'secadmin'] },
  { name: 'GET /api/admin/users', call: (c) => c.get('/api/admin/users'), allowed: ['admin', 'secadmin'] },
  {
    name: 'GET /api/admin/users/:id',
    call: (c, i) => c.get(`/api/admin/users/${i.user}`),
    allowed: ['admin', 'secadmin'],
  },
  {
    name: 'POST /api/admin/divisions',
    call: (c) => c.post('/api/admin/divisions', { name: `新处室-${c.username}`, kind: 'business' }),
    allowed: ['admin'],
    okStatus: 201,
  },
  {
    name: 'PATCH /api/admin/divisions/:id',
    call: async (c, i) => {
      const v = (await c.get('/api/divisions')).json() as Array<{ id: string; version: number }>;
      const version = v.find((d) => d.id === i.division)?.version ?? 1;
      return c.patch(`/api/admin/divisions/${i.division}`, { sortOrder: 5, version });
    },
    allowed: ['admin'],
  },
  {
    name: 'POST /api/admin/users',
    call: (c) => c.post('/api/admin/users', { username: `u_${c.username}`, displayName: '测试人员' }),
    allowed: ['admin'],
    okStatus: 201,
  },
  {
    name: 'PUT /api/admin/users/:id/roles',
    call: (c, i) => c.put(`/api/admin/users/${i.user}/roles`, { roles: [] }),
    allowed: ['admin'],
  },
  {
    name: 'PUT /api/admin/users/:id/memberships',
    call: (c, i) => c.put(`/api/admin/users/${i.user}/memberships`, { memberships: [] }),
    allowed: ['admin'],
  },
  {
    name: 'POST /api/admin/users/:id/unlock',
    call: (c, i) => c.post(`/api/admin/users/${i.user}/unlock`),
    allowed: ['admin', 'secadmin'],
  },
  {
    name: 'POST /api/admin/users/:id/reset-password',
    call: (c, i) => c.post(`/api/admin/users/${i.user}/reset-password`),
    allowed: ['admin'],
  },
  {
    name: 'GET /api/admin/settings/security',
    call: (c) => c.get('/api/admin/settings/security'),
    allowed: ['admin', 'secadmin'],
  },
  {
    name: 'PUT /api/admin/settings/security',
    call: async (c) => {
      const cur = (await c.get('/api/admin/settings/security')).json() as { value?: object; version?: number };
      return c.put('/api/admin/settings/security', { value: cur.value ?? {}, version: cur.version ?? 0 });
    },
    allowed: ['secadmin'],
  },
  {
    name: 'PUT /api/admin/settings/regime',
    call: async (c) => {
      const cur = (await c.get('/api/settings/regime')).json() as { value: object; version: number };
      return c.put('/api/admin/settings/regime', { value: cur.value, version: cur.version });
    },
    allowed: ['admin'],
  },
  { name: 'GET /api/audit/events', call: (c) => c.get('/api/audit/events'), allowed: ['auditor'] },
  { name: 'GET /api/audit/verify', call: (c) => c.get('/api/audit/verify'), allowed: ['auditor'] },
];

describe('access matrix: every foundation endpoint as every demo role', () => {
  let h: Harness;
  const clients = new Map<Role, Client>();
  let ids: Ids;
  beforeAll(async () => {
    h = await makeHarness();
    for (const r of ROLES) clients.set(r, await h.login(r));
    ids = {
      division: await h.divisionId('规划财务处'),
      user: await h.userId('jiangtao'),
      security: { version: 1, value: {} },
      regime: { version: 1, value: {} },
    };
  });
  afterAll(async () => h.close());

  for (const c of CASES) {
    it(`${c.name}: allowed for ${c.allowed.join(', ')}; 403 for the others`, async () => {
      for (const role of ROLES) {
        const client = clients.get(role);
        if (!client) throw new Error(role);
        const before = await h.auditCount();
        const res = await c.call(client, ids);
        if (c.allowed.includes(role)) {
          expect(res.statusCode, `${role} ${c.name}`).toBe(c.okStatus ?? 200);
        } else {
          expect(res.statusCode, `${role} ${c.name}`).toBe(403);
          expect(await h.auditCount(), `${role} ${c.name} wrote nothing`).toBe(before);
        }
      }
    });
  }

  it('abilities in /api/me match the matrix, so the UI offers only what the server allows', async () => {
    const ab = async (r: Role) =>
      ((await clients.get(r)?.get('/api/me'))?.json() as { abilities: Record<string, boolean> }).abilities;
    expect(await ab('admin')).toMatchObject({ 'org.manage': true, 'audit.read': false, 'security.manage': false });
    expect(await ab('secadmin')).toMatchObject({ 'org.manage': false, 'audit.read': false, 'security.manage': true });
    expect(await ab('auditor')).toMatchObject({ 'org.read': false, 'audit.read': true, 'security.read': false });
    expect(await ab('director')).toMatchObject({ 'division.read_all': true, 'org.read': false });
    expect(await ab('jiancha')).toMatchObject({ 'division.read_all': true });
    expect(await ab('head')).toMatchObject({ 'division.read_all': false, 'org.read': false });
  });
});
