import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { TrackingItemDto as Row } from '../../../../core/contracts/tracking';
import { MATTER_FLAG_LABELS } from '../../../../core/settings';
import { describeLedgerFilters, lightWords, TRACKING_STATUS_LABELS } from '../../../../core/tracking';
import { api, qs } from '../../api/client';
import { useDivisions, useShowError } from '../../api/hooks';
import { useT } from '../../i18n';
import { formatTime } from '../../lib/time';
import { ledgerQueryFrom, ledgerSearch, type LedgerPage, type TrackingScope } from './ledger-query';
import './tracking.css';

/** Rows asked per page while the whole filtered ledger is read (the list's largest page). */
const PAGE = 100;

/**
 * 督办事项台账 for paper (R6.2): every row of the ledger under the address's
 * filters — all pages read — in a table styled for A4 landscape, headed by the
 * filters in words and the time it was printed.
 */
export default function PrintPage() {
  const t = useT();
  const navigate = useNavigate();
  const showError = useShowError();
  const [params] = useSearchParams();
  const query = useMemo(() => ledgerQueryFrom(params), [params]);
  const search = ledgerSearch(query);
  const divisions = useDivisions();
  const [loaded, setLoaded] = useState<{ scope: TrackingScope; items: Row[]; at: string } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    setFailed(false);
    void (async () => {
      const items: Row[] = [];
      let cursor: string | null = null;
      let scope: TrackingScope | undefined;
      try {
        do {
          const page: LedgerPage = await api.getUrl<LedgerPage>(
            `/api/tracking/items${qs({ ...ledgerQueryFrom(new URLSearchParams(search)), limit: PAGE, cursor })}`,
          );
          items.push(...page.items);
          scope = page.scope;
          cursor = page.nextCursor;
        } while (cursor && live);
        if (live && scope) setLoaded({ scope, items, at: new Date().toISOString() });
      } catch (e) {
        if (live) {
          setFailed(true);
          showError(e);
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [search, showError]);

  const filters = loaded
    ? describeLedgerFilters({
        ...query,
        scope: loaded.scope,
        needsCompletion: query.needsCompletion === undefined ? undefined : query.needsCompletion === 'true',
        divisionName: query.divisionId
          ? (divisions.find((d) => d.id === query.divisionId)?.name ?? '所选处室')
          : undefined,
        sourceNumber: query.sourceMinutesId
          ? (loaded.items.find((i) => i.sourceMinutesId === query.sourceMinutesId)?.sourceNumber ?? '所选纪要')
          : undefined,
      })
    : '';

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap className="no-print">
        <Button type="primary" icon={<PrinterOutlined />} disabled={!loaded} onClick={() => window.print()}>
          {t('tracking.print')}
        </Button>
        <Button onClick={() => navigate(`/tracking${search}`)}>{t('tracking.backToLedger')}</Button>
      </Space>
      {failed && <Alert type="error" showIcon message="台账未能完整读取，请返回台账后重试" />}
      {!loaded && !failed && <Spin style={{ display: 'block', marginTop: 64 }} />}
      {loaded && (
        <div className="ledger-print">
          <h1>督办事项台账</h1>
          <div className="ledger-print-meta">
            <span>{t('tracking.filters', { filters: filters || t('tracking.noFilters') })}</span>
            <span>{t('tracking.printedAt', { time: formatTime(loaded.at) })}</span>
            <span>{t('tracking.count', { n: loaded.items.length })}</span>
          </div>
          <table>
            <thead>
              <tr>
                {[
                  '序号',
                  '来源纪要',
                  '议题',
                  '议定事项',
                  '责任处室',
                  '责任人',
                  '协办人',
                  '原定时限',
                  '现时限',
                  '状态',
                  '灯号',
                  '逾期工作日',
                  '延期次数',
                  '事项标记',
                ].map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {loaded.items.map((r, n) => (
                <tr key={r.id}>
                  <td>{n + 1}</td>
                  <td>{r.sourceNumber}</td>
                  <td>{r.topicTitle}</td>
                  <td className="text">{r.decisionText}</td>
                  <td>{r.divisionName}</td>
                  <td>{r.responsibleName || '（待补全）'}</td>
                  <td>{r.coResponsible.map((p) => p.name).join('、')}</td>
                  <td>{r.originalDeadline ?? '—'}</td>
                  <td>{r.deadline ?? '—'}</td>
                  <td>{TRACKING_STATUS_LABELS[r.status]}</td>
                  <td>{lightWords(r)}</td>
                  <td>{r.overdueWorkingDays || ''}</td>
                  <td>{r.extensions || ''}</td>
                  <td>{r.matterFlags.map((f) => MATTER_FLAG_LABELS[f]).join('、')}</td>
                </tr>
              ))}
              {loaded.items.length === 0 && (
                <tr>
                  <td colSpan={14}>{t('tracking.empty')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </Space>
  );
}
