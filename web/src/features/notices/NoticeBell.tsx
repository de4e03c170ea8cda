import { subjectPath } from '../../../../core/links';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { useCursorList, type CursorPage } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { formatTime } from '../../lib/time';

interface Notice {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** Where a notice's subject lives in the app. */
export function linkOf(n: Pick<Notice, 'subjectType' | 'subjectId'>): string {
  return subjectPath(n.subjectType, n.subjectId);
}

/** The bell: unread count, the latest notices (older ones on demand), mark read; each links to its subject. */
export function NoticeBell() {
  const list = useCursorList<Notice, CursorPage<Notice> & { unread: number }>('/api/notices', { limit: 10 });
  const data = { items: list.items, unread: list.first?.unread ?? 0 };
  const load = list.reload;
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  useEffect(() => {
    void load();
    const t = window.setInterval(() => void load(), 60_000);
    return () => window.clearInterval(t);
  }, [load]);

  const openNotice = async (n: Notice) => {
    if (!n.readAt) await api.post(`/api/notices/${n.id}/read`).catch(() => undefined);
    setOpen(false);
    navigate(linkOf(n));
    void load();
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
        <Button block type="link" onClick={() => void api.post('/api/notices/read-all').then(load)}>
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
      <Badge count={data.unread} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label="通知" />
      </Badge>
    </Popover>
  );
}
