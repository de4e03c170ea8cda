import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, InputNumber, Select, Space } from 'antd';
import type { MinutesPageDto as Page, MinutesSummaryDto as Row } from '../../../../core/contracts/minutes';
import { api, qs } from '../../api/client';
import { useDivisions, useResource } from '../../api/hooks';
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
  const filter = qs({ divisionId, year });
  const first = useResource<Page>(`/api/minutes${filter}`);
  // Later pages follow the first page's cursor: the list is never read whole at once.
  const [extra, setExtra] = useState<(Page & { filter: string }) | null>(null);
  const mine = extra?.filter === filter ? extra : null;
  const rows = [...(first.data?.items ?? []), ...(mine?.items ?? [])];
  const next = mine ? mine.nextCursor : (first.data?.nextCursor ?? null);
  const [busy, setBusy] = useState(false);
  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const p = await api.getUrl<Page>(`/api/minutes${qs({ divisionId, year, cursor: next })}`);
      setExtra({ filter, items: [...(mine?.items ?? []), ...p.items], nextCursor: p.nextCursor });
    } finally {
      setBusy(false);
    }
  };
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
        loading={first.loading}
        dataSource={rows}
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
      {next && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button loading={busy} onClick={() => void loadMore()}>
            加载更多
          </Button>
        </div>
      )}
    </PageCard>
  );
}
