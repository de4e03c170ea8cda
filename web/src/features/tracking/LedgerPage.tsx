import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Checkbox, DatePicker, InputNumber, Select, Space, Tabs, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import type { TrackingItemDto as Row } from '../../../../core/contracts/tracking';
import { LIGHTS, LIGHT_LABELS, TRACKING_STATUSES, TRACKING_STATUS_LABELS } from '../../../../core/tracking';
import { MATTER_FLAGS, MATTER_FLAG_LABELS } from '../../../../core/settings';
import { useDivisions } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { useMe } from '../../auth/session';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { dayjs } from '../../lib/time';
import { LoadMore } from '../../layout/LoadMore';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { StatusTag } from '../../layout/StatusTag';
import { LightTag } from './labels';
import {
  exportUrl,
  ledgerQueryFrom,
  ledgerSearch,
  type LedgerPage as Page,
  type LedgerQuery,
  type TrackingScope,
} from './ledger-query';

/** The divisions a scope spans, to filter by: none for 我的督办, or when it spans one division only. */
function useDivisionChoices(scope: TrackingScope | undefined): Array<{ value: string; label: string }> {
  const me = useMe();
  const all = useDivisions();
  if (scope === 'all') return all.map((d) => ({ value: d.id, label: d.name }));
  if (scope === 'supervised') return me.supervisedDivisions.map((d) => ({ value: d.id, label: d.name }));
  if (scope === 'division') {
    const led = me.memberships.filter((m) => m.position === 'head' || m.position === 'deputy');
    return led.length > 1 ? led.map((m) => ({ value: m.divisionId, label: m.divisionName })) : [];
  }
  return [];
}

/** The columns of the ledger (the print view and the XLSX carry the same facts). */
function ledgerColumns() {
  return [
    { title: '灯号', key: 'light', width: 130, render: (_: unknown, r: Row) => <LightTag item={r} /> },
    { title: '议定事项', dataIndex: 'decisionText', key: 'decisionText' },
    {
      title: '来源纪要',
      key: 'source',
      width: 170,
      render: (_: unknown, r: Row) => (
        <>
          <div>{r.sourceNumber}</div>
          <Typography.Text type="secondary">{r.topicTitle}</Typography.Text>
        </>
      ),
    },
    { title: '责任处室', dataIndex: 'divisionName', key: 'divisionName', width: 120 },
    {
      title: '责任人',
      key: 'responsible',
      width: 130,
      render: (_: unknown, r: Row) => (
        <>
          <div>{r.responsibleName || '（待补全）'}</div>
          {r.coResponsible.length > 0 && (
            <Typography.Text type="secondary">{`协办：${r.coResponsible.map((p) => p.name).join('、')}`}</Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '完成时限',
      key: 'deadline',
      width: 150,
      render: (_: unknown, r: Row) =>
        r.deadline ? (
          <>
            <div>{r.deadline}</div>
            {r.extensions > 0 && (
              <Typography.Text type="secondary">{`原定 ${r.originalDeadline ?? '—'}，延期 ${r.extensions} 次`}</Typography.Text>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: Row['status']) => <StatusTag kind="tracking" status={s} />,
    },
    {
      title: '逾期',
      dataIndex: 'overdueWorkingDays',
      key: 'overdue',
      width: 100,
      render: (n: number) => (n > 0 ? `${n} 个工作日` : ''),
    },
  ];
}

/** 督办台账 (R6.2): the items of the chosen scope, filtered by the address's query, page by page. */
export default function LedgerPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => ledgerQueryFrom(params), [params]);
  const list = useCursorList<Row, Page>('/api/tracking/items', { ...query });
  const scope = list.first?.scope ?? query.scope;
  const scopes = list.first?.scopes ?? [];
  const divisions = useDivisionChoices(scope);
  const set = (patch: Partial<LedgerQuery>) => setParams(ledgerSearch({ ...query, ...patch }), { replace: true });

  // The source minutes to filter by: those of the rows shown, and the one chosen.
  const sources = new Map(list.items.map((r) => [r.sourceMinutesId, r.sourceNumber]));
  if (query.sourceMinutesId && !sources.has(query.sourceMinutesId)) sources.set(query.sourceMinutesId, '所选纪要');
  const range = [query.deadlineFrom, query.deadlineTo].map((d) => (d ? dayjs(d) : null)) as [
    ReturnType<typeof dayjs> | null,
    ReturnType<typeof dayjs> | null,
  ];

  return (
    <PageCard
      title={t('tracking.title')}
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href={exportUrl(query)} download>
            {t('tracking.export')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/tracking/print${ledgerSearch(query)}`)}>
            {t('tracking.print')}
          </Button>
          {/* 考评: the server shows it to heads, supervising leaders, 监察室 and the bureau's leaders. */}
          {scopes.some((x) => x !== 'mine') && <Button onClick={() => navigate('/tracking/scores')}>督办考评</Button>}
        </Space>
      }
    >
      {scopes.length > 1 && (
        <Tabs
          activeKey={scope}
          onChange={(k) => set({ scope: k as TrackingScope, divisionId: undefined })}
          items={scopes.map((s) => ({ key: s, label: t(`tracking.scope.${s}` as MessageKey) }))}
        />
      )}
      <Space wrap style={{ marginBottom: 16 }} data-testid="ledger-filters">
        <Select
          style={{ width: 120 }}
          allowClear
          placeholder="状态"
          aria-label="状态"
          value={query.status}
          onChange={(v) => set({ status: v })}
          options={TRACKING_STATUSES.map((s) => ({ value: s, label: TRACKING_STATUS_LABELS[s] }))}
        />
        <Select
          style={{ width: 140 }}
          allowClear
          placeholder="灯号"
          aria-label="灯号"
          value={query.light}
          onChange={(v) => set({ light: v })}
          options={[...LIGHTS, 'stalled' as const].map((l) => ({ value: l, label: LIGHT_LABELS[l] }))}
        />
        {divisions.length > 0 && (
          <Select
            style={{ width: 160 }}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="责任处室"
            aria-label="责任处室"
            value={query.divisionId}
            onChange={(v) => set({ divisionId: v })}
            options={divisions}
          />
        )}
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={['时限自', '时限至']}
          value={range}
          onChange={(v) =>
            set({ deadlineFrom: v?.[0]?.format('YYYY-MM-DD'), deadlineTo: v?.[1]?.format('YYYY-MM-DD') })
          }
        />
        <InputNumber
          style={{ width: 190 }}
          min={1}
          max={3650}
          precision={0}
          addonBefore="逾期≥"
          addonAfter="工作日"
          aria-label="逾期工作日不少于"
          value={query.overdueDays ?? null}
          onChange={(v) => set({ overdueDays: v ?? undefined })}
        />
        <Select
          style={{ width: 130 }}
          allowClear
          placeholder="事项标记"
          aria-label="事项标记"
          value={query.matterFlag}
          onChange={(v) => set({ matterFlag: v })}
          options={MATTER_FLAGS.map((f) => ({ value: f, label: MATTER_FLAG_LABELS[f] }))}
        />
        <Select
          style={{ width: 150 }}
          allowClear
          placeholder="来源纪要"
          aria-label="来源纪要"
          value={query.sourceMinutesId}
          onChange={(v) => set({ sourceMinutesId: v })}
          options={[...sources].map(([value, label]) => ({ value, label }))}
        />
        <Checkbox
          checked={query.needsCompletion === 'true'}
          onChange={(e) => set({ needsCompletion: e.target.checked ? 'true' : undefined })}
        >
          待补全
        </Checkbox>
        <Button onClick={() => setParams(ledgerSearch({ scope: query.scope }), { replace: true })}>
          {t('common.reset')}
        </Button>
      </Space>
      <ResponsiveTable<Row>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('tracking.empty') }}
        onRow={(r) => ({ onClick: () => navigate(`/tracking/${r.id}`), style: { cursor: 'pointer' } })}
        columns={ledgerColumns()}
      />
      <LoadMore list={list} />
    </PageCard>
  );
}
