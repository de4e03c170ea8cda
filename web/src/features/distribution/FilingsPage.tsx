import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Select, Space, Tabs, Tag } from 'antd';
import type { DistributionEntryDto, DistributionOverviewDto } from '../../../../core/contracts/distribution';
import { DISTRIBUTION_STATUSES, type DistributionStatus } from '../../../../core/distribution';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { formatTime } from '../../lib/time';
import { ProvisionalTag, receiptText } from './DistributionPanel';
import { useInbox } from './useInbox';
import { statusLabel } from './labels';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { StatusTag } from '../../layout/StatusTag';

/** R5.10: the supervision office's inbox of filed minutes (sign for them), and every division's deadlines. */
function Inbox() {
  const { switcher, table, more, act, minutesColumn } = useInbox('filing', {
    open: '待签收',
    done: '已签收',
    empty: '没有待签收的备案纪要',
    none: '暂无备案纪要',
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {switcher}
      <ResponsiveTable<DistributionEntryDto>
        {...table}
        columns={[
          minutesColumn,
          { title: '处室', dataIndex: 'divisionName' },
          { title: '会议日期', dataIndex: 'meetingDay' },
          {
            title: '报备',
            render: (_, e) => (
              <Space>
                {formatTime(e.sentAt)}
                {e.delivery === 'late' ? <Tag color="warning">逾期</Tag> : <Tag color="success">按时</Tag>}
              </Space>
            ),
          },
          { title: '签收', render: (_, e) => receiptText(e) },
          {
            title: '操作',
            render: (_, e) =>
              e.abilities.receive && (
                <Button size="small" type="primary" onClick={() => void act(e, 'receive')}>
                  签收
                </Button>
              ),
          },
        ]}
      />
      {more}
    </Space>
  );
}

function Deadlines() {
  const [status, setStatus] = useState<DistributionStatus | undefined>();
  const list = useCursorList<DistributionOverviewDto[number]>('/api/distribution-deadlines', { status });
  const navigate = useNavigate();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select<DistributionStatus>
        allowClear
        placeholder="全部状态"
        style={{ width: 160 }}
        value={status}
        onChange={setStatus}
        options={DISTRIBUTION_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
      />
      <ResponsiveTable<DistributionOverviewDto[number]>
        rowKey="meetingId"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '处室', dataIndex: 'divisionName' },
          {
            title: '会议',
            render: (_, r) => <a onClick={() => navigate(`/meetings/${r.meetingId}`)}>{r.meetingTitle}</a>,
          },
          { title: '会议日期', dataIndex: 'meetingDay' },
          {
            title: '分送时限',
            render: (_, r) => (
              <Space>
                {r.dueDate}
                <ProvisionalTag provisional={r.provisional} />
              </Space>
            ),
          },
          {
            title: '状态',
            render: (_, r) => <StatusTag kind="distribution" status={r.status} />,
          },
          {
            title: '纪要',
            render: (_, r) =>
              r.minutesId ? (
                <a onClick={() => navigate(`/minutes/${r.minutesId}`)}>
                  {r.minutesNumber} · {formatTime(r.issuedAt)}
                </a>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <LoadMore list={list} />
    </Space>
  );
}

export default function FilingsPage() {
  return (
    <Card title="纪要报备">
      <Tabs
        items={[
          { key: 'inbox', label: '报备收件箱', children: <Inbox /> },
          { key: 'deadlines', label: '分送时限检查', children: <Deadlines /> },
        ]}
      />
    </Card>
  );
}
