import { Button } from 'antd';
import { useI18n } from '../i18n';

/** The "load more" button under a cursor list (useCursorList); nothing once the last page is in. */
export function LoadMore({
  list,
}: {
  list: { hasMore: boolean; loadingMore: boolean; loadMore: () => Promise<void> };
}) {
  const { t } = useI18n();
  if (!list.hasMore) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 16 }}>
      <Button loading={list.loadingMore} onClick={() => void list.loadMore()}>
        {t('list.loadMore')}
      </Button>
    </div>
  );
}
