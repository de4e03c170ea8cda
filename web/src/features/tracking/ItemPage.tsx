import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, List, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { TrackingDetailDto } from '../../../../core/contracts/tracking';
import { MATTER_FLAG_LABELS } from '../../../../core/settings';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useT } from '../../i18n';
import { useSession } from '../../auth/session';
import { formatTime } from '../../lib/time';
import { CommentButton } from '../../layout/CommentButton';
import { PageCard } from '../../layout/PageCard';
import { ReasonDialog } from '../../layout/ReasonDialog';
import { StatusTag } from '../../layout/StatusTag';
import { AssignDialog, ExtensionDialog, ReportDialog, TerminateDialog } from './ItemDialogs';
import { EVENT_LABELS, EXTENSION_STATUS, LightTag } from './labels';

type Event = TrackingDetailDto['timeline'][number];

function size(n: number): string {
  return n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function EventBody({ item, e }: { item: TrackingDetailDto; e: Event }) {
  // A reminder's read receipts (the reminder jobs add them; other events have none).
  const receipts = e.receipts;
  const from = typeof e.data.from === 'string' ? e.data.from : null;
  const to = typeof e.data.to === 'string' ? e.data.to : null;
  return (
    <>
      <Typography.Text strong>{EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>
      {` · ${e.actorName || '系统'} · ${formatTime(e.at)}`}
      {e.kind.startsWith('extension_') && from && to && (
        <div>
          <Typography.Text type="secondary">{`完成时限 ${from} → ${to}`}</Typography.Text>
        </div>
      )}
      {e.text && <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>}
      {e.attachments.map((a) => (
        <div key={a.id}>
          <PaperClipOutlined /> <a href={`/api/tracking/items/${item.id}/attachments/${a.id}`}>{a.filename}</a>
          <Typography.Text type="secondary">{` ${size(a.size)}`}</Typography.Text>
        </div>
      ))}
      {receipts.length > 0 && (
        <div>
          {receipts.map((r) => (
            <Tag key={r.userId} color={r.readAt ? 'success' : 'default'}>
              {r.readAt ? `${r.name} 已阅 ${formatTime(r.readAt)}` : `${r.name} 未阅`}
            </Tag>
          ))}
        </div>
      )}
    </>
  );
}

type Dialog = 'assign' | 'report' | 'completion' | 'return' | 'extension' | 'terminate' | null;

/** 督办事项 (R6.2): the decision, its source, who and by when, its light, the whole timeline, and the actions allowed. */
export default function ItemPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: item, set, reload } = useGet('/api/tracking/items/:id', { id });
  const [dialog, setDialog] = useState<Dialog>(null);
  const { can } = useSession();

  if (!item) return <Spin style={{ display: 'block', marginTop: 64 }} />;
  const a = item.abilities;
  const pending = item.extensionRequests.find((x) => x.status === 'pending');
  const close = () => setDialog(null);

  /** Runs a command with the item's version; a 409 reloads the item (a stale version says so). */
  const run = async (fn: (version: number) => Promise<TrackingDetailDto>, done: string) => {
    try {
      set(await fn(item.version));
      message.success(done);
      close();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await reload();
        close();
        if (e.code === 'CONFLICT') {
          message.warning(t('common.conflict'));
          return;
        }
      }
      showError(e);
    }
  };
  const extended = item.extensions > 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={
          <Space wrap>
            <span>督办事项</span>
            <StatusTag kind="tracking" status={item.status} />
            <LightTag item={item} />
          </Space>
        }
        extra={
          <Space wrap data-testid="item-actions">
            {a.assign && (
              <Button type="primary" onClick={() => setDialog('assign')}>
                {t('tracking.action.assign')}
              </Button>
            )}
            {a.report && <Button onClick={() => setDialog('report')}>{t('tracking.action.report')}</Button>}
            {a.requestCompletion && (
              <Button type="primary" onClick={() => setDialog('completion')}>
                {t('tracking.action.requestCompletion')}
              </Button>
            )}
            {a.confirm && (
              <Popconfirm
                title="确认该事项已办结？"
                onConfirm={() =>
                  void run((version) => api.post('/api/tracking/items/:id/confirm', { id }, { version }), '已确认办结')
                }
                okText="确认"
                cancelText={t('common.cancel')}
              >
                <Button type="primary">{t('tracking.action.confirm')}</Button>
              </Popconfirm>
            )}
            {a.return && (
              <Button danger onClick={() => setDialog('return')}>
                {t('tracking.action.return')}
              </Button>
            )}
            {a.verify && (
              <CommentButton
                title="核验办结情况"
                okText="核验通过"
                onConfirm={(note) =>
                  run((version) => api.post('/api/tracking/items/:id/verify', { id }, { version, note }), '已核验')
                }
              >
                {t('tracking.action.verify')}
              </CommentButton>
            )}
            {a.requestExtension && (
              <Button onClick={() => setDialog('extension')}>{t('tracking.action.requestExtension')}</Button>
            )}
            {a.decideExtension && pending && (
              <>
                <CommentButton
                  type="primary"
                  title={`同意延期至 ${pending.newDeadline}`}
                  okText="同意"
                  onConfirm={(note) =>
                    run(
                      (version) =>
                        api.post(
                          '/api/tracking/items/:id/extensions/:extensionId/decide',
                          { id, extensionId: pending.id },
                          { version, approve: true, note },
                        ),
                      '已同意延期',
                    )
                  }
                >
                  {t('tracking.action.approveExtension')}
                </CommentButton>
                <CommentButton
                  danger
                  title="不同意延期"
                  okText="不同意"
                  onConfirm={(note) =>
                    run(
                      (version) =>
                        api.post(
                          '/api/tracking/items/:id/extensions/:extensionId/decide',
                          { id, extensionId: pending.id },
                          { version, approve: false, note },
                        ),
                      '已不同意延期',
                    )
                  }
                >
                  {t('tracking.action.rejectExtension')}
                </CommentButton>
              </>
            )}
            {a.terminate && (
              <Button danger onClick={() => setDialog('terminate')}>
                {t('tracking.action.terminate')}
              </Button>
            )}
            {/* R6.3: an overdue item can become a case; the server checks the source again. */}
            {can('case.open') && item.light === 'red' && (
              <Link to={`/cases/new?itemId=${item.id}`}>
                <Button danger>{t('case.open')}</Button>
              </Link>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="议定事项" span={2}>
            <Typography.Text strong style={{ whiteSpace: 'pre-wrap' }}>
              {item.decisionText}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="纪要表述" span={2}>
            {item.wording}
          </Descriptions.Item>
          <Descriptions.Item label="来源纪要">
            <Link to={`/minutes/${item.sourceMinutesId}`}>{item.sourceNumber}</Link>
            {`（${item.sourceDivisionName}）`}
          </Descriptions.Item>
          <Descriptions.Item label="议题">
            <Link to={`/topics/${item.topicId}`}>{item.topicTitle}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="责任处室">{item.divisionName}</Descriptions.Item>
          <Descriptions.Item label="责任人">
            {item.responsibleName || <Tag color="orange">待补全</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="协办人">
            {item.coResponsible.length ? item.coResponsible.map((p) => p.name).join('、') : '—'}
          </Descriptions.Item>
          {extended ? (
            <>
              <Descriptions.Item label="原定时限">{item.originalDeadline ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="现时限">
                {item.deadline ?? '—'}
                <Typography.Text type="secondary">{`（已延期 ${item.extensions} 次）`}</Typography.Text>
              </Descriptions.Item>
            </>
          ) : (
            <Descriptions.Item label="完成时限">{item.deadline ?? '—'}</Descriptions.Item>
          )}
          <Descriptions.Item label="灯号">
            <Space wrap>
              <LightTag item={item} />
              {item.overdueWorkingDays > 0 && `逾期 ${item.overdueWorkingDays} 个工作日`}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="事项标记">
            {item.matterFlags.length ? item.matterFlags.map((f) => <Tag key={f}>{MATTER_FLAG_LABELS[f]}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="最近进展">{item.lastActivityDay}</Descriptions.Item>
          {item.note && <Descriptions.Item label="备注">{item.note}</Descriptions.Item>}
          {item.sampled && <Descriptions.Item label="核验">已抽中，由监察室核验</Descriptions.Item>}
          {item.closedAt && <Descriptions.Item label="办结时间">{formatTime(item.closedAt)}</Descriptions.Item>}
          {item.terminationReference && (
            <Descriptions.Item label="终止依据">{`${item.terminationReference}会议纪要`}</Descriptions.Item>
          )}
        </Descriptions>
      </PageCard>
      {item.extensionRequests.length > 0 && (
        <Card title="延期申请">
          <List
            dataSource={item.extensionRequests}
            renderItem={(x) => (
              <List.Item>
                <Space direction="vertical" size={2}>
                  <Space wrap>
                    <Tag color={EXTENSION_STATUS[x.status].color}>{EXTENSION_STATUS[x.status].label}</Tag>
                    {`${x.requestedBy} 申请将完成时限由 ${x.fromDeadline} 延至 ${x.newDeadline}`}
                    <Typography.Text type="secondary">{formatTime(x.createdAt)}</Typography.Text>
                  </Space>
                  <span>{`理由：${x.reason}`}</span>
                  {x.decidedBy && (
                    <Typography.Text type="secondary">
                      {`${x.decidedBy} ${formatTime(x.decidedAt)} ${EXTENSION_STATUS[x.status].label}${x.note ? `：${x.note}` : ''}`}
                    </Typography.Text>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card title="办理过程">
        <Timeline items={item.timeline.map((e) => ({ key: e.id, children: <EventBody item={item} e={e} /> }))} />
      </Card>
      <AssignDialog
        open={dialog === 'assign'}
        onCancel={close}
        onSubmit={(v) =>
          run((version) => api.post('/api/tracking/items/:id/assign', { id }, { version, ...v }), '已补全')
        }
      />
      <ReportDialog
        item={item}
        completion={false}
        open={dialog === 'report'}
        onCancel={close}
        onSubmit={(v) =>
          run((version) => api.post('/api/tracking/items/:id/reports', { id }, { version, ...v }), '已报告进展')
        }
      />
      <ReportDialog
        item={item}
        completion
        open={dialog === 'completion'}
        onCancel={close}
        onSubmit={(v) =>
          run(
            (version) => api.post('/api/tracking/items/:id/completion', { id }, { version, ...v }),
            '已申请办结，等待确认',
          )
        }
      />
      <ExtensionDialog
        item={item}
        open={dialog === 'extension'}
        onCancel={close}
        onSubmit={(v) =>
          run(
            (version) => api.post('/api/tracking/items/:id/extensions', { id }, { version, ...v }),
            '已申请延期，等待审批',
          )
        }
      />
      <TerminateDialog
        open={dialog === 'terminate'}
        onCancel={close}
        onSubmit={(v) =>
          run((version) => api.post('/api/tracking/items/:id/terminate', { id }, { version, ...v }), '已终止督办')
        }
      />
      <ReasonDialog
        open={dialog === 'return'}
        title="退回办结申请"
        okText="退回"
        danger
        placeholder="请写明退回理由，责任人将收到通知"
        onCancel={close}
        onSubmit={(reason) =>
          run((version) => api.post('/api/tracking/items/:id/return', { id }, { version, reason }), '已退回')
        }
      />
    </Space>
  );
}
