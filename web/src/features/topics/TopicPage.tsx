import { useHashScroll } from '../../lib/useHashScroll';
import { AddFlagsButton } from './AddFlagsButton';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Descriptions,
  List,
  Popconfirm,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { TopicDto } from '../../../../core/contracts/topics';
import { MATTER_FLAG_LABELS } from '../../../../core/settings';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { formatTime } from '../../lib/time';
import { TopicForm, type TopicFormValues } from './TopicForm';
import { TOPIC_EVENT_LABELS } from './labels';
import { PageCard } from '../../layout/PageCard';
import { StatusTag } from '../../layout/StatusTag';
import { ReasonDialog } from '../../layout/ReasonDialog';
import { CommentButton } from '../../layout/CommentButton';

function size(n: number): string {
  return n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** One topic: content, written material, the actions the server allows, history. */
export default function TopicPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: t, set: setT, reload: load } = useGet('/api/topics/:id', { id });
  // R1.3: a search hit on a file opens the topic at it.
  useHashScroll(!!t);
  const [editing, setEditing] = useState(false);
  const [returning, setReturning] = useState(false);

  const run = async (fn: () => Promise<TopicDto>, done: string) => {
    try {
      setT(await fn());
      message.success(done);
    } catch (e) {
      showError(e);
      if (e instanceof ApiError && e.code === 'CONFLICT') void load();
    }
  };

  if (!t) return <Spin style={{ display: 'block', marginTop: 64 }} />;
  const upload = async (file: File) => {
    try {
      await api.upload('POST /api/topics/:id/attachments', { id: t.id }, file, file.name);
      message.success(`已上传：${file.name}`);
      await load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={
          <Space wrap>
            <span>{t.title}</span>
            <StatusTag kind="topic" status={t.status} />
            {t.importantMatter && <Tag color="red">重要事项</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {t.abilities.edit && <Button onClick={() => setEditing(true)}>修改</Button>}
            {t.abilities.submit && (
              <Button
                type="primary"
                onClick={() =>
                  void run(
                    () => api.post('/api/topics/:id/submit', { id: t.id }, { version: t.version }),
                    '已提交，等待处长审核',
                  )
                }
              >
                提交审核
              </Button>
            )}
            {t.abilities.approve && (
              <CommentButton
                type="primary"
                title="同意列入议题"
                okText="确认同意"
                onConfirm={(comment) =>
                  run(
                    () =>
                      api.post(
                        '/api/topics/:id/approve',
                        { id: t.id },
                        { version: t.version, ...(comment ? { comment } : {}) },
                      ),
                    '已同意列入议题',
                  )
                }
              >
                同意
              </CommentButton>
            )}
            {t.abilities.return && (
              <Button danger onClick={() => setReturning(true)}>
                退回
              </Button>
            )}
            {t.abilities.addFlags && (
              <AddFlagsButton
                topic={t}
                onSubmit={(body) =>
                  run(
                    () => api.post('/api/topics/:id/flags', { id: t.id }, { version: t.version, ...body }),
                    '已补充标注',
                  )
                }
              />
            )}
            {t.abilities.withdraw && (
              <Popconfirm
                title="撤回后议题不再参加审核和上会，确定？"
                onConfirm={() =>
                  void run(() => api.post('/api/topics/:id/withdraw', { id: t.id }, { version: t.version }), '已撤回')
                }
              >
                <Button>撤回</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="处室">{t.divisionName}</Descriptions.Item>
          <Descriptions.Item label="提出人">{t.proposerName}</Descriptions.Item>
          <Descriptions.Item label="内容分类">{t.category}</Descriptions.Item>
          <Descriptions.Item label="涉及事项">
            {t.matterFlags.length === 0 ? '—' : t.matterFlags.map((f) => <Tag key={f}>{MATTER_FLAG_LABELS[f]}</Tag>)}
            {t.fundsAmountYuan &&
              `金额：${Number(t.fundsAmountYuan).toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`}
          </Descriptions.Item>
          {t.returnReason && (
            <Descriptions.Item label="退回理由" span={2}>
              <Typography.Text type="danger">{t.returnReason}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>
          {t.description || '（无议题说明）'}
        </Typography.Paragraph>
      </PageCard>
      <Card
        title="书面材料"
        extra={
          t.abilities.upload && (
            <Upload
              showUploadList={false}
              beforeUpload={(f) => {
                void upload(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>上传</Button>
            </Upload>
          )
        }
      >
        <List
          locale={{ emptyText: '暂无书面材料' }}
          dataSource={t.attachments}
          renderItem={(a) => (
            <List.Item
              id={`attachment-${a.id}`}
              actions={
                t.abilities.upload
                  ? [
                      <Popconfirm
                        key="d"
                        title="删除该材料？"
                        onConfirm={() =>
                          void api
                            .del('/api/topics/:id/attachments/:attachmentId', { id: t.id, attachmentId: a.id })
                            .then(load, showError)
                        }
                      >
                        <Button type="text" icon={<DeleteOutlined />} aria-label="删除" />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                avatar={<PaperClipOutlined />}
                title={<a href={`/api/topics/${t.id}/attachments/${a.id}`}>{a.filename}</a>}
                description={`${size(a.size)} · ${a.uploadedBy} · ${formatTime(a.createdAt)}`}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title="办理过程">
        <Timeline
          items={t.history.map((h) => ({
            children: (
              <>
                <Typography.Text strong>{TOPIC_EVENT_LABELS[h.action] ?? h.action}</Typography.Text> · {h.actorName} ·{' '}
                {formatTime(h.at)}
                {h.note &&
                  h.action !== 'scheduled' &&
                  h.action !== 'unscheduled' &&
                  h.action !== 'discussed' &&
                  h.action !== 'deferred' && (
                    <div>
                      <Typography.Text type="secondary">{h.note}</Typography.Text>
                    </div>
                  )}
              </>
            ),
          }))}
        />
      </Card>
      <TopicForm
        topic={t}
        open={editing}
        onCancel={() => setEditing(false)}
        onSubmit={async (v: TopicFormValues) => {
          const { divisionId: _d, ...rest } = v;
          await run(
            () =>
              api.put(
                '/api/topics/:id',
                { id: t.id },
                {
                  ...rest,
                  fundsAmountYuan: v.matterFlags.includes('funds') ? v.fundsAmountYuan : null,
                  version: t.version,
                },
              ),
            '已保存',
          );
          setEditing(false);
        }}
      />
      <ReasonDialog
        open={returning}
        title="退回议题"
        okText="退回"
        danger
        placeholder="请写明退回理由，提出人将收到通知"
        onCancel={() => setReturning(false)}
        onSubmit={(reason) =>
          run(() => api.post('/api/topics/:id/return', { id: t.id }, { version: t.version, reason }), '已退回').then(
            () => setReturning(false),
          )
        }
      />
    </Space>
  );
}
