import type { DivisionKind, Position, UnitRole } from '../../core/org.js';

/**
 * The demo bureau (演示数据): a municipal commerce bureau with its leadership,
 * general office, supervision office and five business divisions, ~40 people.
 * The eleven demo accounts of the README are among them.
 */
export const DEMO_UNIT_NAME = '示范市商务局';
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoDivision {
  key: string;
  name: string;
  kind: DivisionKind;
}

export const DEMO_DIVISIONS: DemoDivision[] = [
  { key: 'leaders', name: '局领导', kind: 'leadership' },
  { key: 'office', name: '办公室', kind: 'general_office' },
  { key: 'supervision', name: '监察室', kind: 'supervision_office' },
  { key: 'trade', name: '对外贸易处', kind: 'business' },
  { key: 'investment', name: '外商投资管理处', kind: 'business' },
  { key: 'market', name: '市场运行和消费促进处', kind: 'business' },
  { key: 'ecommerce', name: '电子商务和服务贸易处', kind: 'business' },
  { key: 'finance', name: '规划财务处', kind: 'business' },
];

export interface DemoPerson {
  username: string;
  name: string;
  /** None for the three administrators (三员分立: no division membership). */
  division?: string;
  position?: Position;
  recorder?: boolean;
  roles?: Array<{ role: UnitRole; supervises?: string[] }>;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  // 局领导
  {
    username: 'director',
    name: '王建国',
    division: 'leaders',
    position: 'head',
    roles: [{ role: 'principal_leader' }],
  },
  {
    username: 'liuzhiqiang',
    name: '刘志强',
    division: 'leaders',
    position: 'staff',
    roles: [{ role: 'principal_leader' }],
  },
  {
    username: 'leader',
    name: '陈立新',
    division: 'leaders',
    position: 'staff',
    roles: [{ role: 'supervising_leader', supervises: ['trade', 'investment'] }],
  },
  {
    username: 'zhaohaiyan',
    name: '赵海燕',
    division: 'leaders',
    position: 'staff',
    roles: [{ role: 'supervising_leader', supervises: ['market', 'ecommerce', 'finance', 'office'] }],
  },
  {
    username: 'jiwei',
    name: '孙明',
    division: 'leaders',
    position: 'staff',
    roles: [{ role: 'discipline_secretary' }, { role: 'supervising_leader', supervises: ['supervision'] }],
  },
  // 办公室
  { username: 'zhouxuemei', name: '周雪梅', division: 'office', position: 'head' },
  { username: 'wutao', name: '吴涛', division: 'office', position: 'deputy' },
  { username: 'xuli', name: '许丽', division: 'office', position: 'staff', recorder: true },
  { username: 'admin', name: '郑磊', roles: [{ role: 'system_admin' }] },
  { username: 'secadmin', name: '冯静', roles: [{ role: 'security_admin' }] },
  { username: 'auditor', name: '何平', roles: [{ role: 'audit_admin' }] },
  // 监察室
  { username: 'majun', name: '马骏', division: 'supervision', position: 'head' },
  { username: 'jiancha', name: '高敏', division: 'supervision', position: 'staff' },
  { username: 'linfang', name: '林芳', division: 'supervision', position: 'staff', recorder: true },
  // 对外贸易处
  { username: 'head', name: '李伟', division: 'trade', position: 'head' },
  { username: 'deputy', name: '张敏', division: 'trade', position: 'deputy' },
  { username: 'recorder', name: '王芳', division: 'trade', position: 'staff', recorder: true },
  { username: 'staff', name: '刘洋', division: 'trade', position: 'staff' },
  { username: 'chenjing', name: '陈静', division: 'trade', position: 'staff' },
  { username: 'yangfan', name: '杨帆', division: 'trade', position: 'staff' },
  { username: 'huanglei', name: '黄磊', division: 'trade', position: 'staff' },
  // 外商投资管理处
  { username: 'zhugang', name: '朱刚', division: 'investment', position: 'head' },
  { username: 'hulin', name: '胡琳', division: 'investment', position: 'deputy' },
  { username: 'guoyan', name: '郭燕', division: 'investment', position: 'staff', recorder: true },
  { username: 'luoqiang', name: '罗强', division: 'investment', position: 'staff' },
  { username: 'liangchen', name: '梁晨', division: 'investment', position: 'staff' },
  // 市场运行和消费促进处
  { username: 'songhua', name: '宋华', division: 'market', position: 'head' },
  { username: 'tangjie', name: '唐杰', division: 'market', position: 'deputy' },
  { username: 'hanxue', name: '韩雪', division: 'market', position: 'staff', recorder: true },
  { username: 'fengbo', name: '冯波', division: 'market', position: 'staff' },
  { username: 'dengli', name: '邓莉', division: 'market', position: 'staff' },
  // 电子商务和服务贸易处
  { username: 'caoyu', name: '曹宇', division: 'ecommerce', position: 'head' },
  { username: 'pengna', name: '彭娜', division: 'ecommerce', position: 'deputy' },
  { username: 'zenghui', name: '曾慧', division: 'ecommerce', position: 'staff', recorder: true },
  { username: 'xiaopeng', name: '肖鹏', division: 'ecommerce', position: 'staff' },
  { username: 'tianye', name: '田野', division: 'ecommerce', position: 'staff' },
  // 规划财务处
  { username: 'dongwei', name: '董伟', division: 'finance', position: 'head' },
  { username: 'yuanyuan', name: '袁媛', division: 'finance', position: 'deputy' },
  { username: 'panhong', name: '潘红', division: 'finance', position: 'staff', recorder: true },
  { username: 'jiangtao', name: '蒋涛', division: 'finance', position: 'staff' },
];

/** The accounts the README lists, in the order it lists them. */
export const DEMO_ACCOUNTS: Array<{ username: string; what: string }> = [
  { username: 'admin', what: '系统管理员' },
  { username: 'secadmin', what: '安全管理员' },
  { username: 'auditor', what: '审计管理员' },
  { username: 'director', what: '局主要领导' },
  { username: 'leader', what: '分管领导（对外贸易处）' },
  { username: 'jiwei', what: '局纪委书记' },
  { username: 'jiancha', what: '监察室' },
  { username: 'head', what: '对外贸易处处长' },
  { username: 'deputy', what: '对外贸易处副处长' },
  { username: 'recorder', what: '对外贸易处记录人' },
  { username: 'staff', what: '对外贸易处工作人员' },
];
