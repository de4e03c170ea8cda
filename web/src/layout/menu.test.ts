import { describe, expect, it } from 'vitest';
import { menuFor } from './menu';
import { meFixture } from '../test/fixtures';

const keys = (entries: ReturnType<typeof menuFor>): string[] =>
  entries.flatMap((e) => [e.key, ...(e.children ?? []).map((c) => c.key)]);

describe('side menu by role', () => {
  it('the audit admin sees only 工作台 and 审计日志', () => {
    const me = meFixture({ roles: ['audit_admin'] }, ['audit.read', 'regime.read']);
    expect(keys(menuFor(me))).toEqual(['/', 'admin', '/admin/audit']);
  });

  it('the system admin sees 处室管理, 人员管理, 制度参数 but not 审计日志', () => {
    const me = meFixture({ roles: ['system_admin'] }, [
      'org.read',
      'org.manage',
      'security.read',
      'regime.manage',
      'regime.read',
      'user.unlock',
    ]);
    const k = keys(menuFor(me));
    expect(k).toEqual(expect.arrayContaining(['/admin/divisions', '/admin/users', '/admin/regime', '/admin/security']));
    expect(k).not.toContain('/admin/audit');
    expect(k).not.toContain('/topics');
  });

  it('a division head sees the business modules and no administration', () => {
    const k = keys(menuFor(meFixture()));
    expect(k).toEqual(['/', '/topics', '/meetings', '/minutes', '/tracking', '/oversight']);
  });
});
