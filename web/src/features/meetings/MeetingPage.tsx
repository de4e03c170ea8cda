import { useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Popconfirm,
  Row,
  Space,
  Spin,
  Statistic,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { MeetingDto } from '../../../../core/contracts/meetings';
import { ATTENDANCE_LABELS, MEETING_KIND_LABELS, type Attendance } from '../../../../core/meetings';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useMe } from '../../auth/session';
import { formatTime } from '../../lib/time';
import { MeetingForm, toMeetingBody, type MeetingFormValues } from './MeetingForm';
import { CheckinPanel } from './CheckinPanel';
import { BackfillPanel } from './BackfillPanel';
import { RecordPanel } from './RecordPanel';
import { MinutesButton } from '../minutes/MinutesButton';
import { DistributionPanel } from '../distribution/DistributionPanel';
import { PageCard } from '../../layout/PageCard';
import { durationCn, earlyStartMinutes, primaryAction } from './meeting-actions';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { StatusTag } from '../../layout/StatusTag';
import { ReasonDialog } from '../../layout/ReasonDialog';

type Participant = MeetingDto['participants'][number];
const ATT_COLORS: Record<Attendance, string> = { present: 'green', late: 'orange', leave: 'blue', absent: 'red' };
const CHANGE_LABELS: Record<string, string> = {
  title: '会议名称',
  startsAt: '时间',
  place: '地点',
  chair: '主持人',
  recorder: '记录人',
  agenda: '议程',
  observers: '列席人员',
};
const OUTCOME_LABELS: Record<string, string> = { discussed: '已记录', deferred: '暂缓', not_discussed: '未研究' };

/** One meeting: notice and materials, receipts, leave, attendance, the session's steps. */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: m, set: setM, reload: load } = useGet('/api/meetings/:id', { id });
  const [editing, setEditing] = useState(false);
  const [ask, setAsk] = useState<null | 'leave' | 'cancel'>(null);

  const run = async (fn: () => Promise<MeetingDto | void>, done: string) => {
    try {
      const r = await fn();
      if (r) setM(r);
      else await load();
      message.success(done);
    } catch (e) {
      showError(e);
      if (e instanceof ApiError && e.code === 'CONFLICT') void load();
    }
  };
  if (!m) return <Spin style={{ display: 'block', marginTop: 64 }} />;
  const a = m.abilities;
  const mine = m.participants.find((p) => p.userId === me.user.id);
  const step = (path: 'notify' | 'start' | 'close') => () =>
    api.post(`/api/meetings/:id/${path}`, { id: m.id }, { version: m.version });
  const decide = (leaveId: string, approve: boolean) => () =>
    api.post('/api/meetings/:id/leave/:leaveId/decide', { id: m.id, leaveId }, { approve });
  const mark = (userId: string, attendance: 'present' | 'late') => () =>
    api.post('/api/meetings/:id/attendance', { id: m.id }, { marks: [{ userId, attendance }] });
  const readNotice = !!mine && !!m.notifiedAt && !mine.noticeReadAt && m.status !== 'closed';
  const primary = primaryAction(m, readNotice);
  const kind = (k: Exclude<ReturnType<typeof primaryAction>, null>) => (primary === k ? 'primary' : 'default');
  const early = a.start && !m.backfill ? earlyStartMinutes(m.startsAt, Date.now()) : null;

  const columns = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (n: string, p: Participant) =>
        p.role === 'observer' ? (
          <>
            {n} <Tag>列席</Tag>
          </>
        ) : (
          n
        ),
    },
    { title: '处室', dataIndex: 'divisionName', render: (d: string | null) => d ?? '—' },
    {
      title: '通知回执',
      dataIndex: 'noticeReadAt',
      render: (r: string | null) =>
        m.notifiedAt ? r ? <Tag color="green">已阅 {formatTime(r).slice(5)}</Tag> : <Tag>未阅</Tag> : '—',
    },
    {
      title: '请假',
      key: 'leave',
      render: (_: unknown, p: Participant) =>
        p.leave ? (
          <Space direction="vertical" size={2}>
            <span>
              {p.leave.reason}{' '}
              <Tag color={p.leave.status === 'approved' ? 'blue' : p.leave.status === 'rejected' ? 'red' : 'gold'}>
                {{ pending: '待审批', approved: '已批准', rejected: '未批准' }[p.leave.status]}
              </Tag>
            </span>
            {p.leave.canDecide && (
              <Space>
                <Button size="small" onClick={() => void run(decide(p.leave?.id ?? '', true), '已批准请假')}>
                  批准
                </Button>
                <Button size="small" danger onClick={() => void run(decide(p.leave?.id ?? '', false), '已不予批准')}>
                  不批准
                </Button>
              </Space>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '出席',
      key: 'att',
      render: (_: unknown, p: Participant) => {
        const att = p.finalAttendance ?? p.attendance;
        return (
          <Space>
            {att && <Tag color={ATT_COLORS[att]}>{ATTENDANCE_LABELS[att]}</Tag>}
            {!att && m.status === 'in_session' && <Tag>未签到</Tag>}
            {a.markAttendance && !p.attendance && (
              <>
                <Button size="small" onClick={() => void run(mark(p.userId, 'present'), `${p.name} 已登记出席`)}>
                  出席
                </Button>
                <Button size="small" onClick={() => void run(mark(p.userId, 'late'), `${p.name} 已登记迟到`)}>
                  迟到
                </Button>
              </>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={
          <Space wrap>
            {m.title}
            <StatusTag kind="meeting" status={m.status} />
            <Tag>{MEETING_KIND_LABELS[m.kind]}</Tag>
            {m.backfill && <Tag color="orange">补录</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {a.edit && <Button onClick={() => setEditing(true)}>修改</Button>}
            {a.notify && (
              <Button type={kind('notify')} onClick={() => void run(step('notify'), '会议通知已发出')}>
                {m.notifiedAt ? '重新通知' : '发出通知'}
              </Button>
            )}
            {a.start &&
              (early === null ? (
                <Button type={kind('start')} onClick={() => void run(step('start'), '会议开始')}>
                  开始会议
                </Button>
              ) : (
                <Popconfirm
                  title={`会议预定于 ${formatTime(m.startsAt)} 开始，距现在还有 ${durationCn(early)}。确定现在就开始会议？`}
                  okText="现在开始"
                  onConfirm={() => void run(step('start'), '会议开始')}
                >
                  <Button type={kind('start')}>开始会议</Button>
                </Popconfirm>
              ))}
            {a.close && (
              <Popconfirm
                title="结束会议后，未签到且未请假的人员将记为缺席。确定结束？"
                onConfirm={() => void run(step('close'), '会议已结束')}
              >
                <Button type={kind('close')} danger>
                  结束会议
                </Button>
              </Popconfirm>
            )}
            {a.cancel && <Button onClick={() => setAsk('cancel')}>取消会议</Button>}
            {m.status === 'closed' && <MinutesButton meetingId={m.id} primary={kind('minutes') === 'primary'} />}
            {a.requestLeave && <Button onClick={() => setAsk('leave')}>请假</Button>}
            {readNotice && (
              <Button
                type={kind('readNotice')}
                ghost={kind('readNotice') === 'primary'}
                onClick={() => void run(() => api.post('/api/meetings/:id/read', { id: m.id }), '已确认收到会议通知')}
              >
                确认已阅
              </Button>
            )}
          </Space>
        }
      >
        {m.status === 'cancelled' && (
          <Alert type="error" showIcon message={`会议已取消：${m.cancelReason ?? ''}`} style={{ marginBottom: 16 }} />
        )}
        {m.backfill && (
          <div style={{ marginBottom: 16 }}>
            <BackfillPanel meeting={m} onChange={setM} />
          </div>
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="处室">{m.divisionName}</Descriptions.Item>
          <Descriptions.Item label="时间">{formatTime(m.startsAt)}</Descriptions.Item>
          <Descriptions.Item label="地点">{m.place}</Descriptions.Item>
          <Descriptions.Item label="主持人">
            {m.chairName}
            {m.chairDesignatedBy && <Tag style={{ marginLeft: 8 }}>受处长指定</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="记录人">{m.recorderName}</Descriptions.Item>
          <Descriptions.Item label="通知">{m.notifiedAt ? formatTime(m.notifiedAt) : '尚未发出'}</Descriptions.Item>
        </Descriptions>
      </PageCard>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={a.showCheckin ? 16 : 24}>
          <Card title="议程与会议材料（会前传阅）">
            <List
              locale={{ emptyText: '暂无议题' }}
              dataSource={m.agenda}
              renderItem={(it) => (
                <List.Item
                  actions={
                    m.status === 'in_session' && a.markAttendance && it.outcome !== 'discussed'
                      ? (['deferred', 'not_discussed'] as const).map((o) => (
                          <Button
                            key={o}
                            size="small"
                            type={it.outcome === o ? 'primary' : 'default'}
                            onClick={() =>
                              void run(
                                () =>
                                  api.put(
                                    '/api/meetings/:id/agenda/:topicId/outcome',
                                    { id: m.id, topicId: it.topicId },
                                    { outcome: o },
                                  ),
                                '已标记',
                              )
                            }
                          >
                            {OUTCOME_LABELS[o]}
                          </Button>
                        ))
                      : it.outcome
                        ? [<Tag key="o">{OUTCOME_LABELS[it.outcome] ?? it.outcome}</Tag>]
                        : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {`${it.position}. `}
                        <a href={`/topics/${it.topicId}`}>{it.title}</a>
                        {it.importantMatter && <Tag color="red">重要事项</Tag>}
                      </Space>
                    }
                    description={it.attachments.map((f) => (
                      <div key={f.id}>
                        <a href={`/api/topics/${it.topicId}/attachments/${f.id}`}>{f.filename}</a>
                      </div>
                    ))}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        {a.showCheckin && (
          <Col xs={24} lg={8}>
            <CheckinPanel meetingId={m.id} />
          </Col>
        )}
      </Row>
      {a.readRecord && (m.status === 'in_session' || m.status === 'closed') && m.agenda.length > 0 && (
        <RecordPanel
          meetingId={m.id}
          // R6.1: who may speak — participants marked present, and observers.
          speakers={m.participants
            .filter((p) => p.role === 'observer' || p.attendance === 'present' || p.attendance === 'late')
            .map((p) => ({ id: p.userId, name: p.role === 'observer' ? `${p.name}（列席）` : p.name }))}
          present={m.participants
            .filter((p) => p.role === 'participant' && (p.attendance === 'present' || p.attendance === 'late'))
            .map((p) => ({ id: p.userId, name: p.name }))}
        />
      )}
      <Card title="参会人员">
        <Space wrap size="large" style={{ marginBottom: 16 }}>
          <Statistic title="应到" value={m.counts.expected} />
          <Statistic title="实到" value={m.counts.present} />
          <Statistic title="请假" value={m.counts.leave} />
          <Statistic
            title={m.status === 'closed' ? '缺席' : '未到'}
            value={m.counts.absent}
            valueStyle={m.counts.absent ? { color: '#cf1322' } : undefined}
          />
          <Statistic title="列席" value={m.participants.filter((p) => p.role === 'observer').length} />
        </Space>
        <ResponsiveTable<Participant>
          rowKey="userId"
          size="small"
          pagination={false}
          dataSource={m.participants}
          columns={columns}
          scroll={{ x: 760 }}
        />
      </Card>
      {m.changes.length > 0 && (
        <Card title="通知后的变更">
          <Timeline
            items={m.changes.map((c) => ({
              children: (
                <Typography.Text>{`${formatTime(c.at)} ${CHANGE_LABELS[c.field] ?? c.field}：${c.before ?? ''} → ${c.after ?? ''}`}</Typography.Text>
              ),
            }))}
          />
        </Card>
      )}
      <MeetingForm
        divisionId={m.divisionId}
        meeting={m}
        open={editing}
        onCancel={() => setEditing(false)}
        onSubmit={async (v: MeetingFormValues) => {
          await run(
            () => api.patch('/api/meetings/:id', { id: m.id }, { ...toMeetingBody(v), version: m.version }),
            m.notifiedAt ? '已修改，并已重新通知参会人员' : '已修改',
          );
          setEditing(false);
        }}
      />
      <ReasonDialog
        open={ask !== null}
        title={ask === 'leave' ? '请假（向处长请假，第 3.7 条）' : '取消会议'}
        okText="确定"
        placeholder={ask === 'leave' ? '请假理由' : '取消原因'}
        onCancel={() => setAsk(null)}
        onSubmit={(reason) =>
          run(
            ask === 'leave'
              ? () => api.post('/api/meetings/:id/leave', { id: m.id }, { reason })
              : () => api.post('/api/meetings/:id/cancel', { id: m.id }, { version: m.version, reason }),
            ask === 'leave' ? '请假申请已提交' : '会议已取消',
          ).then(() => setAsk(null))
        }
      />
      {/* Last on the page: it loads on its own and must not shift what the recorder is working on. */}
      {a.readRecord && m.status !== 'cancelled' && <DistributionPanel key={`${m.id}:${m.status}`} meetingId={m.id} />}
    </Space>
  );
}
