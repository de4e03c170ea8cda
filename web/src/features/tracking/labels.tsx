import { Space, Tag } from 'antd';
import type { TrackingItemDto } from '../../../../core/contracts/tracking';
import { LIGHT_LABELS, TRACKING_EVENT_LABELS, type Light } from '../../../../core/tracking';

const LIGHT_COLORS: Record<Light, string> = { green: 'green', yellow: 'gold', red: 'red' };

/**
 * An item's light as a coloured tag with its words (红灯（逾期）, never the colour
 * alone), 停滞 beside it; 待补全 for an item without party or deadline, — when closed.
 */
export function LightTag({
  item,
}: {
  item: Pick<TrackingItemDto, 'light' | 'stalled' | 'needsCompletion' | 'provisional'>;
}) {
  const main = item.light ? (
    <Tag color={LIGHT_COLORS[item.light]}>
      {LIGHT_LABELS[item.light]}
      {item.provisional ? '（暂定）' : ''}
    </Tag>
  ) : item.needsCompletion ? (
    <Tag color="orange">待补全</Tag>
  ) : null;
  if (!main && !item.stalled) return <span>—</span>;
  return (
    <Space size={4} wrap>
      {main}
      {item.stalled && <Tag color="magenta">{LIGHT_LABELS.stalled}</Tag>}
    </Space>
  );
}

/** The timeline's events in words: core's, one list for the item page and the archive package. */
export const EVENT_LABELS: Record<string, string> = TRACKING_EVENT_LABELS;

export const EXTENSION_STATUS: Record<'pending' | 'approved' | 'rejected', { label: string; color: string }> = {
  pending: { label: '待审批', color: 'processing' },
  approved: { label: '已同意', color: 'success' },
  rejected: { label: '未同意', color: 'error' },
};
