import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEventDto } from '../../../../core/contracts/audit';
import { api } from '../../api/client';
import { useShowError } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { useI18n } from '../../i18n';
import { dayjs, formatTime, TZ } from '../../lib/time';
import { AUDIT_EVENTS } from '../../../../core/audit-events';
import { ResponsiveTable } from '../../layout/ResponsiveTable';

interface Filter {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  outcome?: 'success' | 'failure';
}

/** 审计日志: browse and filter the hash-chained log; verify the chain. */
export default function AuditPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const [filter, setFilter] = useState<Filter>({});
  const list = useCursorList<AuditEventDto>('/api/audit/events', { ...filter });
  const [verify, setVerify] = useState<{ ok: boolean; count: number; brokenAt?: number; reason?: string } | null>(null);

  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <Card
      title={t('menu.audit')}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          onClick={() => void api.get('/api/audit/verify').then(setVerify, showError)}
        >
          校验日志链
        </Button>
      }
    >
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.ok ? 'success' : 'error'}
          message={
            verify.ok
              ? `日志链完整：共 ${verify.count} 条事件，哈希校验全部通过。`
              : `日志链被破坏：第 ${verify.brokenAt} 条事件校验失败（${verify.reason ?? ''}），此前 ${verify.count} 条完整。`
          }
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          showTime
          onChange={(r) =>
            set({
              from: r?.[0] ? dayjs.tz(r[0].format('YYYY-MM-DD HH:mm:ss'), TZ).format() : undefined,
              to: r?.[1] ? dayjs.tz(r[1].format('YYYY-MM-DD HH:mm:ss'), TZ).format() : undefined,
            })
          }
        />
        <Select
          allowClear
          showSearch
          placeholder="操作"
          style={{ width: 180 }}
          options={Object.entries(AUDIT_EVENTS).map(([value, e]) => ({ value, label: e.label }))}
          onChange={(action?: string) => set({ action })}
        />
        <Input.Search
          placeholder="操作人姓名"
          allowClear
          maxLength={64}
          style={{ width: 180 }}
          onSearch={(actor) => set({ actor: actor || undefined })}
        />
        <Select
          allowClear
          placeholder="结果"
          style={{ width: 120 }}
          options={[
            { value: 'success', label: '成功' },
            { value: 'failure', label: '失败' },
          ]}
          onChange={(outcome?: 'success' | 'failure') => set({ outcome })}
        />
      </Space>
      <ResponsiveTable<AuditEventDto>
        rowKey="seq"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        scroll={{ x: 900 }}
        pagination={false}
        expandable={{
          expandedRowRender: (e) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.data, null, 2)}</pre>
              <Typography.Text type="secondary" copyable>
                {e.hash}
              </Typography.Text>
            </Space>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'occurredAt', render: (v: string) => formatTime(v), width: 150 },
          { title: '操作人', dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
          { title: '操作', dataIndex: 'actionLabel' },
          {
            title: '对象',
            key: 'subject',
            render: (_, e) => e.subjectName ?? (e.subjectId ? '（已删除的对象）' : '—'),
          },
          {
            title: '结果',
            dataIndex: 'outcome',
            render: (o: string) => (o === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
          },
          { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <LoadMore list={list} />
    </Card>
  );
}
