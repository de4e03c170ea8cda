import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Descriptions, Drawer, Grid, List, Select, Space, Tabs, Tag, Typography } from 'antd';
import type {
  ArchiveCheckDto,
  ArchiveDetailDto,
  CheckReportDto,
  DivisionYearDto,
} from '../../../../core/contracts/archive';
import type { CheckResult, DivisionYearState } from '../../../../core/archive';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { formatTime } from '../../lib/time';
import { AppraisalList } from './AppraisalList';

const STATE_COLORS: Record<DivisionYearState, string> = {
  archived: 'success',
  ready: 'processing',
  not_ready: 'warning',
  empty: 'default',
  year_open: 'default',
};
const RESULT_COLORS: Record<CheckResult, string> = { pass: 'success', fail: 'error', skip: 'default' };

/** The 四性检测 report as the server sent it: verdict, each property, each check, every problem by file. */
export function CheckReport({ report }: { report: CheckReportDto }) {
  const t = useT();
  return (
    <div data-testid="check-report">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('archive.verdict')}：</Typography.Text>
        <Tag color={report.ok ? 'success' : 'error'}>{t(report.ok ? 'archive.pass' : 'archive.fail')}</Tag>
        <Typography.Text type="secondary">
          {t('archive.checkedAt', { time: formatTime(report.checkedAt) })}
        </Typography.Text>
      </Space>
      {report.properties.map((p) => (
        <div key={p.property} style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            {p.label} <Tag color={RESULT_COLORS[p.result]}>{t(`archive.${p.result}` as MessageKey)}</Tag>
          </Typography.Text>
          <List
            size="small"
            dataSource={p.checks}
            renderItem={(c) => (
              <List.Item style={{ display: 'block' }}>
                <Tag color={RESULT_COLORS[c.result]}>{t(`archive.${c.result}` as MessageKey)}</Tag>
                {c.name}
                {c.scope && <Typography.Text type="secondary">（{c.scope}）</Typography.Text>}
                {c.problems.map((pr, i) => (
                  <div key={i} style={{ color: '#c00000', overflowWrap: 'anywhere', paddingInlineStart: 16 }}>
                    {pr.file && <code>{pr.file}</code>}
                    {pr.file ? '：' : ''}
                    {pr.message}
                  </div>
                ))}
              </List.Item>
            )}
          />
        </div>
      ))}
    </div>
  );
}

/** One archive: summary, items with their metadata and retention, the report at packaging, a fresh check. */
function ArchiveDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const showError = useShowError();
  const { data } = useGet(id ? '/api/archives/:id' : null, { id: id ?? '' });
  const [check, setCheck] = useState<ArchiveCheckDto | null>(null);
  const [checking, setChecking] = useState(false);
  const a: ArchiveDetailDto | undefined = data && data.id === id ? data : undefined;
  const recheck = async () => {
    if (!id) return;
    setChecking(true);
    try {
      setCheck(await api.get('/api/archives/:id/check', { id }));
    } catch (e) {
      showError(e);
    } finally {
      setChecking(false);
    }
  };
  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setCheck(null);
        onClose();
      }}
      width={screens.md ? 760 : '100%'}
      title={a ? t('archive.detailTitle', { division: a.divisionName, year: a.year }) : ''}
      destroyOnHidden
    >
      {a && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Button type="primary" href={`/api/archives/${a.id}/package.zip`}>
              {t('archive.download')}
            </Button>
            <Button href={`/api/archives/${a.id}/report.pdf`} target="_blank">
              {t('archive.reportPdf')}
            </Button>
            <Button loading={checking} onClick={() => void recheck()}>
              {t('archive.recheck')}
            </Button>
          </Space>
          {check && (
            <Alert
              type={check.report.ok && check.matchesLedger ? 'success' : 'error'}
              showIcon
              message={
                check.missing
                  ? t('archive.packageMissing')
                  : !check.matchesLedger
                    ? t('archive.ledgerMismatch')
                    : t(check.report.ok ? 'archive.recheckOk' : 'archive.recheckFailed')
              }
              description={!check.report.ok && <CheckReport report={check.report} />}
            />
          )}
          <Descriptions size="small" column={1} bordered title={t('archive.summary')}>
            <Descriptions.Item label={t('archive.archive')}>
              {t('archive.archivedBy', { name: a.archivedByName, time: formatTime(a.archivedAt) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.itemCount')}>{a.itemCount}</Descriptions.Item>
            <Descriptions.Item label={t('archive.fileCount')}>{a.fileCount}</Descriptions.Item>
            <Descriptions.Item label={t('archive.hashAlg')}>{a.hashAlg}</Descriptions.Item>
            <Descriptions.Item label={t('archive.sha256')}>
              <Typography.Text copyable code style={{ overflowWrap: 'anywhere' }}>
                {a.packageSha256}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.size')}>{t('archive.bytes', { n: a.packageSize })}</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{t('archive.offline')}</Typography.Text>
          <Typography.Title level={5}>{t('archive.items')}</Typography.Title>
          <ResponsiveTable
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.items}
            columns={[
              { title: t('archive.code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
              {
                title: t('archive.number'),
                dataIndex: 'number',
                render: (v: string, r) => <Link to={`/minutes/${r.minutesId}`}>{v}</Link>,
              },
              { title: t('archive.date'), dataIndex: 'docDate' },
              { title: t('archive.pages'), dataIndex: 'pages' },
              { title: t('archive.retention'), dataIndex: 'retentionLabel' },
              {
                title: t('archive.itemState'),
                dataIndex: 'stateLabel',
                render: (v: string, r) => <Tag color={r.state === 'kept' ? 'default' : 'error'}>{v}</Tag>,
              },
              {
                title: t('archive.decisions'),
                key: 'decisions',
                render: (_: unknown, r) =>
                  r.decisions.map((d) => (
                    <div key={d.id}>
                      {d.decisionLabel}（{d.reference}，{d.decidedByName} {formatTime(d.decidedAt)}）
                    </div>
                  )),
              },
            ]}
          />
          <Typography.Title level={5}>{t('archive.report')}</Typography.Title>
          <CheckReport report={a.report} />
        </Space>
      )}
    </Drawer>
  );
}

function YearsTab() {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const { data, loading, reload } = useGet('/api/archives', year ? { year } : {});
  const [open, setOpen] = useState<string | null>(params.get('archive'));
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<CheckReportDto | null>(null);

  const archive = (row: DivisionYearDto) =>
    modal.confirm({
      title: t('archive.confirmTitle', { division: row.divisionName, year: row.year }),
      content: t('archive.confirmBody'),
      okText: t('archive.archive'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(row.divisionId);
        try {
          const a = await api.post('/api/archives', { divisionId: row.divisionId, year: row.year });
          message.success(t('archive.done', { count: a.itemCount }));
          setOpen(a.id);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'ARCHIVE_CHECK_FAILED')
            setFailed((e.details as { report?: CheckReportDto } | undefined)?.report ?? null);
          showError(e);
        } finally {
          setBusy(null);
          await reload();
        }
      },
    });

  return (
    <>
      <Typography.Paragraph type="secondary">{t('archive.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('archive.year')}</span>
        <Select<number>
          aria-label={t('archive.year')}
          style={{ width: 140 }}
          value={data?.year}
          onChange={(y) =>
            setParams((p) => {
              const next = new URLSearchParams(p);
              next.set('year', String(y));
              return next;
            })
          }
          options={(data?.years ?? []).map((y) => ({ value: y, label: t('archive.yearOption', { year: y }) }))}
        />
      </Space>
      {failed && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailed(null) }}
          style={{ marginBottom: 16 }}
          message={t('archive.checkFailed')}
          description={<CheckReport report={failed} />}
        />
      )}
      <ResponsiveTable<DivisionYearDto>
        rowKey="divisionId"
        size="small"
        loading={loading}
        pagination={false}
        locale={{ emptyText: t('archive.empty') }}
        dataSource={data?.divisions ?? []}
        columns={[
          { title: t('archive.division'), dataIndex: 'divisionName' },
          { title: t('archive.minutesCount'), dataIndex: 'minutesCount' },
          {
            title: t('archive.state'),
            dataIndex: 'stateLabel',
            render: (v: string, r) => <Tag color={STATE_COLORS[r.state]}>{v}</Tag>,
          },
          {
            title: t('archive.reasons'),
            key: 'reasons',
            render: (_: unknown, r) =>
              r.archive ? (
                t('archive.archivedBy', { name: r.archive.archivedByName, time: formatTime(r.archive.archivedAt) })
              ) : r.blockers.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {r.blockers.map((b, i) => (
                    <li key={i}>{b.link ? <Link to={b.link}>{b.message}</Link> : b.message}</li>
                  ))}
                </ul>
              ) : null,
          },
          {
            title: t('archive.actions'),
            key: 'actions',
            render: (_: unknown, r) =>
              (r.archive || (data?.canManage && r.state === 'ready')) && (
                <Space wrap>
                  {r.archive && <Button onClick={() => setOpen(r.archive?.id ?? null)}>{t('archive.view')}</Button>}
                  {r.archive && (
                    <Button href={`/api/archives/${r.archive.id}/package.zip`}>{t('archive.download')}</Button>
                  )}
                  {!r.archive && data?.canManage && r.state === 'ready' && (
                    <Button type="primary" loading={busy === r.divisionId} onClick={() => archive(r)}>
                      {t('archive.archive')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <ArchiveDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

/**
 * 归档 (R5.7 / R1.3): the general office archives each division's ended year and appraises records
 * whose retention has run out; the supervision office reads the archives and checks them again.
 * What the page offers is what the server's answers allow (`canManage`, each item's abilities).
 */
export default function ArchivePage() {
  const t = useT();
  const { data } = useGet('/api/archives');
  const canManage = data?.canManage ?? false;
  return (
    <PageCard title={t('archive.title')}>
      <Tabs
        items={[
          { key: 'years', label: t('archive.tab.years'), children: <YearsTab /> },
          ...(canManage ? [{ key: 'appraisal', label: t('archive.tab.appraisal'), children: <AppraisalList /> }] : []),
        ]}
      />
    </PageCard>
  );
}
