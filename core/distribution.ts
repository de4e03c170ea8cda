/**
 * Distribution of issued minutes (R5.8–R5.10): to whom, for what, and how the
 * sending stands against the deadline of N working days after the meeting.
 */
export const DISTRIBUTION_PURPOSES = ['report', 'circulate', 'file'] as const;
export type DistributionPurpose = (typeof DISTRIBUTION_PURPOSES)[number];

export const PURPOSE_LABELS: Record<DistributionPurpose, string> = {
  report: '纪要报送',
  circulate: '纪要传阅',
  file: '纪要备案',
};

/** pending: not issued, deadline ahead; overdue: not issued, deadline passed; on_time / late: issued before / after it. */
export const DISTRIBUTION_STATUSES = ['pending', 'overdue', 'on_time', 'late'] as const;
export type DistributionStatus = (typeof DISTRIBUTION_STATUSES)[number];

export const DISTRIBUTION_STATUS_LABELS: Record<DistributionStatus, string> = {
  pending: '待分送',
  overdue: '已逾期',
  on_time: '按时分送',
  late: '逾期分送',
};

export const RECIPIENT_ROLE_LABELS: Record<string, string> = {
  principal_leader: '局主要领导',
  supervising_leader: '分管领导',
  discipline_secretary: '局纪委书记',
  member: '处室人员',
  supervision_office: '监察室',
};

/** Both instants are ISO strings in UTC, so they compare as text. */
export function deliveryStatus(deadline: string, sentAt: string): 'on_time' | 'late' {
  return sentAt <= deadline ? 'on_time' : 'late';
}

/** A recipient of issued minutes as the printed 分送 line needs it. */
export interface LineRecipient {
  purpose: DistributionPurpose;
  /** Comma-joined unit roles (report), 'member', 'observer' or 'supervision_office'. */
  role: string;
  name: string | null;
}

/**
 * R5.5 / R5.8–R5.10: the printed 分送 line, from the recipients actually
 * distributed to under the unit's settings — never a fixed string:
 * 「分送：局主要领导，陈立新（分管领导），局纪委书记，监察室（备案）；本处室全体人员传阅」.
 */
export function distributionLine(recipients: readonly LineRecipient[]): string {
  const report = recipients.filter((r) => r.purpose === 'report');
  const has = (role: string) => report.some((r) => r.role.split(',').includes(role));
  const parts: string[] = [];
  if (has('principal_leader')) parts.push('局主要领导');
  for (const r of report)
    if (r.role.split(',').includes('supervising_leader') && r.name) parts.push(`${r.name}（分管领导）`);
  if (has('discipline_secretary')) parts.push('局纪委书记');
  if (recipients.some((r) => r.purpose === 'circulate' && r.role === 'observer')) parts.push('列席人员');
  if (recipients.some((r) => r.purpose === 'file')) parts.push('监察室（备案）');
  const circulated = recipients.some((r) => r.purpose === 'circulate' && r.role === 'member');
  if (parts.length === 0) return circulated ? '传阅：本处室全体人员' : '';
  return `分送：${parts.join('，')}${circulated ? '；本处室全体人员传阅' : ''}`;
}
