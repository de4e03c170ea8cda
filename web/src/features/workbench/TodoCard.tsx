import { Alert, Card, Empty, List, Tag } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { formatTime } from '../../lib/time';
import { useWorkbench } from './useWorkbench';

/** R3.5: after the 20th, a head whose division has not yet held the required meetings this month sees it here. */
export function MonthlyReminder() {
  const wb = useWorkbench();
  if (!wb || wb.monthlyReminders.length === 0) return null;
  return (
    <>
      {wb.monthlyReminders.map((r) => (
        <Alert
          key={r.divisionId}
          type="warning"
          showIcon
          message={
            r.held > 0
              ? `${r.divisionName}本月已召开 ${r.held} 次处务会，尚未达标`
              : `${r.divisionName}本月尚未召开处务会`
          }
          description={`按制度每月至少召开 ${r.required} 次处务会（第 3.5 条）${
            r.scheduled > 0 ? `，本月已安排 ${r.scheduled} 次会议，请按时召开。` : '，请及时安排。'
          }`}
        />
      ))}
    </>
  );
}

/** 待办事项: topics to approve, leave to decide, minutes due, minutes to read or sign for, 督办 due, meetings to attend. */
export function TodoCard() {
  const wb = useWorkbench();
  const { t } = useI18n();
  const items = wb
    ? [
        ...wb.topicsToApprove.map((x) => ({
          key: `t${x.id}`,
          to: `/topics/${x.id}`,
          tag: <Tag color="processing">{t('status.topic.submitted')}</Tag>,
          text: `议题：${x.title}（${x.proposerName}）`,
        })),
        ...wb.leaveToDecide.map((x) => ({
          key: `l${x.leaveId}`,
          to: `/meetings/${x.meetingId}`,
          tag: <Tag color="gold">请假待审批</Tag>,
          text: `${x.userName}：${x.reason}`,
        })),
        ...wb.meetingsToRecord.map((x) => ({
          key: `r${x.id}`,
          to: `/meetings/${x.id}`,
          tag: <Tag color="magenta">{t('status.record')}</Tag>,
          text: `${x.title} · ${x.place}`,
        })),
        ...wb.minutesDue.map((x) => ({
          key: `d${x.meetingId}`,
          to: `/meetings/${x.meetingId}`,
          tag: (
            <>
              <Tag color="orange">{t(`status.minutes.${x.step}`)}</Tag>
              {x.status === 'overdue' && <Tag color="red">{t('status.minutes.overdue')}</Tag>}
            </>
          ),
          text: `会议纪要：${x.meetingTitle} · 分送时限 ${x.dueDate}${x.provisional ? '（暂定）' : ''}`,
        })),
        ...(wb.minutesToRead > 0
          ? [
              {
                key: 'reading',
                to: '/reading',
                tag: <Tag color="red">纪要待阅</Tag>,
                text: `${wb.minutesToRead} 份会议纪要待阅`,
              },
            ]
          : []),
        ...(wb.filingsToSign > 0
          ? [
              {
                key: 'filings',
                to: '/filings',
                tag: <Tag color="purple">备案待签收</Tag>,
                text: `${wb.filingsToSign} 份会议纪要待备案签收`,
              },
            ]
          : []),
        // R6.4: rectifications my division owes (overdue ones said so) and reports waiting for verification.
        ...(wb.rectifications.toReport > 0
          ? [
              {
                key: 'rectify',
                to: '/rectifications?state=notified',
                tag: <Tag color={wb.rectifications.overdue > 0 ? 'red' : 'orange'}>整改待报</Tag>,
                text: `${wb.rectifications.toReport} 个专项检查发现的问题待报送整改报告${
                  wb.rectifications.overdue > 0 ? `（其中逾期 ${wb.rectifications.overdue} 个）` : ''
                }`,
              },
            ]
          : []),
        ...(wb.rectifications.toVerify > 0
          ? [
              {
                key: 'verify',
                to: '/rectifications?state=reported',
                tag: <Tag color="purple">整改待核验</Tag>,
                text: `${wb.rectifications.toVerify} 份整改报告待核验`,
              },
            ]
          : []),
        // R6.2: the items of my ledger overdue and due soon, each linking to the ledger under that light.
        ...(wb.tracking.overdue > 0
          ? [
              {
                key: 'tracking-red',
                to: '/tracking?light=red',
                tag: <Tag color="red">督办逾期</Tag>,
                text: t('workbench.trackingOverdue', { n: wb.tracking.overdue }),
              },
            ]
          : []),
        ...(wb.tracking.dueSoon > 0
          ? [
              {
                key: 'tracking-yellow',
                to: '/tracking?light=yellow',
                tag: <Tag color="gold">督办临期</Tag>,
                text: t('workbench.trackingDueSoon', { n: wb.tracking.dueSoon }),
              },
            ]
          : []),
        ...wb.meetingsToAttend.map((x) => ({
          key: `m${x.id}`,
          to: `/meetings/${x.id}`,
          tag: x.noticeRead ? <Tag color="blue">待参加会议</Tag> : <Tag color="red">会议通知未阅</Tag>,
          text: `${x.title} · ${formatTime(x.startsAt)} · ${x.place}${x.role === 'observer' ? '（列席）' : ''}`,
        })),
      ]
    : [];
  return (
    <Card title={t('workbench.todo')} extra={wb && wb.unreadNotices > 0 ? `未读通知 ${wb.unreadNotices} 条` : null}>
      {items.length === 0 ? (
        <Empty description={t('workbench.todoEmpty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(i) => (
            <List.Item>
              <Link to={i.to}>
                {i.tag} {i.text}
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
