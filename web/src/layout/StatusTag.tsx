import { Tag } from 'antd';
import type { DistributionStatus } from '../../../core/distribution';
import { DISTRIBUTION_STATUS_LABELS } from '../../../core/distribution';
import { MEETING_STATUS_LABELS, type MeetingStatus } from '../../../core/meetings';
import { TOPIC_STATUS_LABELS, type TopicStatus } from '../../../core/topics';
import { TRACKING_STATUS_LABELS, type TrackingStatus } from '../../../core/tracking';
import type { MinutesDto } from '../../../core/contracts/minutes';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../core/accountability';
import { useT } from '../i18n';
import type { MessageKey } from '../i18n/zh-CN';

type Color = 'default' | 'processing' | 'success' | 'warning' | 'error' | 'purple' | 'cyan';
type Look<S extends string> = Record<S, { label: string; color: Color }>;
const look = <S extends string>(labels: Record<S, string>, colors: Record<S, Color>): Look<S> =>
  Object.fromEntries(Object.keys(labels).map((s) => [s, { label: labels[s as S], color: colors[s as S] }])) as Look<S>;

/**
 * Each kind's statuses: the label the regulation's words give them, and one colour everywhere.
 * Topics and minutes take their label from the i18n keys `status.topic.*` and `status.minutes.*`
 * (one label per step, as the workbench and the lists say it); these labels are the fallback.
 */
export const STATUS_LOOK = {
  topic: look<TopicStatus>(TOPIC_STATUS_LABELS, {
    draft: 'default',
    submitted: 'processing',
    returned: 'error',
    approved: 'success',
    scheduled: 'purple',
    decided: 'cyan',
    withdrawn: 'default',
  }),
  meeting: look<MeetingStatus>(MEETING_STATUS_LABELS, {
    planned: 'default',
    notified: 'processing',
    in_session: 'warning',
    closed: 'success',
    cancelled: 'error',
  }),
  minutes: look<MinutesDto['status']>(
    { draft: '起草中', in_review: '待签发', issued: '已印发', superseded: '已被更正' },
    { draft: 'default', in_review: 'processing', issued: 'success', superseded: 'warning' },
  ),
  distribution: look<DistributionStatus>(DISTRIBUTION_STATUS_LABELS, {
    pending: 'processing',
    overdue: 'error',
    on_time: 'success',
    late: 'warning',
  }),
  tracking: look<TrackingStatus>(TRACKING_STATUS_LABELS, {
    pending: 'default',
    in_progress: 'processing',
    completion_requested: 'warning',
    completed: 'success',
    verified: 'cyan',
    terminated: 'purple',
  }),
  case: look<CaseStatus>(CASE_STATUS_LABELS, {
    registered: 'default',
    preliminary: 'processing',
    filed: 'warning',
    dismissed: 'default',
    investigating: 'warning',
    proposed: 'purple',
    decided: 'error',
    archived: 'success',
  }),
};
export type StatusKind = keyof typeof STATUS_LOOK;
export type StatusOf<K extends StatusKind> = keyof (typeof STATUS_LOOK)[K] & string;

/** The i18n key of a status's label, where the dictionary has one (topics and minutes). */
const I18N_KINDS: Partial<Record<StatusKind, string>> = { topic: 'status.topic', minutes: 'status.minutes' };

/** A status's label in the current language: the i18n key for topics and minutes, else the core label. */
export function useStatusLabel(): (kind: StatusKind, status: string) => string {
  const t = useT();
  return (kind, status) => {
    const prefix = I18N_KINDS[kind];
    if (prefix) return t(`${prefix}.${status}` as MessageKey);
    return (STATUS_LOOK[kind] as Look<string>)[status]?.label ?? status;
  };
}

/** The one status tag: a topic's, a meeting's, a minutes', a distribution's, a tracked item's or a case's status in its label and colour. */
export function StatusTag<K extends StatusKind>({
  kind,
  status,
  ...rest
}: {
  kind: K;
  status: StatusOf<K>;
  'data-testid'?: string;
}) {
  const label = useStatusLabel();
  const l = (STATUS_LOOK[kind] as Look<string>)[status];
  return (
    <Tag color={l?.color} {...rest}>
      {label(kind, status) || (l?.label ?? status)}
    </Tag>
  );
}
