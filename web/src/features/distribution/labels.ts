import {
  DISTRIBUTION_STATUS_LABELS,
  PURPOSE_LABELS,
  RECIPIENT_ROLE_LABELS,
  type DistributionStatus,
} from '../../../../core/distribution';

export const PURPOSE_SHORT = { report: '报送', circulate: '传阅', file: '备案' } as const;

export function statusLabel(s: DistributionStatus): string {
  return DISTRIBUTION_STATUS_LABELS[s];
}

export function roleLabel(roles: string): string {
  return roles
    .split(',')
    .map((r) => RECIPIENT_ROLE_LABELS[r] ?? r)
    .join('、');
}

export { PURPOSE_LABELS };

/** `2027-01-05` → `2027年1月5日（星期二）` */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const w = '日一二三四五六'[d.getUTCDay()];
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（星期${w}）`;
}
