import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Empty, Segmented, Space, Table, Tag } from 'antd';
import type { DistributionEntryDto } from '../../../../core/contracts-distribution';
import { useResource } from '../../api/hooks';
import { formatTime } from '../../lib/time';
import { PURPOSE_SHORT } from './labels';
import { ProvisionalTag, receiptText, useEntryAction } from './DistributionPanel';

type State = 'open' | 'done' | 'all';

/** 待阅纪要 (R5.8, R5.9): minutes reported or circulated to me; open them, confirm 已阅. */
export default function ReadingPage() {
  const [state, setState] = useState<State>('open');
  const { data, loading, reload } = useResource<DistributionEntryDto[]>(
    `/api/distributions?box=reading&state=${state}`,
  );
  const navigate = useNavigate();
  const act = useEntryAction(reload);
  return (
    <Card
      title="待阅纪要"
      extra={
        <Segmented<State>
          value={state}
          onChange={setState}
          options={[
            { label: '待阅', value: 'open' },
            { label: '已阅', value: 'done' },
            { label: '全部', value: 'all' },
          ]}
        />
      }
    >
      <Table<DistributionEntryDto>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={state === 'open' ? '没有待阅的纪要' : '暂无纪要'} /> }}
        columns={[
          {
            title: '纪要',
            render: (_, e) => (
              <a onClick={() => navigate(`/minutes/${e.minutesId}`)}>
                {e.minutesNumber} {e.meetingTitle}
              </a>
            ),
          },
          { title: '处室', dataIndex: 'divisionName' },
          {
            title: '方式',
            dataIndex: 'purpose',
            render: (p: DistributionEntryDto['purpose']) => (
              <Tag color={p === 'report' ? 'red' : 'blue'}>{PURPOSE_SHORT[p]}</Tag>
            ),
          },
          { title: '收到', dataIndex: 'sentAt', render: (t: string) => formatTime(t) },
          {
            title: '分送时限',
            render: (_, e) => (
              <Space>
                {e.dueDate}
                <ProvisionalTag provisional={e.provisional} />
                {e.delivery === 'late' && <Tag color="warning">逾期分送</Tag>}
              </Space>
            ),
          },
          { title: '状态', render: (_, e) => receiptText(e) },
          {
            title: '操作',
            render: (_, e) => (
              <Space>
                <Button size="small" onClick={() => navigate(`/minutes/${e.minutesId}`)}>
                  查看
                </Button>
                {e.abilities.confirmRead && (
                  <Button size="small" type="primary" onClick={() => void act(e, 'read')}>
                    确认已阅
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
