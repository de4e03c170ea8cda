import type { MeDto } from '../../../core/contracts/me';
import type { MessageKey } from '../i18n/zh-CN';
import { guideChapterFor, guidePath } from '../features/guide/chapters';

export interface MenuEntry {
  key: string;
  label: MessageKey;
  children?: MenuEntry[];
}

/**
 * The side menu for a user: only what their abilities allow (the server checks
 * the same abilities). The business modules are for members of a division and
 * the bureau's leaders; the three administrators see only their own pages.
 */
export function menuFor(me: Pick<MeDto, 'abilities' | 'memberships' | 'roles' | 'concernedCases'>): MenuEntry[] {
  const a = me.abilities;
  const business =
    me.memberships.length > 0 ||
    me.roles.some((r) => r === 'principal_leader' || r === 'supervising_leader' || r === 'discipline_secretary');
  const adminOnly =
    me.roles.length > 0 && me.roles.every((r) => r === 'system_admin' || r === 'security_admin' || r === 'audit_admin');
  const entries: MenuEntry[] = [{ key: '/', label: 'menu.workbench' }];
  if (business && !adminOnly) {
    entries.push(
      { key: '/topics', label: 'menu.topics' },
      { key: '/meetings', label: 'menu.meetings' },
      { key: '/minutes', label: 'menu.minutes' },
      { key: '/reading', label: 'menu.reading' },
      // 督办 (R6.2): everyone in the business has a ledger — at least the items they execute (我的督办).
      { key: '/tracking', label: 'menu.tracking' },
    );
    if (a['filing.receive']) entries.push({ key: '/filings', label: 'menu.filings' });
    // R6.3: 问责 for those who see cases; 我的问责通知 for a person concerned once told.
    if (a['case.read']) entries.push({ key: '/cases', label: 'menu.cases' });
    if (me.concernedCases > 0) entries.push({ key: '/cases/mine', label: 'menu.myCases' });
    // R6.4: 监督检查 for whoever has a scope of the matrix (core complianceScope): the supervision
    // office, the general office and the bureau's leaders (the bureau), a supervising leader (their
    // divisions), a division's head or deputy (their own).
    if (a['compliance.read']) entries.push({ key: '/oversight', label: 'menu.oversight' });
    // R6.4: 专项检查 with the readers of the bureau's oversight; 整改 for them and for those who answer for a division.
    if (a['oversight.read']) entries.push({ key: '/oversight/inspections', label: 'menu.inspections' });
    const answers =
      me.memberships.some((m) => m.position === 'head' || m.position === 'deputy') ||
      me.roles.includes('supervising_leader');
    if (a['oversight.read'] || answers) entries.push({ key: '/rectifications', label: 'menu.rectifications' });
    // R5.7: 归档 for the general office (archives, appraises) and the supervision office (reads, verifies).
    if (a['archive.read']) entries.push({ key: '/archive', label: 'menu.archive' });
  }
  const admin: MenuEntry[] = [];
  if (a['org.read'])
    admin.push({ key: '/admin/divisions', label: 'menu.divisions' }, { key: '/admin/users', label: 'menu.users' });
  if (a['security.read']) admin.push({ key: '/admin/security', label: 'menu.security' });
  if (a['regime.manage'] || a['org.read']) admin.push({ key: '/admin/regime', label: 'menu.regime' });
  if (a['calendar.manage']) admin.push({ key: '/admin/calendar', label: 'menu.calendar' });
  if (a['audit.read']) admin.push({ key: '/admin/audit', label: 'menu.audit' });
  if (admin.length > 0) entries.push({ key: 'admin', label: 'menu.admin', children: admin });
  return entries;
}

/** 操作手册, last in everyone's menu: the chapter of the guide for the user's role (docs/guide). */
export function guideEntry(me: Pick<MeDto, 'memberships' | 'roles'>): MenuEntry {
  return { key: guidePath(guideChapterFor(me)), label: 'menu.guide' };
}
