/** The organisation model's vocabulary: division kinds, positions and unit roles. */

export const DIVISION_KINDS = ['business', 'general_office', 'supervision_office', 'leadership'] as const;
export type DivisionKind = (typeof DIVISION_KINDS)[number];

export const DIVISION_KIND_LABELS: Record<DivisionKind, string> = {
  business: '业务处室',
  general_office: '办公室',
  supervision_office: '监察室',
  leadership: '局领导',
};

/** Position within a division: head = 处室主要负责人; head and deputy are 处室负责人. */
export const POSITIONS = ['head', 'deputy', 'staff'] as const;
export type Position = (typeof POSITIONS)[number];

export const POSITION_LABELS: Record<Position, string> = {
  head: '主要负责人',
  deputy: '副职负责人',
  staff: '工作人员',
};

export const UNIT_ROLES = [
  'principal_leader',
  'supervising_leader',
  'discipline_secretary',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

export const UNIT_ROLE_LABELS: Record<UnitRole, string> = {
  principal_leader: '局主要领导',
  supervising_leader: '分管领导',
  discipline_secretary: '局纪委书记',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/** The three administrators of 等保 (三员): no person may hold two of them. */
export const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const satisfies readonly UnitRole[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export function isAdminRole(role: UnitRole): role is AdminRole {
  return (ADMIN_ROLES as readonly UnitRole[]).includes(role);
}

/**
 * Returns the admin role that conflicts with adding `role` to a user who already
 * holds `held`, or null when the combination is allowed (三员分立).
 */
export function conflictingAdminRole(held: readonly UnitRole[], role: UnitRole): AdminRole | null {
  if (!isAdminRole(role)) return null;
  for (const r of held) if (isAdminRole(r) && r !== role) return r;
  return null;
}

/**
 * 三员分立 also keeps the administrators out of the business: an account that
 * holds an admin role holds no business role and no division membership, so
 * the one who grants access never reads minutes. Returns the first problem.
 */
export function adminSeparationProblem(
  roles: readonly UnitRole[],
  membershipCount: number,
): 'business_role' | 'membership' | null {
  const admin = roles.filter(isAdminRole);
  if (admin.length === 0) return null;
  if (roles.some((r) => !isAdminRole(r))) return 'business_role';
  return membershipCount > 0 ? 'membership' : null;
}

/** The bureau leaders, in the order their names are listed (局主要领导, 分管领导, 局纪委书记). */
export const LEADER_ROLES = ['principal_leader', 'supervising_leader', 'discipline_secretary'] as const;

/** What places a person in a list of names. */
export interface RankFacts {
  name: string;
  /** The highest bureau-leader role the person holds, if any. */
  leaderRole: UnitRole | null;
  /** The person's position in the division the list belongs to (or their own division). */
  position: Position | null;
  /** The admin's sort number of that membership; lower first. */
  sortOrder: number;
}

function tier(f: RankFacts): number {
  const leader = f.leaderRole ? (LEADER_ROLES as readonly UnitRole[]).indexOf(f.leaderRole) : -1;
  if (leader >= 0) return leader;
  return LEADER_ROLES.length + (f.position ? POSITIONS.indexOf(f.position) : POSITIONS.length);
}

const collator = new Intl.Collator('zh-CN');

/**
 * Rank order of names: bureau leaders, then the head, the deputies, then staff
 * by the admin's sort number; ties by the name in Chinese collation (pinyin).
 */
export function compareRank(a: RankFacts, b: RankFacts): number {
  return tier(a) - tier(b) || a.sortOrder - b.sortOrder || collator.compare(a.name, b.name);
}

/** `items` in rank order (a new array); `facts` tells each item's place. */
export function inRankOrder<T>(items: readonly T[], facts: (item: T) => RankFacts): T[] {
  return items
    .map((item) => ({ item, f: facts(item) }))
    .sort((a, b) => compareRank(a.f, b.f))
    .map((x) => x.item);
}

/** The leader role of a person who holds `roles`, for `RankFacts.leaderRole`. */
export function leaderRoleOf(roles: readonly string[]): UnitRole | null {
  return LEADER_ROLES.find((r) => roles.includes(r)) ?? null;
}
