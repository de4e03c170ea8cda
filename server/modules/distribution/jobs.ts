import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Services, Tx } from '../../platform/services.js';
import { inTransaction } from '../../platform/services.js';
import { once, type Job } from '../../platform/jobs/scheduler.js';
import { addDays, type WorkingDayCalendar } from '../../../core/calendar/working-days.js';
import { shanghaiDay, shanghaiDayStart, shanghaiMinuteOfDay } from '../../../core/shanghai-time.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { notify } from '../notices/notices.js';
import { formatTime } from '../meetings/format.js';
import { deliverEmails } from '../notices/email-outbox.js';
import { ensureDistribution, supervisionOfficeUsers } from './distribution.js';
import { openReadingByRecipient } from './inbox.repository.js';
import { MINUTES_STEP_LABELS } from '../../../core/minutes.js';
import { auditCheckpointJob } from '../audit/audit-jobs.js';

/** Reminders go out from this time of day (Asia/Shanghai), never at midnight. */
export const REMIND_FROM_MINUTES = 9 * 60;

/** Whether a reminder due on `day` is due now: later that day from 09:00, or any time after. */
function reached(day: string, now: Date): boolean {
  const today = shanghaiDay(now);
  return today > day || (today === day && shanghaiMinuteOfDay(now) >= REMIND_FROM_MINUTES);
}

/** The last working day strictly before `day`. */
export function previousWorkingDay(cal: WorkingDayCalendar, day: string): string {
  let d = day;
  for (let i = 0; i < 60; i++) {
    d = addDays(d, -1);
    if (cal.isWorkday(d)) return d;
  }
  return addDays(day, -1);
}

async function units(s: Services): Promise<string[]> {
  return (await s.db.kysely.selectFrom('units').select('unit_id').execute()).map((u) => u.unit_id);
}

/** The heads of a division (its principal responsible persons). */
export async function divisionHeads(db: Kysely<Database> | Tx, divisionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('division_id', '=', divisionId)
    .where('position', '=', 'head')
    .execute();
  return rows.map((r) => r.user_id);
}

/** A held meeting that was never closed still has its deadline running (R5.8–R5.10). */
const trackDeadlines: Job = {
  name: 'distribution.track',
  async run(s) {
    const rows = await s.db.kysely
      .selectFrom('meetings as m')
      .leftJoin('distributions as x', 'x.meeting_id', 'm.id')
      .select('m.id')
      .where('m.status', 'in', ['in_session', 'closed'])
      .where('x.meeting_id', 'is', null)
      .limit(500)
      .execute();
    for (const r of rows) await inTransaction(s, (trx) => ensureDistribution(s, trx, r.id));
    return rows.length;
  },
};

/** How long after convening a meeting its head may still be sending the notice. */
const NOTICE_GRACE_MS = 60 * 60_000;

/** One working day before a meeting: participants are reminded; a head who never sent the notice is told. */
const meetingReminders: Job = {
  name: 'meeting.reminder',
  async run(s, now) {
    let n = 0;
    for (const unitId of await units(s)) {
      const meetings = await s.db.kysely
        .selectFrom('meetings')
        .select(['id', 'title', 'status', 'starts_at', 'place', 'division_id', 'notified_at', 'created_at'])
        .where('unit_id', '=', unitId)
        .where('status', 'in', ['planned', 'notified'])
        .where('starts_at', '>', now.toISOString())
        .where('starts_at', '<=', new Date(now.getTime() + 30 * 86400_000).toISOString())
        .execute();
      if (meetings.length === 0) continue;
      const cal = await loadCalendar(s.db.kysely, unitId);
      for (const m of meetings) {
        const day = previousWorkingDay(cal, shanghaiDay(new Date(m.starts_at)));
        if (!reached(day, now)) continue;
        // Notified on the reminder day itself: the notice is the reminder.
        if (m.notified_at && shanghaiDay(new Date(m.notified_at)) >= day) continue;
        const notified = m.status === 'notified';
        // A meeting convened minutes ago has not had its notice yet for good reason: the head is
        // told 会议尚未通知 only once there was time to send it (issue 15).
        if (!notified && now.getTime() - new Date(m.created_at).getTime() < NOTICE_GRACE_MS) continue;
        const userIds = notified
          ? (
              await s.db.kysely.selectFrom('participants').select('user_id').where('meeting_id', '=', m.id).execute()
            ).map((p) => p.user_id)
          : await divisionHeads(s.db.kysely, m.division_id);
        const done = await once(s, 'meeting.reminder', `${m.id}:${m.starts_at}`, unitId, (trx) =>
          notify(s, trx, {
            unitId,
            userIds,
            kind: 'meeting.reminder',
            subjectType: 'meeting',
            subjectId: m.id,
            title: notified ? `会议提醒：${m.title}` : `会议尚未通知：${m.title}`,
            body: notified
              ? `会议将于 ${formatTime(m.starts_at)} 在${m.place}召开，请准时参加；不能出席的，请提前向处室主要负责人请假。`
              : `会议将于 ${formatTime(m.starts_at)} 召开，但尚未发出会议通知（议程和材料）。`,
          }),
        );
        if (done) n++;
      }
    }
    return n;
  },
};

/**
 * On the working day before the deadline (the (N−1)th after the meeting, N from
 * the unit's settings as stored with the deadline), the recorder, the chair and
 * the head of a meeting whose minutes are not issued are reminded.
 */
export function reminderDay(cal: WorkingDayCalendar, meetingDay: string, workingDays: number): string {
  return cal.addWorkingDays(meetingDay, Math.max(1, workingDays - 1)).date;
}

const minutesReminders: Job = {
  name: 'minutes.reminder',
  async run(s, now) {
    let n = 0;
    for (const unitId of await units(s)) {
      const rows = await s.db.kysely
        .selectFrom('distributions as x')
        .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
        .select([
          'x.meeting_id',
          'x.meeting_day',
          'x.due_date',
          'x.working_days',
          'm.title',
          'm.recorder_id',
          'm.chair_id',
          'm.division_id',
        ])
        .where('x.unit_id', '=', unitId)
        .where('x.status', '=', 'pending')
        .execute();
      if (rows.length === 0) continue;
      const cal = await loadCalendar(s.db.kysely, unitId);
      for (const r of rows) {
        if (!reached(reminderDay(cal, r.meeting_day, Number(r.working_days)), now)) continue;
        const userIds = [r.recorder_id, r.chair_id, ...(await divisionHeads(s.db.kysely, r.division_id))];
        const done = await once(s, 'minutes.reminder', r.meeting_id, unitId, (trx) =>
          notify(s, trx, {
            unitId,
            userIds,
            kind: 'minutes.reminder',
            subjectType: 'meeting',
            subjectId: r.meeting_id,
            title: `纪要催办：${r.title}`,
            body: `会议纪要须在 ${r.due_date}（会后第 ${Number(r.working_days)} 个工作日）之前印发并分送，目前尚未印发，请抓紧起草、审核和签发。`,
          }),
        );
        if (done) n++;
      }
    }
    return n;
  },
};

/** At the deadline: the meeting's distribution is marked overdue and the supervision office told (R5.10). */
const markOverdue: Job = {
  name: 'distribution.overdue',
  async run(s, now) {
    const nowIso = now.toISOString();
    const rows = await s.db.kysely
      .selectFrom('distributions as x')
      .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
      .innerJoin('divisions as d', 'd.id', 'x.division_id')
      .select(['x.meeting_id', 'x.unit_id', 'x.due_date', 'm.title', 'm.recorder_id', 'm.division_id', 'd.name'])
      .where('x.status', '=', 'pending')
      .where('x.deadline', '<', nowIso)
      .execute();
    let n = 0;
    for (const r of rows) {
      const done = await once(s, 'distribution.overdue', `${r.meeting_id}:${r.due_date}`, r.unit_id, async (trx) => {
        const res = await trx
          .updateTable('distributions')
          .set({ status: 'overdue', overdue_at: nowIso, updated_at: nowIso })
          .where('meeting_id', '=', r.meeting_id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return;
        await notify(s, trx, {
          unitId: r.unit_id,
          userIds: await supervisionOfficeUsers(trx, r.unit_id),
          kind: 'distribution.overdue',
          subjectType: 'meeting',
          subjectId: r.meeting_id,
          title: `纪要逾期未分送：${r.name}`,
          body: `${r.title}的纪要应于 ${r.due_date} 前分送，已逾期。`,
        });
        await notify(s, trx, {
          unitId: r.unit_id,
          userIds: [r.recorder_id, ...(await divisionHeads(trx, r.division_id))],
          kind: 'distribution.overdue',
          subjectType: 'meeting',
          subjectId: r.meeting_id,
          title: `纪要${MINUTES_STEP_LABELS.overdue}：${r.title}`,
          body: `会议纪要应于 ${r.due_date} 前印发分送，现已逾期，监察室已收到提示。请尽快签发。`,
        });
      });
      if (done) n++;
    }
    return n;
  },
};

/** Every working day from 09:00: one reminder per person of what they have not read, and to the office of what it has not signed for. */
const unreadReminders: Job = {
  name: 'distribution.unread',
  async run(s, now) {
    const today = shanghaiDay(now);
    if (!reached(today, now)) return 0;
    const startOfToday = shanghaiDayStart(today);
    let n = 0;
    for (const unitId of await units(s)) {
      const cal = await loadCalendar(s.db.kysely, unitId);
      if (!cal.isWorkday(today)) continue;
      const unread = await openReadingByRecipient(s.db.kysely, unitId, startOfToday);
      for (const u of unread) {
        if (!u.recipient_id) continue;
        const userId = u.recipient_id;
        const done = await once(s, 'distribution.unread', `${userId}:${today}`, unitId, (trx) =>
          notify(s, trx, {
            unitId,
            userIds: [userId],
            kind: 'distribution.unread',
            subjectType: 'reading',
            subjectId: today,
            title: `您有 ${Number(u.n)} 份会议纪要待阅`,
            body: '请在“待阅纪要”中查阅，并确认“已阅”。',
          }),
        );
        if (done) n++;
      }
      const unfiled = await s.db.kysely
        .selectFrom('distribution_entries as e')
        .innerJoin('minutes as n', 'n.id', 'e.minutes_id')
        .select(['e.recipient_division_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('e.unit_id', '=', unitId)
        .where('e.purpose', '=', 'file')
        .where('e.received_at', 'is', null)
        .where('e.sent_at', '<', startOfToday)
        .where('n.status', '=', 'issued')
        .groupBy('e.recipient_division_id')
        .execute();
      for (const f of unfiled) {
        if (!f.recipient_division_id) continue;
        const officeId = f.recipient_division_id;
        const members = (
          await s.db.kysely.selectFrom('memberships').select('user_id').where('division_id', '=', officeId).execute()
        ).map((m) => m.user_id);
        const done = await once(s, 'distribution.unfiled', `${officeId}:${today}`, unitId, (trx) =>
          notify(s, trx, {
            unitId,
            userIds: members,
            kind: 'distribution.unfiled',
            subjectType: 'filing',
            subjectId: today,
            title: `有 ${Number(f.n)} 份会议纪要待备案签收`,
            body: '请在“报备收件箱”中签收。',
          }),
        );
        if (done) n++;
      }
    }
    return n;
  },
};

export const emailDelivery: Job = {
  name: 'email.deliver',
  async run(s) {
    const r = await deliverEmails(s);
    return r.sent;
  },
};

/** The meeting and minutes jobs (the server's whole list, with the later modules' jobs, is server/jobs.ts). */
export const DISTRIBUTION_JOBS: readonly Job[] = [
  trackDeadlines,
  meetingReminders,
  minutesReminders,
  markOverdue,
  unreadReminders,
  auditCheckpointJob,
];

/** These jobs in the order a tick runs them, e-mail last (so a tick's notices go out in it). */
export const JOBS: readonly Job[] = [...DISTRIBUTION_JOBS, emailDelivery];
