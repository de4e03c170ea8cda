import { subjectPath } from '../../../../core/links';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { NoticeDto, NoticesPageDto } from '../../../../core/contracts/notices';
import { api } from '../../api/client';
import { useRefreshWorkbench, useWorkbench } from '../workbench/useWorkbench';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { formatTime } from '../../lib/time';

/** Where a notice's subject lives in the app. */
export function linkOf(n: Pick<NoticeDto, 'subjectType' | 'subjectId'>): string {
  return subjectPath(n.subjectType, n.subjectId);
}

/**
 * The bell: unread count, the latest notices (older ones on demand), mark read; each links to its subject.
 * The count comes from the shell's workbench poller; the list follows it.
 */
export function NoticeBell() {
  const list = useCursorList<NoticeDto, NoticesPageDto>('/api/notices', { limit: 10 });
  const data = { items: list.items, unread: list.first?.unread ?? 0 };
  const load = list.reload;
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const wb = useWorkbench();
  const refreshWorkbench = useRefreshWorkbench();
  /** After marking read: the list and the poller's count. */
  const reloadAll = useCallback(() => {
    void load();
    refreshWorkbench();
  }, [load, refreshWorkbench]);
  // The poller's count moved: a new notice or one read elsewhere; the list follows.
  const unread = wb?.unreadNotices;
  useEffect(() => {
    if (unread !== undefined) void load();
  }, [unread, load]);

  const openNotice = async (n: NoticeDto) => {
    if (!n.readAt) await api.post('/api/notices/:id/read', { id: n.id }).catch(() => undefined);
    setOpen(false);
    navigate(linkOf(n));
    reloadAll();
  };

  const content = (
    <div style={{ width: 340, maxWidth: '80vw' }}>
      {data.items.length === 0 ? (
        <Empty description="暂无通知" />
      ) : (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }} onClick={() => void openNotice(n)}>
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, whiteSpace: 'pre-line' }}>
                      {n.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <LoadMore list={list} />
      {data.unread > 0 && (
        <Button block type="link" onClick={() => void api.post('/api/notices/read-all').then(reloadAll)}>
          全部标为已读
        </Button>
      )}
    </div>
  );
  return (
    <Popover
      content={content}
      title="通知"
      trigger="click"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
      placement="bottomRight"
    >
      <Badge count={unread ?? data.unread} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label="通知" />
      </Badge>
    </Popover>
  );
}
