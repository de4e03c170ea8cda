import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, DatePicker, Space, Table, Typography } from 'antd';
import { dayjs } from '../../lib/time';
import type { TrackingScoresDto } from '../../../../core/contracts/tracking';
import { useGet } from '../../api/hooks';
import { PageCard } from '../../layout/PageCard';

type Row = TrackingScoresDto['rows'][number];
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * 督办考评 (R6.2): per division and period, the on-time and completion rates, overdue working days,
 * extensions and the score, with the formula the unit's settings make. The server decides who
 * may see which divisions (heads their own, supervising leaders theirs, 监察室 and leaders all).
 */
export default function ScoresPage() {
  const [range, setRange] = useState<[string, string]>([
    dayjs().startOf('year').format('YYYY-MM-DD'),
    dayjs().endOf('year').format('YYYY-MM-DD'),
  ]);
  const { data, loading } = useGet('/api/tracking/scores', { from: range[0], to: range[1] });
  return (
    <PageCard
      title="督办考评"
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            aria-label="统计期间"
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
            }}
          />
          <Link to="/tracking">返回台账</Link>
        </Space>
      }
    >
      {data && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          message={`计算公式：${data.formula}`}
          description={
            <>
              {data.notes.map((n) => (
                <div key={n}>{n}</div>
              ))}
              <div>{`统计期间 ${data.from} 至 ${data.to}；未办结事项的逾期工作日计至 ${data.asOf}。`}</div>
            </>
          }
        />
      )}
      <Table<Row>
        rowKey="divisionId"
        size="small"
        loading={loading}
        pagination={false}
        scroll={{ x: 800 }}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: '统计期间内没有到期的督办事项' }}
        columns={[
          { title: '处室', dataIndex: 'divisionName', fixed: 'left' },
          { title: '到期事项', dataIndex: 'due', align: 'right' },
          { title: '已办结', dataIndex: 'completed', align: 'right' },
          { title: '按期办结', dataIndex: 'completedOnTime', align: 'right' },
          { title: '按期办结率', dataIndex: 'onTimeRate', align: 'right', render: pct },
          { title: '办结率', dataIndex: 'completionRate', align: 'right', render: pct },
          { title: '逾期工作日', dataIndex: 'overdueWorkingDays', align: 'right' },
          { title: '延期次数', dataIndex: 'extensions', align: 'right' },
          { title: '已终止', dataIndex: 'terminated', align: 'right' },
          {
            title: '得分',
            dataIndex: 'score',
            align: 'right',
            render: (v: number | null) => <Typography.Text strong>{v === null ? '—' : v.toFixed(2)}</Typography.Text>,
          },
        ]}
      />
    </PageCard>
  );
}
