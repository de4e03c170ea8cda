import { describe, expect, it } from 'vitest';
import { abilitiesOf, can, complianceScope, inComplianceScope, visibleDivisionIds, type Actor } from './policy.js';
import { conflictingAdminRole } from './org.js';
import { passwordProblems } from './password-policy.js';
import { DEFAULT_REGIME, DEFAULT_SECURITY, formatMinutesNumber, regimeSettingsSchema } from './settings.js';

function actor(partial: Partial<Actor>): Actor {
  return {
    userId: 'u',
    unitId: 'unit',
    username: 'x',
    displayName: '某',
    roles: [],
    memberships: [],
    supervisedDivisionIds: [],
    ...partial,
  };
}

describe('policy', () => {
  it('三员分立: system admin manages the org but cannot read the audit log', () => {
    const a = actor({ roles: ['system_admin'] });
    expect(can(a, 'org.manage')).toBe(true);
    expect(can(a, 'audit.read')).toBe(false);
    expect(can(a, 'security.manage')).toBe(false);
  });

  it('三员分立: only the security admin changes security settings; the audit admin only reads the log', () => {
    expect(can(actor({ roles: ['security_admin'] }), 'security.manage')).toBe(true);
    const auditor = abilitiesOf(actor({ roles: ['audit_admin'] }));
    expect(
      Object.entries(auditor)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .sort(),
    ).toEqual(['audit.read', 'regime.read']);
  });

  it('R5.7: the general office archives and appraises; the supervision office reads and verifies; nobody else', () => {
    const member = (
      divisionKind: 'general_office' | 'supervision_office' | 'business',
      position: 'head' | 'staff' = 'staff',
    ) => actor({ memberships: [{ divisionId: 'd', divisionName: '某处', divisionKind, position, isRecorder: false }] });
    expect([can(member('general_office'), 'archive.read'), can(member('general_office'), 'archive.manage')]).toEqual([
      true,
      true,
    ]);
    expect([
      can(member('supervision_office'), 'archive.read'),
      can(member('supervision_office'), 'archive.manage'),
    ]).toEqual([true, false]);
    for (const a of [
      member('business', 'head'),
      actor({ roles: ['principal_leader'] }),
      actor({ roles: ['discipline_secretary'] }),
      actor({ roles: ['system_admin'] }),
      // An administrator who is also in the general office is still an administrator (三员分立).
      actor({ roles: ['audit_admin'], memberships: member('general_office').memberships }),
    ])
      expect([can(a, 'archive.read'), can(a, 'archive.manage')]).toEqual([false, false]);
  });

  it('no person holds two admin roles', () => {
    expect(conflictingAdminRole(['system_admin'], 'audit_admin')).toBe('system_admin');
    expect(conflictingAdminRole(['system_admin'], 'system_admin')).toBeNull();
    expect(conflictingAdminRole(['principal_leader'], 'audit_admin')).toBeNull();
    expect(conflictingAdminRole(['security_admin'], 'principal_leader')).toBeNull();
  });

  it('visibility: own and supervised divisions; leaders, the discipline secretary and the supervision office see all', () => {
    const all = ['d1', 'd2', 'd3'];
    const staff = actor({
      memberships: [
        { divisionId: 'd1', divisionName: '甲处', divisionKind: 'business', position: 'staff', isRecorder: false },
      ],
    });
    expect(visibleDivisionIds(staff, all)).toEqual(['d1']);
    expect(
      visibleDivisionIds(actor({ roles: ['supervising_leader'], supervisedDivisionIds: ['d2', 'd3'] }), all),
    ).toEqual(['d2', 'd3']);
    expect(visibleDivisionIds(actor({ roles: ['principal_leader'] }), all)).toEqual(all);
    expect(visibleDivisionIds(actor({ roles: ['discipline_secretary'] }), all)).toEqual(all);
    const jiancha = actor({
      memberships: [
        {
          divisionId: 'd9',
          divisionName: '监察室',
          divisionKind: 'supervision_office',
          position: 'staff',
          isRecorder: false,
        },
      ],
    });
    expect(visibleDivisionIds(jiancha, all)).toEqual(all);
  });

  it('R6.4: the compliance matrix’s scope — bureau for the offices and bureau leaders, supervised divisions, a head’s or deputy’s own, else none', () => {
    const all = ['d1', 'd2', 'd3', 'lead'];
    const member = (divisionId: string, position: 'head' | 'deputy' | 'staff', kind = 'business' as const) => ({
      divisionId,
      divisionName: '某处',
      divisionKind: kind,
      position,
      isRecorder: false,
    });
    const office = actor({ memberships: [{ ...member('d9', 'staff'), divisionKind: 'general_office' }] });
    expect(complianceScope(office)).toEqual({ kind: 'bureau' });
    expect(complianceScope(actor({ roles: ['discipline_secretary'] }))).toEqual({ kind: 'bureau' });
    const supervisor = actor({ roles: ['supervising_leader'], supervisedDivisionIds: ['d2', 'd3'] });
    expect(complianceScope(supervisor)).toEqual({ kind: 'divisions', divisionIds: ['d2', 'd3'] });
    expect(inComplianceScope({ kind: 'divisions', divisionIds: ['d3', 'd2'] }, all)).toEqual(['d2', 'd3']);
    expect(complianceScope(actor({ memberships: [member('d1', 'head')] }))).toEqual({
      kind: 'divisions',
      divisionIds: ['d1'],
    });
    expect(complianceScope(actor({ memberships: [member('d1', 'deputy')] }))?.kind).toBe('divisions');
    // Staff, a 局领导 member without a bureau role, supervised ids without the role, administrators: none.
    expect(complianceScope(actor({ memberships: [member('d1', 'staff')] }))).toBeNull();
    expect(
      complianceScope(actor({ memberships: [{ ...member('lead', 'head'), divisionKind: 'leadership' }] })),
    ).toBeNull();
    expect(complianceScope(actor({ supervisedDivisionIds: ['d2'] }))).toBeNull();
    expect(complianceScope(actor({ roles: ['system_admin'] }))).toBeNull();
    expect(can(actor({ memberships: [member('d1', 'staff')] }), 'compliance.read')).toBe(false);
    expect(can(supervisor, 'compliance.read')).toBe(true);
    expect(can(supervisor, 'oversight.read')).toBe(false);
  });
});

describe('password rule (等保: ≥ 8 characters, 3 of 4 classes)', () => {
  const p = DEFAULT_SECURITY;
  it.each([
    ['Demo@2026', 0],
    ['abcdefgh', 1],
    ['Abcdefg1', 0],
    ['abcdef1!', 0],
    ['Ab1!', 1],
    ['ABCDEFGH1', 1],
  ])('%s has %i problems', (pw, n) => {
    expect(passwordProblems(pw, p)).toHaveLength(n);
  });
  it('refuses a password containing the username', () => {
    expect(passwordProblems('Zhangsan@1', p, 'zhangsan')).toContain('密码不能包含用户名');
  });
  it('counts characters, not bytes', () => {
    expect(passwordProblems('密码Ab1!xyz', p)).toEqual([]);
  });
});

describe('regime settings (REGULATION.md: the regime as data)', () => {
  it('the default regime is the regulation’s numbers: one meeting a month, three working days, ten categories, 〔年〕号', () => {
    expect(DEFAULT_REGIME.meetingsPerMonth).toBe(1);
    expect(DEFAULT_REGIME.distributionWorkingDays).toBe(3);
    expect(DEFAULT_REGIME.topicCategories).toHaveLength(10);
    expect(DEFAULT_REGIME.reportRecipientRoles).toEqual([
      'principal_leader',
      'supervising_leader',
      'discipline_secretary',
    ]);
    expect(regimeSettingsSchema.safeParse(DEFAULT_REGIME).success).toBe(true);
  });
  it('formats the minutes number per the unit pattern', () => {
    expect(formatMinutesNumber(DEFAULT_REGIME.numberingPattern, 2026, 3)).toBe('〔2026〕3号');
    expect(formatMinutesNumber('第{n}期', 2026, 12)).toBe('第12期');
  });
});
