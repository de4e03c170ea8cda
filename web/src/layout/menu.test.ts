import { describe, expect, it } from 'vitest';
import { menuFor } from './menu';
import { meFixture } from '../test/fixtures';
import { abilitiesOf } from '../../../core/policy';
import type { MeDto } from '../../../core/contracts/me';

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

  it('a division head sees the business modules and no administration; 整改 because they answer for their division (R6.4)', () => {
    const k = keys(menuFor(meFixture()));
    expect(k).toEqual(['/', '/topics', '/meetings', '/minutes', '/reading', '/tracking', '/rectifications']);
  });

  it('R6.2: 督办 is for everyone in the business (each has 我的督办); 监督检查 only with oversight.read (R6.4)', () => {
    const everything = meFixture({ roles: ['supervising_leader'] }, [
      'regime.read',
      'filing.receive',
      'division.read_all',
    ]);
    const k = keys(menuFor(everything));
    expect(k).toContain('/tracking');
    expect(k).not.toContain('/oversight');
    expect(k.slice(-2)).toEqual(['/filings', '/rectifications']);
    const staff = meFixture({
      memberships: [
        {
          divisionId: 'd1',
          divisionName: '对外贸易处',
          divisionKind: 'business',
          position: 'staff',
          isRecorder: false,
        },
      ],
    });
    expect(keys(menuFor(staff))).toContain('/tracking');
    // R6.4: staff do not answer for a rectification; their division's head does.
    expect(keys(menuFor(staff))).not.toContain('/rectifications');
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const)
      expect(keys(menuFor(meFixture({ memberships: [], roles: [role] })))).not.toContain('/tracking');
  });

  it('R6.3: 问责 only for those who may see cases; 我的问责通知 only for a person concerned who was told', () => {
    const office = keys(menuFor(meFixture({}, ['regime.read', 'filing.receive', 'case.read', 'case.open'])));
    expect(office).toContain('/cases');
    expect(office).not.toContain('/cases/mine');
    expect(keys(menuFor(meFixture()))).not.toContain('/cases');
    // An administrator never, whatever a stale ability says: the admin-only menu has no business entries.
    expect(keys(menuFor(meFixture({ roles: ['audit_admin'] }, ['audit.read', 'case.read'])))).not.toContain('/cases');
    const concerned = keys(menuFor(meFixture({ concernedCases: 1 })));
    expect(concerned).toContain('/cases/mine');
    expect(concerned).not.toContain('/cases');
  });

  it('R6.4: 监督检查 for whoever the server allows compliance.read, never for an administrator', () => {
    const office = keys(
      menuFor(meFixture({}, ['regime.read', 'filing.receive', 'case.read', 'compliance.read', 'oversight.read'])),
    );
    expect(office.slice(-3)).toEqual(['/oversight', '/oversight/inspections', '/rectifications']);
    expect(keys(menuFor(meFixture()))).not.toContain('/oversight');
    // oversight.read alone (the registers) is not the menu's ability.
    expect(keys(menuFor(meFixture({}, ['oversight.read'])))).not.toContain('/oversight');
    expect(keys(menuFor(meFixture({ memberships: [], roles: ['system_admin'] }, ['compliance.read'])))).not.toContain(
      '/oversight',
    );
  });

  it('R6.4: the same policy as the server — a head, a deputy and a supervising leader get 监督检查, staff do not', () => {
    const withAbilities = (patch: Partial<MeDto>) => {
      const me = meFixture(patch);
      const abilities = abilitiesOf({
        userId: me.user.id,
        unitId: me.unit.id,
        username: me.user.username,
        displayName: me.user.displayName,
        roles: me.roles,
        memberships: me.memberships,
        supervisedDivisionIds: me.supervisedDivisions.map((d) => d.id),
      });
      return keys(menuFor({ ...me, abilities }));
    };
    const trade = (position: 'head' | 'deputy' | 'staff') => [
      { divisionId: 'd1', divisionName: '对外贸易处', divisionKind: 'business' as const, position, isRecorder: false },
    ];
    expect(withAbilities({ memberships: trade('head') })).toContain('/oversight');
    expect(withAbilities({ memberships: trade('deputy') })).toContain('/oversight');
    expect(withAbilities({ memberships: trade('staff') })).not.toContain('/oversight');
    expect(
      withAbilities({
        memberships: [],
        roles: ['supervising_leader'],
        supervisedDivisions: [{ id: 'd1', name: '对外贸易处' }],
      }),
    ).toContain('/oversight');
  });

  it('the supervision office gets the 报备 inbox; the general office keeps the working-day calendar', () => {
    const supervision = keys(menuFor(meFixture({}, ['regime.read', 'filing.receive', 'division.read_all'])));
    expect(supervision).toContain('/filings');
    expect(supervision).not.toContain('/admin/calendar');
    const office = keys(menuFor(meFixture({}, ['regime.read', 'calendar.manage'])));
    expect(office).toEqual(expect.arrayContaining(['/reading', '/admin/calendar']));
    expect(office).not.toContain('/filings');
  });
});
