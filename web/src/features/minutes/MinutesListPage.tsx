import { useState } from 'react';
import { useNavigate } from 'react-router';
import { InputNumber, Select, Space } from 'antd';
import type { MinutesSummaryDto as Row } from '../../../../core/contracts/minutes';
import { useDivisions } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { useMe } from '../../auth/session';
import { defaultDivisionId } from '../../auth/leadership';
import { dayjs, formatTime, TZ } from '../../lib/time';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { StatusTag } from '../../layout/StatusTag';

/** 纪要: each division's minutes by year, with number and status (R5.6, R1.3). */
export default function MinutesListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const divisions = useDivisions();
  const [divisionId, setDivisionId] = useState<string | undefined>(defaultDivisionId(me));
  const [year, setYear] = useState<number>(dayjs().tz(TZ).year());
  const list = useCursorList<Row>('/api/minutes', { divisionId, year });
  return (
    <PageCard
      title="会议纪要"
      extra={
        <Space wrap>
          <Select
            style={{ width: 200 }}
            allowClear
            placeholder="全部可见处室"
            value={divisionId}
            onChange={setDivisionId}
            options={divisions.map((d) => ({ value: d.id, label: d.name }))}
          />
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" />
        </Space>
      }
    >
      <ResponsiveTable<Row>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 720 }}
        onRow={(r) => ({ onClick: () => navigate(`/minutes/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '编号', dataIndex: 'number', width: 160, render: (n: string | null) => n ?? '—' },
          { title: '会议', dataIndex: 'meetingTitle' },
          { title: '会议日期', dataIndex: 'meetingDate', width: 150, render: formatTime },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (s: Row['status']) => <StatusTag kind="minutes" status={s} />,
          },
          { title: '印发时间', dataIndex: 'issuedAt', width: 150, render: formatTime },
        ]}
      />
      <LoadMore list={list} />
    </PageCard>
  );
}
