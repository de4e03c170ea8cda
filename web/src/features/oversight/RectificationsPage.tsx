import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Select, Space, Typography } from 'antd';
import type { FindingDto, FindingsPageDto } from '../../../../core/contracts/inspections';
import { FINDING_STATE_LABELS, FINDING_STATES, type FindingState } from '../../../../core/inspections';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { FindingStateTag } from './FindingPage';

/**
 * 整改 (R6.4): the findings of inspections and their rectification. The supervision office,
 * the general office and the bureau's leaders see every division's; a division's head, deputy
 * and members see their own division's, a supervising leader their divisions' — once the
 * 整改通知 is out (the server decides).
 */
export default function RectificationsPage() {
  const [params] = useSearchParams();
  const initial = params.get('state');
  const [state, setState] = useState<FindingState | undefined>(FINDING_STATES.find((s) => s === initial));
  const list = useCursorList<FindingDto, FindingsPageDto>('/api/rectifications', { state });
  return (
    <PageCard title="整改（专项检查发现的问题）">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<FindingState>
          aria-label="整改状态"
          style={{ width: 180 }}
          allowClear
          placeholder="全部状态"
          value={state}
          onChange={setState}
          options={FINDING_STATES.map((s) => ({ value: s, label: FINDING_STATE_LABELS[s] }))}
        />
      </Space>
      <ResponsiveTable<FindingDto>
        rowKey="id"
        size="small"
        loading={list.loading}
        pagination={false}
        dataSource={list.items}
        locale={{ emptyText: '没有需要整改的问题' }}
        columns={[
          {
            title: '问题',
            dataIndex: 'description',
            render: (v: string, f) => <Link to={`/rectifications/${f.id}`}>{v}</Link>,
          },
          { title: '处室', dataIndex: 'divisionName' },
          { title: '条款', dataIndex: 'clause' },
          { title: '整改状态', key: 'state', render: (_: unknown, f) => <FindingStateTag f={f} /> },
          { title: '整改期限', dataIndex: 'deadline', render: (v: string | null) => v ?? '—' },
          {
            title: '专项检查',
            dataIndex: 'inspectionTitle',
            render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
        ]}
      />
      <LoadMore list={list} />
    </PageCard>
  );
}
