import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import { Alert, Button, Collapse, DatePicker, Drawer, Grid, List, Select, Space, Table, Tag, Typography } from 'antd';
import { dayjs, formatTime, TZ } from '../../lib/time';
import type {
  ComplianceCellDto,
  ComplianceMatrixDto,
  ComplianceScoreDto,
  EvidenceDto,
} from '../../../../core/contracts/oversight';
import type { CellResult, ComplianceCheck, EvidenceState } from '../../../../core/compliance';
import { complianceScope } from '../../../../core/policy';
import { useGet } from '../../api/hooks';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageCard } from '../../layout/PageCard';
import { TrendChart } from './TrendChart';

type Row = ComplianceMatrixDto['rows'][number];

const RESULT_COLORS: Record<CellResult, string> = { pass: 'success', fail: 'error', na: 'default' };
const STATE_COLORS: Record<EvidenceState, string> = {
  ok: 'success',
  problem: 'error',
  pending: 'processing',
  skipped: 'default',
};

/** The last full month in Shanghai: what the office inspects by default. */
export function lastFullMonth(now = dayjs()): string {
  return now.tz(TZ).startOf('month').subtract(1, 'month').format('YYYY-MM');
}

/** The periods the score and the trends cover, in months ending with the month inspected. */
const SPANS = [3, 6, 12] as const;
type Span = (typeof SPANS)[number];

/** The month `n − 1` months before `month` (YYYY-MM): the start of a period of `n` months. */
export function periodStart(month: string, n: number): string {
  return dayjs(`${month}-01`)
    .subtract(n - 1, 'month')
    .format('YYYY-MM');
}

/** A score in words: the number, or 不计分 when nothing weighted was applicable. */
function ScoreText({ score }: { score: ComplianceScoreDto }) {
  const t = useT();
  return (
    <span title={t('oversight.scoreDetail', { passed: score.passedWeight, applicable: score.applicableWeight })}>
      {score.score === null ? t('oversight.noScore') : score.score.toFixed(1)}
    </span>
  );
}

function CellButton({ cell, onOpen }: { cell: ComplianceCellDto; onOpen: () => void }) {
  const t = useT();
  return (
    <Button
      type="text"
      size="small"
      onClick={onOpen}
      aria-label={t(`oversight.result.${cell.result}` as MessageKey)}
      title={cell.note ?? undefined}
      style={{ padding: 0 }}
    >
      <Tag color={RESULT_COLORS[cell.result]} style={{ marginInlineEnd: 0, cursor: 'pointer' }}>
        {t(`oversight.result.${cell.result}` as MessageKey)}
        {cell.counts.problem > 0 ? `（${cell.counts.problem}）` : ''}
      </Tag>
    </Button>
  );
}

function EvidenceDrawer({
  open,
  divisionId,
  month,
  check,
  onClose,
}: {
  open: boolean;
  divisionId: string;
  month: string;
  check: ComplianceCheck;
  onClose: () => void;
}) {
  const t = useT();
  const { data, loading } = useGet(open ? '/api/oversight/compliance/cell' : null, { divisionId, month, check });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={Math.min(640, typeof window === 'undefined' ? 640 : window.innerWidth)}
      title={
        data
          ? `${data.divisionName} · ${data.month} · ${data.definition.name}（${data.definition.clause}）`
          : t('oversight.evidence')
      }
      loading={loading && !data}
    >
      {data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={RESULT_COLORS[data.result]}>{t(`oversight.result.${data.result}` as MessageKey)}</Tag>
            {data.soFar && <Tag>{t('oversight.soFar')}</Tag>}
            <Typography.Text type="secondary">
              {t('oversight.counts', {
                ok: data.counts.ok,
                problem: data.counts.problem,
                pending: data.counts.pending,
                skipped: data.counts.skipped,
              })}
            </Typography.Text>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {data.definition.rule}
          </Typography.Paragraph>
          {data.note && <Alert type={data.result === 'fail' ? 'error' : 'info'} title={data.note} />}
          <List<EvidenceDto>
            size="small"
            dataSource={data.evidence}
            locale={{ emptyText: t('oversight.noEvidence') }}
            renderItem={(e) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Tag color={STATE_COLORS[e.state]}>{t(`oversight.state.${e.state}` as MessageKey)}</Tag>
                      {e.link ? <Link to={e.link}>{e.label}</Link> : <span>{e.label}</span>}
                    </Space>
                  }
                  description={e.detail}
                />
              </List.Item>
            )}
          />
          <Typography.Text type="secondary">{t('oversight.asOf', { time: formatTime(data.asOf) })}</Typography.Text>
        </Space>
      )}
    </Drawer>
  );
}

/**
 * 监督检查 (R6.4): the compliance matrix for one month — divisions by checks, each
 * cell 达标 / 未达标 / 不适用 in words and colour; a cell opens its evidence with
 * links to the meetings, minutes, topics and tracked items. The month and the
 * opened cell live in the URL. On a phone each division is a card of its checks.
 */
export default function OversightPage() {
  const t = useT();
  const { can, me } = useSession();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(params.get('month') ?? '')
    ? (params.get('month') as string)
    : lastFullMonth();
  const span: Span = SPANS.find((n) => String(n) === params.get('span')) ?? 12;
  const from = periodStart(month, span);
  const { data, loading } = useGet('/api/oversight/compliance', { from, to: month });
  const open = { divisionId: params.get('division'), check: params.get('check') as ComplianceCheck | null };
  const setOpen = (divisionId: string | null, check: ComplianceCheck | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (divisionId && check) {
        next.set('division', divisionId);
        next.set('check', check);
      } else {
        next.delete('division');
        next.delete('check');
      }
      return next;
    });
  const checks = data?.checks ?? [];
  // The grid shows the month inspected: the period's last.
  const cellsOf = (r: Row) => r.months.at(-1)?.cells ?? [];
  const soFar = data?.months.at(-1)?.soFar ?? false;
  // The page names the reader's scope by the same rule the server filters the rows with.
  const scope = me
    ? complianceScope({
        roles: me.roles,
        memberships: me.memberships,
        supervisedDivisionIds: me.supervisedDivisions.map((d) => d.id),
      })
    : null;

  return (
    <PageCard
      title={t('oversight.title')}
      extra={
        <Space wrap>
          {can('register.manage') && <Button onClick={() => navigate('/oversight/registers')}>登记簿核对</Button>}
          <DatePicker
            picker="month"
            aria-label={t('oversight.month')}
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(v) => {
              if (v)
                setParams((p) => {
                  const next = new URLSearchParams(p);
                  next.set('month', v.format('YYYY-MM'));
                  return next;
                });
            }}
          />
          <Select<Span>
            aria-label={t('oversight.span')}
            value={span}
            style={{ width: 150 }}
            options={SPANS.map((n) => ({ value: n, label: t('oversight.spanMonths', { n }) }))}
            onChange={(n) =>
              setParams((p) => {
                const next = new URLSearchParams(p);
                next.set('span', String(n));
                return next;
              })
            }
          />
        </Space>
      }
    >
      {scope && (
        <Typography.Paragraph type="secondary" data-testid="oversight-scope">
          {scope.kind === 'bureau'
            ? t('oversight.scope.bureau')
            : `${t('oversight.scope.divisions', { names: (data?.rows ?? []).map((r) => r.divisionName).join('、') })}。${t('oversight.scope.hint')}`}
        </Typography.Paragraph>
      )}
      {soFar && <Alert type="info" title={t('oversight.soFarNote', { month })} style={{ marginBottom: 16 }} />}
      {data && data.rows.length > 0 && (
        <section data-testid="oversight-trend" style={{ marginBottom: 16, overflowX: 'auto' }}>
          <Typography.Text strong>
            {data.scope === 'bureau' ? t('oversight.trendBureau') : t('oversight.trendScope')}
          </Typography.Text>
          <TrendChart
            points={data.trend}
            label={data.scope === 'bureau' ? t('oversight.trendBureau') : t('oversight.trendScope')}
          />
          <Typography.Text type="secondary">{t('oversight.trendNote')}</Typography.Text>
        </section>
      )}
      {screens.lg ? (
        <Table<Row>
          rowKey="divisionId"
          size="small"
          loading={loading}
          pagination={false}
          scroll={{ x: 960 }}
          dataSource={data?.rows ?? []}
          locale={{ emptyText: t('oversight.empty') }}
          columns={[
            { title: t('oversight.division'), dataIndex: 'divisionName', fixed: 'left', width: 140 },
            ...checks.map((c, i) => ({
              key: c.id,
              title: (
                <span title={c.rule}>
                  {c.name}
                  <br />
                  <Typography.Text type="secondary">{c.clause}</Typography.Text>
                </span>
              ),
              render: (_: unknown, r: Row) => {
                const cell = cellsOf(r)[i];
                return cell ? <CellButton cell={cell} onOpen={() => setOpen(r.divisionId, c.id)} /> : null;
              },
            })),
            {
              key: 'score',
              title: (
                <span>
                  {t('oversight.score')}
                  <br />
                  <Typography.Text type="secondary">{t('oversight.spanMonths', { n: span })}</Typography.Text>
                </span>
              ),
              width: 90,
              render: (_: unknown, r: Row) => <ScoreText score={r.score} />,
            },
            {
              key: 'trend',
              title: t('oversight.trend'),
              width: 110,
              render: (_: unknown, r: Row) => (
                <TrendChart compact points={r.trend} label={t('oversight.trendOf', { name: r.divisionName })} />
              ),
            },
          ]}
        />
      ) : (
        <List<Row>
          loading={loading}
          dataSource={data?.rows ?? []}
          locale={{ emptyText: t('oversight.empty') }}
          renderItem={(r) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Typography.Text strong>{r.divisionName}</Typography.Text>
                <div style={{ display: 'flex', justifyContent: 'space-between', padding: '2px 0' }}>
                  <span>
                    {t('oversight.score')}{' '}
                    <Typography.Text type="secondary">{t('oversight.spanMonths', { n: span })}</Typography.Text>
                  </span>
                  <ScoreText score={r.score} />
                </div>
                <div style={{ display: 'flex', justifyContent: 'space-between', padding: '2px 0' }}>
                  <span>{t('oversight.trend')}</span>
                  <TrendChart compact points={r.trend} label={t('oversight.trendOf', { name: r.divisionName })} />
                </div>
                {checks.map((c, i) => {
                  const cell = cellsOf(r)[i];
                  return (
                    <div key={c.id} style={{ display: 'flex', justifyContent: 'space-between', padding: '2px 0' }}>
                      <span>
                        {c.name} <Typography.Text type="secondary">{c.clause}</Typography.Text>
                      </span>
                      {cell && <CellButton cell={cell} onOpen={() => setOpen(r.divisionId, c.id)} />}
                    </div>
                  );
                })}
              </div>
            </List.Item>
          )}
        />
      )}
      {data && (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'formula',
              label: (
                <span data-testid="oversight-total">
                  {t('oversight.total', { from: data.from, to: data.to })}
                  <Typography.Text strong>
                    <ScoreText score={data.scoring.total} />
                  </Typography.Text>
                  {t('oversight.formulaShow')}
                </span>
              ),
              children: (
                <div data-testid="oversight-formula">
                  <Typography.Paragraph strong>{data.scoring.formula}</Typography.Paragraph>
                  <ul style={{ paddingInlineStart: 20, marginBottom: 0 }}>
                    {data.scoring.notes.map((n) => (
                      <li key={n}>
                        <Typography.Text type="secondary">{n}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                </div>
              ),
            },
          ]}
        />
      )}
      {open.divisionId && open.check && (
        <EvidenceDrawer
          open
          divisionId={open.divisionId}
          month={month}
          check={open.check}
          onClose={() => setOpen(null, null)}
        />
      )}
    </PageCard>
  );
}
