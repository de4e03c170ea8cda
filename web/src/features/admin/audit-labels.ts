/** Chinese names of audit actions; unknown ones show as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账号锁定',
  'auth.password_change': '修改密码',
  'division.create': '新建处室',
  'division.update': '修改处室',
  'user.create': '新建人员',
  'user.update': '修改人员',
  'user.memberships': '设置处室职务',
  'user.roles': '设置单位角色',
  'user.reset_password': '重置密码',
  'user.unlock': '解除锁定',
  'user.lock': '锁定账号',
  'settings.security': '修改安全设置',
  'settings.regime': '修改制度参数',
  'unit.seed_demo': '创建演示数据',
  'unit.init': '初始化单位',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
