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
