import { Link, useSearchParams } from 'react-router';
import { Alert, Empty, Grid, InputNumber, List, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { SearchHitDto as Hit, SearchResultDto } from '../../../../core/contracts/search';
import { SEARCH_KINDS, type SearchKind } from '../../../../core/search';
import { MATTER_FLAGS, MATTER_FLAG_LABELS } from '../../../../core/settings';
import { TOPIC_STATUS_LABELS } from '../../../../core/topics';
import { TRACKING_STATUS_LABELS } from '../../../../core/tracking';
import { OUTCOME_LABELS, STANCE_LABELS } from '../../../../core/record';
import { useDivisions, useGet } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { LoadMore } from '../../layout/LoadMore';
import { PageCard } from '../../layout/PageCard';
import { Highlighted } from './Highlighted';
import { SearchInput } from './SearchBox';

const KIND_KEYS: Record<SearchKind, MessageKey> = {
  minutes: 'search.kind.minutes',
  record: 'search.kind.record',
  opinion: 'search.kind.opinion',
  decision: 'search.kind.decision',
  tracking: 'search.kind.tracking',
  topic: 'search.kind.topic',
  attachment: 'search.kind.attachment',
};

/** The statuses a kind's hits carry, for the status filter (shown once a kind is chosen). */
const STATUS_OPTIONS: Partial<Record<SearchKind, Record<string, string>>> = {
  minutes: { issued: '已印发', superseded: '已被更正' },
  opinion: STANCE_LABELS,
  decision: OUTCOME_LABELS,
  tracking: TRACKING_STATUS_LABELS,
  topic: TOPIC_STATUS_LABELS,
  attachment: TOPIC_STATUS_LABELS,
};

/**
 * 全文检索 (R1.3): the results of the header's search box, with the filters in the URL so a search
 * can be bookmarked and shared; each hit links to its place (the minutes' topic section, the
 * record's opinion). Only what the user may open ever reaches this page.
 */
export default function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  // On a phone the header shows only a search button: the box is here.
  const narrow = !Grid.useBreakpoint().lg;
  const q = params.get('q')?.trim() ?? '';
  const get = (k: string) => params.get(k) ?? undefined;
  const kind = get('kind') as SearchKind | undefined;
  const filters = {
    q,
    kind,
    divisionId: get('divisionId'),
    year: get('year'),
    category: get('category'),
    matterFlag: get('matterFlag'),
    status: get('status'),
    speakerId: get('speakerId'),
    limit: 20,
  };
  const list = useCursorList<Hit, SearchResultDto>(q ? '/api/search' : null, filters);
  const divisions = useDivisions();
  const categories = useGet('/api/settings/regime').data?.value.topicCategories ?? [];
  // The speaker filter: only opinions have a speaker, so the picker comes with the 发言 tab.
  const people = useGet(kind === 'opinion' || filters.speakerId ? '/api/people' : null).data ?? [];
  const set = (k: string, v: string | number | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v === null || v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    if (k === 'kind') next.delete('status');
    setParams(next);
  };
  const facets = list.first?.facets ?? {};
  const total = Object.values(facets).reduce((a, b) => a + (b ?? 0), 0);
  const statuses = kind ? STATUS_OPTIONS[kind] : undefined;

  return (
    <PageCard title={q ? t('search.resultsFor', { q }) : t('search.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {narrow && <SearchInput width="100%" />}
        <Space wrap>
          <Select
            style={{ width: 200 }}
            allowClear
            placeholder={t('search.allDivisions')}
            value={filters.divisionId}
            onChange={(v) => set('divisionId', v)}
            options={divisions.map((d) => ({ value: d.id, label: d.name }))}
          />
          <InputNumber
            min={1990}
            max={2200}
            placeholder={t('search.year')}
            value={filters.year ? Number(filters.year) : null}
            onChange={(v) => set('year', v)}
          />
          <Select
            style={{ width: 220 }}
            allowClear
            placeholder={t('search.category')}
            value={filters.category}
            onChange={(v) => set('category', v)}
            options={categories.map((c) => ({ value: c, label: c }))}
          />
          <Select
            style={{ width: 160 }}
            allowClear
            placeholder={t('search.matterFlag')}
            value={filters.matterFlag}
            onChange={(v) => set('matterFlag', v)}
            options={MATTER_FLAGS.map((f) => ({ value: f, label: MATTER_FLAG_LABELS[f] }))}
          />
          {statuses && (
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder={t('search.status')}
              value={filters.status}
              onChange={(v) => set('status', v)}
              options={Object.entries(statuses).map(([value, label]) => ({ value, label }))}
            />
          )}
          {(kind === 'opinion' || filters.speakerId) && (
            <Select
              style={{ width: 200 }}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('search.speaker')}
              value={filters.speakerId}
              onChange={(v) => set('speakerId', v)}
              options={people.map((p) => ({
                value: p.userId,
                label: p.divisionName ? `${p.name}（${p.divisionName}）` : p.name,
              }))}
            />
          )}
        </Space>
        <Tabs
          activeKey={kind ?? 'all'}
          onChange={(k) => set('kind', k === 'all' ? null : k)}
          items={[
            { key: 'all', label: `${t('search.kind.all')}${q ? ` ${total}` : ''}` },
            ...SEARCH_KINDS.map((k) => ({ key: k, label: `${t(KIND_KEYS[k])} ${facets[k] ?? 0}` })),
          ]}
        />
        {list.first?.prefix && <Alert type="info" showIcon message={t('search.prefix')} />}
        {!q ? (
          <Empty description={t('search.hint')} />
        ) : (
          <List<Hit>
            loading={list.loading}
            dataSource={list.items}
            locale={{ emptyText: <Empty description={t('search.none')} /> }}
            renderItem={(h) => (
              <List.Item key={`${h.kind}:${h.link}`}>
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <Tag>{t(KIND_KEYS[h.kind])}</Tag>
                      {h.superseded && <Tag color="orange">{t('search.superseded')}</Tag>}
                      <Link to={h.link}>
                        <Highlighted text={h.title} ranges={h.titleHighlights} />
                      </Link>
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      {h.snippet && (
                        <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                          <Highlighted text={h.snippet} ranges={h.highlights} />
                        </Typography.Text>
                      )}
                      <Typography.Text type="secondary">{`${h.divisionName} · ${h.day}`}</Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
        <LoadMore list={list} />
        <Typography.Text type="secondary">{t('search.scansNote')}</Typography.Text>
      </Space>
    </PageCard>
  );
}
