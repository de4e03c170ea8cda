import { useNavigate } from 'react-router';
import { List, Typography } from 'antd';
import type { CaseNoticeDto } from '../../../../core/contracts/accountability';
import { useCursorList } from '../../api/useCursorList';
import { useT } from '../../i18n';
import { LoadMore } from '../../layout/LoadMore';
import { PageCard } from '../../layout/PageCard';
import { StatusTag } from '../../layout/StatusTag';
import { formatTime } from '../../lib/time';

/** 我的问责通知 (R6.3): the cases the user is concerned in, each as its notice. */
export default function MyCasesPage() {
  const t = useT();
  const navigate = useNavigate();
  const list = useCursorList<CaseNoticeDto>('/api/cases/mine');
  return (
    <PageCard title={t('menu.myCases')}>
      <List
        loading={list.loading}
        locale={{ emptyText: t('case.noNotices') }}
        dataSource={list.items}
        renderItem={(n) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => navigate(`/cases/mine/${n.id}`)}>
            <List.Item.Meta
              title={
                <>
                  {t('case.notice')} <StatusTag kind="case" status={n.status} />
                </>
              }
              description={
                <>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {n.notice.text}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">{formatTime(n.notice.at)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <LoadMore list={list} />
    </PageCard>
  );
}
