import type { MeDto } from '../../../../core/contracts/me';

/**
 * The user guide's chapters (docs/guide/<slug>.md), one per role, in the order
 * of its table of contents (docs/guide/README.md, slug `index`).
 */
export const GUIDE_CHAPTERS = [
  { slug: 'staff', title: '工作人员' },
  { slug: 'recorder', title: '记录人' },
  { slug: 'head', title: '处长（主持人）' },
  { slug: 'leaders', title: '局领导（主要领导、分管领导）' },
  { slug: 'supervision', title: '监察室（监督检查）' },
  { slug: 'office', title: '办公室（综合）' },
  { slug: 'admins', title: '系统管理员、安全保密管理员、安全审计员（三员）' },
] as const;
export type GuideChapter = (typeof GUIDE_CHAPTERS)[number]['slug'];

const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const;
const LEADER_ROLES = ['principal_leader', 'supervising_leader', 'discipline_secretary'] as const;

/**
 * The chapter a user's 操作手册 link opens: the one for what they mostly do.
 * Leaders before the offices (the discipline secretary supervises 监察室),
 * the offices before a plain division role, a head or deputy before the recorder.
 */
export function guideChapterFor(me: Pick<MeDto, 'roles' | 'memberships'>): GuideChapter {
  if (me.roles.length > 0 && me.roles.every((r) => (ADMIN_ROLES as readonly string[]).includes(r))) return 'admins';
  if (me.roles.some((r) => (LEADER_ROLES as readonly string[]).includes(r))) return 'leaders';
  if (me.memberships.some((m) => m.divisionKind === 'supervision_office')) return 'supervision';
  if (me.memberships.some((m) => m.divisionKind === 'general_office')) return 'office';
  if (me.memberships.some((m) => m.position === 'head' || m.position === 'deputy')) return 'head';
  if (me.memberships.some((m) => m.isRecorder)) return 'recorder';
  return 'staff';
}

/** The app's path of a chapter (`index` is the table of contents). */
export const guidePath = (slug: GuideChapter | 'index'): string => `/guide/${slug}`;
