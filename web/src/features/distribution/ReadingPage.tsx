import { Button, Space, Tag } from 'antd';
import type { DistributionEntryDto } from '../../../../core/contracts/distribution';
import { formatTime } from '../../lib/time';
import { PURPOSE_SHORT } from './labels';
import { ProvisionalTag, ReadButton, receiptText } from './DistributionPanel';
import { useInbox } from './useInbox';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';

/** 待阅纪要 (R5.8, R5.9): minutes reported or circulated to me; open them, confirm 已阅. */
export default function ReadingPage() {
  const { switcher, table, more, act, navigate, minutesColumn } = useInbox('reading', {
    open: '待阅',
    done: '已阅',
    empty: '没有待阅的纪要',
    none: '暂无纪要',
  });
  return (
    <PageCard title="待阅纪要" extra={switcher}>
      <ResponsiveTable<DistributionEntryDto>
        {...table}
        columns={[
          minutesColumn,
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
                {e.abilities.confirmRead && <ReadButton entry={e} act={act} size="small" />}
              </Space>
            ),
          },
        ]}
      />
      {more}
    </PageCard>
  );
}
