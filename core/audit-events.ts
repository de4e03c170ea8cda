/**
 * Every action the audit log records, with the kind of object it acts on and
 * its Chinese label. Writing an action that is not listed here does not
 * compile (server/platform/audit/audit.ts takes an `AuditAction`), and the
 * audit page shows the label, never the code.
 */
export const AUDIT_SUBJECTS = {
  unit: '单位',
  user: '人员',
  division: '处室',
  settings: '设置',
  calendar: '工作日历',
  topic: '议题',
  meeting: '会议',
  minutes: '纪要',
  tracking_item: '督办事项',
  accountability_case: '问责案件',
  register: '登记簿',
  archive: '档案',
} as const;
export type AuditSubject = keyof typeof AUDIT_SUBJECTS;

const e = (subject: AuditSubject, label: string) => ({ subject, label });

export const AUDIT_EVENTS = {
  'auth.login': e('user', '登录'),
  'auth.logout': e('user', '退出登录'),
  'auth.lockout': e('user', '连续登录失败锁定账号'),
  'auth.password_change': e('user', '修改密码'),
  'unit.init': e('unit', '初始化单位'),
  'unit.seed_demo': e('unit', '创建演示数据'),
  'division.create': e('division', '新建处室'),
  'division.update': e('division', '修改处室'),
  'division.member_order': e('division', '调整处室人员排序'),
  'division.delegations': e('division', '授权副职负责人'),
  'user.create': e('user', '新建人员'),
  'user.update': e('user', '修改人员'),
  'user.memberships': e('user', '设置处室职务'),
  'user.roles': e('user', '设置单位角色'),
  'user.reset_password': e('user', '重置密码'),
  'user.lock': e('user', '锁定账号'),
  'user.unlock': e('user', '解除锁定'),
  'settings.security': e('settings', '修改安全设置'),
  'settings.regime': e('settings', '修改制度参数'),
  'calendar.import': e('calendar', '导入节假日安排'),
  'calendar.import_revert': e('calendar', '撤销节假日安排'),
  'calendar.override': e('calendar', '调整单日'),
  'calendar.override_remove': e('calendar', '取消单日调整'),
  'topic.create': e('topic', '提出议题'),
  'topic.update': e('topic', '修改议题'),
  'topic.submit': e('topic', '提交议题审核'),
  'topic.approve': e('topic', '同意列入议题'),
  'topic.return': e('topic', '退回议题'),
  'topic.withdraw': e('topic', '撤回议题'),
  'topic.add_flags': e('topic', '补充事项标注'),
  'topic.attachment_add': e('topic', '上传书面材料'),
  'topic.attachment_remove': e('topic', '删除书面材料'),
  'meeting.create': e('meeting', '召集会议'),
  'meeting.backfill': e('meeting', '补录会议'),
  'meeting.update': e('meeting', '修改会议'),
  'meeting.notify': e('meeting', '发出会议通知'),
  'meeting.start': e('meeting', '开始会议'),
  'meeting.close': e('meeting', '结束会议'),
  'meeting.cancel': e('meeting', '取消会议'),
  'meeting.leave_request': e('meeting', '请假'),
  'meeting.leave_approve': e('meeting', '批准请假'),
  'meeting.leave_reject': e('meeting', '不批准请假'),
  'meeting.attendance': e('meeting', '登记出席'),
  'meeting.check_in': e('meeting', '扫码签到'),
  'meeting.agenda_outcome': e('meeting', '标记议题研究情况'),
  'meeting.paper_minutes': e('meeting', '上传纸质会议记录'),
  'record.save': e('meeting', '保存会议记录'),
  'record.amend': e('meeting', '更正会议记录'),
  'minutes.create': e('minutes', '起草纪要'),
  'minutes.update': e('minutes', '修改纪要'),
  'minutes.rerender': e('minutes', '依据更正的记录重新生成纪要'),
  'minutes.submit': e('minutes', '纪要提交签发'),
  'minutes.return': e('minutes', '退回纪要'),
  'minutes.issue': e('minutes', '签发纪要'),
  'minutes.correct': e('minutes', '发起纪要更正'),
  'distribution.read': e('minutes', '确认已阅'),
  'distribution.receive': e('minutes', '备案签收'),
  'tracking.create': e('tracking_item', '生成督办事项'),
  'tracking.assign': e('tracking_item', '明确督办责任人和完成时限'),
  'tracking.attachment_add': e('tracking_item', '上传办理材料'),
  'tracking.report': e('tracking_item', '报告办理进展'),
  'tracking.request_completion': e('tracking_item', '申请办结'),
  'tracking.confirm': e('tracking_item', '确认办结'),
  'tracking.return': e('tracking_item', '退回办结申请'),
  'tracking.verify': e('tracking_item', '核验办结'),
  'tracking.request_extension': e('tracking_item', '申请延期'),
  'tracking.approve_extension': e('tracking_item', '同意延期'),
  'tracking.reject_extension': e('tracking_item', '不同意延期'),
  'tracking.terminate': e('tracking_item', '终止督办'),
  // R6.3: every step of an accountability case; the audit data holds ids and states, never the case's content.
  'case.open': e('accountability_case', '登记问责线索'),
  'case.preliminary': e('accountability_case', '开始初核'),
  'case.file': e('accountability_case', '立案'),
  'case.dismiss': e('accountability_case', '不予立案'),
  'case.investigate': e('accountability_case', '启动调查并通知当事人'),
  'case.statement': e('accountability_case', '提交说明或申辩'),
  'case.evidence_add': e('accountability_case', '补充证据材料'),
  'case.attachment_add': e('accountability_case', '上传问责材料'),
  'case.propose': e('accountability_case', '提出处理意见'),
  'case.decide': e('accountability_case', '记录处理决定'),
  'case.archive': e('accountability_case', '归档问责案件'),
  'register.import': e('register', '导入登记簿'),
  'register.confirm': e('register', '确认登记事项与议题匹配'),
  'register.dismiss': e('register', '驳回登记事项与议题匹配'),
  'archive.create': e('archive', '年度归档'),
  'archive.appraise': e('archive', '到期鉴定处置'),
} as const satisfies Record<string, { subject: AuditSubject; label: string }>;

export type AuditAction = keyof typeof AUDIT_EVENTS;

export function isAuditAction(a: string): a is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, a);
}

/** The Chinese label of a stored action; one no longer listed shows as 其他操作 with its code. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_EVENTS[action].label : `其他操作（${action}）`;
}
