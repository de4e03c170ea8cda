import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Alert,
  App,
  Badge,
  type BadgeProps,
  Button,
  Calendar,
  Card,
  Col,
  List,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { MeetingSummaryDto as Summary } from '../../../../core/contracts/meetings';
import { MONTHLY_VERDICT_LABELS, type MonthlyVerdict } from '../../../../core/compliance';
import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS } from '../../../../core/meetings';
import { api } from '../../api/client';
import { useDivisions, useGet, useShowError } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { useMe } from '../../auth/session';
import { defaultDivisionId } from '../../auth/leadership';
import { dayjs, formatTime, TZ } from '../../lib/time';
import { MeetingForm, toMeetingBody, type MeetingFormValues } from './MeetingForm';
import { PageCard } from '../../layout/PageCard';
import { STATUS_LOOK } from '../../layout/StatusTag';

const VERDICT_COLORS: Record<MonthlyVerdict, string> = { met: 'green', not_yet: 'gold', missed: 'red' };

/** 会议: the month's meetings on a calendar, whether each division met this month (R3.5), convening. */
export default function MeetingsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const divisions = useDivisions();
  const [divisionId, setDivisionId] = useState<string | undefined>(defaultDivisionId(me));
  const [month, setMonth] = useState(dayjs().tz(TZ).format('YYYY-MM'));
  const [creating, setCreating] = useState(false);
  // The month's meetings, a page at a time: the calendar shows what is loaded, the list below offers more.
  const list = useCursorList<Summary>('/api/meetings', { month, divisionId, limit: 100 });
  const meetings = list.items;
  const monthly = useGet('/api/meetings/monthly', { month }).data;
  // R3.2: the head, or a deputy the head authorised — as the server says.
  const leads = !!divisionId && me.powers.convene.includes(divisionId);

  const create = async (v: MeetingFormValues) => {
    if (!divisionId) return;
    try {
      const m = await api.post('/api/meetings', { divisionId, kind: v.kind, ...toMeetingBody(v) });
      setCreating(false);
      if (m.backfill) message.info('补录的会议已登记，请上传纸质会议记录');
      navigate(`/meetings/${m.id}`);
    } catch (e) {
      showError(e);
    }
  };

  const subscribe = async () => {
    try {
      const { url } = await api.post('/api/me/calendar-feed');
      modal.info({
        title: '订阅我的会议日历',
        content: <Typography.Paragraph copyable>{url}</Typography.Paragraph>,
        okText: '知道了',
      });
    } catch (e) {
      showError(e);
    }
  };

  const byDay = (d: Dayjs) =>
    meetings.filter((m) => dayjs(m.startsAt).tz(TZ).format('YYYY-MM-DD') === d.format('YYYY-MM-DD'));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <PageCard
          title="会议日历"
          extra={
            <Space wrap>
              <Select
                style={{ width: 200 }}
                allowClear
                placeholder="全部可见处室"
                value={divisionId}
                onChange={setDivisionId}
                options={divisions.map((d) => ({ value: d.id, label: d.name }))}
              />
              <Button icon={<CalendarOutlined />} onClick={() => void subscribe()}>
                订阅日历
              </Button>
              {leads && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  召集会议
                </Button>
              )}
            </Space>
          }
        >
          <Calendar
            onPanelChange={(d) => setMonth(d.format('YYYY-MM'))}
            cellRender={(d, info) =>
              info.type === 'date' ? (
                <Space direction="vertical" size={0}>
                  {byDay(d).map((m) => (
                    <Badge
                      key={m.id}
                      status={STATUS_LOOK.meeting[m.status].color as BadgeProps['status']}
                      text={
                        <a onClick={() => navigate(`/meetings/${m.id}`)}>
                          {dayjs(m.startsAt).tz(TZ).format('HH:mm')} {m.divisionName}
                          {m.backfilled ? '（补录）' : ''}
                        </a>
                      }
                    />
                  ))}
                </Space>
              ) : null
            }
          />
        </PageCard>
      </Col>
      <Col xs={24} xl={8}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card title={`${month} 会议`}>
            <List
              locale={{ emptyText: '本月暂无会议' }}
              dataSource={meetings}
              renderItem={(m) => (
                <List.Item onClick={() => navigate(`/meetings/${m.id}`)} style={{ cursor: 'pointer' }}>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {m.title}
                        <Tag>{MEETING_KIND_LABELS[m.kind]}</Tag>
                        {m.backfilled && <Tag color="orange">补录</Tag>}
                      </Space>
                    }
                    description={`${formatTime(m.startsAt)} · ${m.place} · ${MEETING_STATUS_LABELS[m.status]}`}
                  />
                </List.Item>
              )}
            />
            <LoadMore list={list} />
          </Card>
          <Card title="每月召开情况（第 3.5 条，按实际召开时间计入月份）">
            <List
              size="small"
              dataSource={monthly?.divisions ?? []}
              renderItem={(d) => (
                <List.Item>
                  <span>{d.divisionName}</span>
                  <Space size={4} wrap>
                    <span>{`已召开 ${d.held}/${d.required} 次`}</span>
                    {d.backfilled > 0 && <Tag color="orange">{`含补录 ${d.backfilled} 次`}</Tag>}
                    {d.scheduled > 0 && <Tag color="blue">{`已安排 ${d.scheduled} 次`}</Tag>}
                    <Tag color={VERDICT_COLORS[d.verdict]}>{MONTHLY_VERDICT_LABELS[d.verdict]}</Tag>
                  </Space>
                </List.Item>
              )}
            />
            {!monthly && <Alert type="info" message="加载中" />}
          </Card>
        </Space>
      </Col>
      {divisionId && (
        <MeetingForm divisionId={divisionId} open={creating} onCancel={() => setCreating(false)} onSubmit={create} />
      )}
    </Row>
  );
}
