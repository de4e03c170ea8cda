import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import type { DistributionEntryDto, MeetingDistributionDto } from '../../../../core/contracts/distribution';
import { api, ApiError } from '../../api/client';
import { useShowError } from '../../api/hooks';
import { formatTime } from '../../lib/time';
import { dayLabel, PURPOSE_SHORT, roleLabel } from './labels';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { StatusTag } from '../../layout/StatusTag';
import { CommentButton } from '../../layout/CommentButton';

export function ProvisionalTag({ provisional }: { provisional: boolean }) {
  if (!provisional) return null;
  return (
    <Tooltip title="所涉年份的国务院节假日安排尚未公布，按法定节假日暂定；办公室导入正式安排后自动重算。">
      <Tag color="orange">暂定</Tag>
    </Tooltip>
  );
}

/** What an entry's recipient has done: read (report, circulate) or signed for (file). */
export function receiptText(e: DistributionEntryDto): string {
  if (e.purpose === 'file')
    return e.receivedAt ? `${e.receivedByName ?? ''} 已签收 ${formatTime(e.receivedAt)}` : '待签收';
  return e.readAt ? `已阅 ${formatTime(e.readAt)}${e.readComment ? `（意见：${e.readComment}）` : ''}` : '未阅';
}

/** 确认已阅 (report, circulate) or 签收备案 (file) on an entry, then `reload`. */
export function useEntryAction(reload: () => Promise<unknown>) {
  const { message } = App.useApp();
  const showError = useShowError();
  return async (e: DistributionEntryDto, what: 'read' | 'receive', comment = '') => {
    try {
      if (what === 'read')
        await api.post('/api/distributions/:id/read', { id: e.id }, comment ? { comment } : undefined);
      else await api.post('/api/distributions/:id/receive', { id: e.id });
      message.success(what === 'read' ? '已确认已阅' : '已签收备案');
      await reload();
    } catch (err) {
      showError(err);
    }
  };
}

/** 确认已阅 with an optional comment — a leader's 批示, shown on the minutes page to the division. */
export function ReadButton({
  entry,
  act,
  size,
}: {
  entry: DistributionEntryDto;
  act: ReturnType<typeof useEntryAction>;
  size?: 'small';
}) {
  return (
    <CommentButton
      type="primary"
      size={size}
      title={`确认已阅：${entry.minutesNumber ?? ''} ${entry.meetingTitle}`}
      okText="提交已阅"
      onConfirm={(comment) => act(entry, 'read', comment)}
    >
      确认已阅
    </CommentButton>
  );
}

/**
 * R5.8–R5.10 on the minutes page: the deadline (N working days after the
 * meeting, provisional where a year's schedule is unpublished), where the
 * distribution stands, and each recipient's state; the reader confirms 已阅 here.
 */
export function DistributionPanel({ meetingId }: { meetingId: string }) {
  const showError = useShowError();
  const [d, setD] = useState<MeetingDistributionDto | null>(null);
  const load = useCallback(
    () =>
      api.get('/api/meetings/:id/distribution', { id: meetingId }).then(setD, (e: unknown) => {
        if (!(e instanceof ApiError && e.status === 404)) showError(e);
      }),
    [meetingId, showError],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const act = useEntryAction(load);
  if (!d) return null;
  const mine = d.entries.filter((e) => e.abilities.confirmRead || e.abilities.receive);
  return (
    <PageCard
      className="no-print"
      title={
        <Space wrap>
          纪要分送
          <StatusTag kind="distribution" status={d.status} data-testid="distribution-status" />
          <ProvisionalTag provisional={d.provisional} />
        </Space>
      }
      extra={
        <Space wrap>
          {mine.map((e) =>
            e.abilities.confirmRead ? (
              <ReadButton key={e.id} entry={e} act={act} />
            ) : (
              <Button key={e.id} type="primary" onClick={() => void act(e, 'receive')}>
                签收备案
              </Button>
            ),
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="会议日期">{dayLabel(d.meetingDay)}</Descriptions.Item>
        <Descriptions.Item label="分送时限">
          <span data-testid="distribution-due">
            {dayLabel(d.dueDate)} 24 时前（会后第 {d.workingDays} 个工作日）
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="印发">
          {d.issuedAt ? formatTime(d.issuedAt) : d.status === 'overdue' ? '逾期未印发' : '尚未印发'}
        </Descriptions.Item>
        {d.entries.length > 0 && (
          <Descriptions.Item label="阅办">
            {d.counts.done} / {d.counts.total}
          </Descriptions.Item>
        )}
      </Descriptions>
      {d.entries.length > 0 && (
        <ResponsiveTable<DistributionEntryDto>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.entries}
          scroll={{ x: true }}
          columns={[
            { title: '方式', dataIndex: 'purpose', render: (p: DistributionEntryDto['purpose']) => PURPOSE_SHORT[p] },
            { title: '收件人', dataIndex: 'recipientName' },
            { title: '身份', dataIndex: 'recipientRole', render: (r: string) => roleLabel(r) },
            {
              title: '分送',
              render: (_, e) => (
                <Space>
                  {formatTime(e.sentAt)}
                  {e.delivery === 'late' && <Tag color="warning">逾期</Tag>}
                </Space>
              ),
            },
            {
              title: '状态',
              render: (_, e) => (
                <Typography.Text type={e.done ? 'success' : 'secondary'} data-testid={`receipt-${e.recipientName}`}>
                  {receiptText(e)}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </PageCard>
  );
}
