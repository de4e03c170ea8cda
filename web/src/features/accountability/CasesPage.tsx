import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { Button, Select, Space } from 'antd';
import type { CaseSummaryDto as Row } from '../../../../core/contracts/accountability';
import {
  CASE_KINDS,
  CASE_KIND_LABELS,
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  type CaseKind,
  type CaseStatus,
} from '../../../../core/accountability';
import { useDivisions } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { LoadMore } from '../../layout/LoadMore';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { StatusTag } from '../../layout/StatusTag';
import { formatTime } from '../../lib/time';
import { OpenCaseDialog } from './OpenCaseDialog';

/**
 * 问责 (R6.3): the unit's accountability cases for the supervision office, the
 * discipline secretary and the principal leaders, by status, source and
 * division. At /cases/new (?itemId=…) the registration dialog opens at once.
 */
export default function CasesPage() {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [search] = useSearchParams();
  const divisions = useDivisions();
  const [status, setStatus] = useState<CaseStatus>();
  const [kind, setKind] = useState<CaseKind>();
  const [divisionId, setDivisionId] = useState<string>();
  const list = useCursorList<Row>('/api/cases', { status, kind, divisionId });
  const opening = location.pathname === '/cases/new';
  const itemId = search.get('itemId') ?? undefined;

  return (
    <PageCard
      title={t('case.list')}
      extra={
        <Space wrap>
          <Select
            style={{ width: 140 }}
            allowClear
            placeholder="全部状态"
            value={status}
            onChange={setStatus}
            options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
          />
          <Select
            style={{ width: 220 }}
            allowClear
            placeholder="全部来源"
            value={kind}
            onChange={setKind}
            options={CASE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] }))}
          />
          <Select
            style={{ width: 180 }}
            allowClear
            placeholder="全部处室"
            value={divisionId}
            onChange={setDivisionId}
            options={divisions.map((d) => ({ value: d.id, label: d.name }))}
          />
          {can('case.open') && (
            <Button type="primary" onClick={() => navigate('/cases/new')}>
              {t('case.open')}
            </Button>
          )}
        </Space>
      }
    >
      <ResponsiveTable<Row>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: '暂无问责案件' }}
        onRow={(r) => ({ onClick: () => navigate(`/cases/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('case.title'), dataIndex: 'title' },
          {
            title: t('case.kind'),
            dataIndex: 'kind',
            width: 200,
            render: (k: CaseKind) => CASE_KIND_LABELS[k],
          },
          { title: t('case.division'), dataIndex: 'divisionName', width: 140, render: (n: string | null) => n ?? '—' },
          {
            title: t('case.subjects'),
            dataIndex: 'subjects',
            width: 140,
            render: (s: Row['subjects']) => (s.length ? s.map((p) => p.name).join('、') : '—'),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: CaseStatus) => <StatusTag kind="case" status={s} />,
          },
          { title: t('case.openedAt'), dataIndex: 'openedAt', width: 150, render: formatTime },
        ]}
      />
      <LoadMore list={list} />
      {can('case.open') && (
        <OpenCaseDialog
          open={opening}
          itemId={itemId}
          onCancel={() => navigate('/cases')}
          onOpened={(c) => navigate(`/cases/${c.id}`, { replace: true })}
        />
      )}
    </PageCard>
  );
}
