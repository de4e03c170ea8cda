import type { Services, Tx } from '../../platform/services.js';
import { lock } from '../../platform/services.js';
import { once, type Job } from '../../platform/jobs/scheduler.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import type { WorkingDayCalendar } from '../../../core/calendar/working-days.js';
import { dateCn } from '../../../core/record.js';
import type { RegimeSettings } from '../../../core/settings.js';
import { shanghaiDay, shanghaiMinuteOfDay } from '../../../core/shanghai-time.js';
import {
  firstWorkdayOfWeek,
  isoWeek,
  lightBounds,
  OPEN_STATUSES,
  overdueBefore,
  TRACKING_STATUS_LABELS,
  workingDaysBetween,
} from '../../../core/tracking.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { notify, notifyEach } from '../notices/notices.js';
import { supervisionOfficeUsers } from '../distribution/distribution.js';
import { divisionHeads, REMIND_FROM_MINUTES } from '../distribution/jobs.js';
import { addEvent, coResponsibleOf, itemRow, supervisingLeadersOf, type ItemRow } from './tracking.repository.js';
import { activePeople, digestCounts, headsToDigest, itemsToRemind } from './tracking-jobs.repository.js';

/**
 * The 督办 jobs (R6.2): the yellow reminder, the overdue notice, the escalation
 * to the supervision office and the weekly digest per head. They run on the
 * unit's working days from 09:00 Asia/Shanghai (a deadline before 国庆 is
 * followed up on the first working day after it, never on the holiday), each
 * unit of work claimed once (server/platform/jobs/scheduler.ts) — per item and
 * deadline, so a deadline extended gets its own reminders — and each reminder
 * about an item is written on the item's timeline with its recipients, in the
 * transaction of its claim and its notices.
 */

async function units(s: Services): Promise<string[]> {
  return (await s.db.kysely.selectFrom('units').select('unit_id').execute()).map((u) => u.unit_id);
}

/** Where a unit stands at `now`: null when no reminder goes out (a rest day, or before 09:00). */
async function workingMorning(s: Services, unitId: string, now: Date) {
  if (shanghaiMinuteOfDay(now) < REMIND_FROM_MINUTES) return null;
  const today = shanghaiDay(now);
  const cal = await loadCalendar(s.db.kysely, unitId);
  if (!cal.isWorkday(today)) return null;
  const regime = (await readSettings(s.db.kysely, unitId, 'regime')).value;
  return { cal, today, regime };
}

type Morning = NonNullable<Awaited<ReturnType<typeof workingMorning>>>;

/** Who executes the item: the responsible person, or the responsible division's head; and the co-responsible. */
async function responsibleParty(trx: Tx, row: ItemRow): Promise<string[]> {
  const co = coResponsibleOf(row).map((p) => p.id);
  if (row.responsible_user_id) return [row.responsible_user_id, ...co];
  return [...(await divisionHeads(trx, row.responsible_division_id ?? row.division_id)), ...co];
}

interface ReminderSpec {
  job: string;
  /** The timeline event's kind. */
  kind: 'reminder' | 'overdue' | 'escalated';
  /** The deadlines due for this reminder today: [from, before). */
  range(m: Morning): { from?: string; before: string };
  recipients(trx: Tx, row: ItemRow): Promise<string[]>;
  notice(row: ItemRow, m: Morning): { title: string; body: string };
  /** The timeline's line, given the names reminded. */
  event(names: string): string;
}

const quote = (row: ItemRow) =>
  `纪要${row.source_number}议定事项“${row.decision_text.length > 120 ? `${row.decision_text.slice(0, 120)}…` : row.decision_text}”`;

/** Working days past the deadline today, as the lights count them. */
const overdueDays = (cal: WorkingDayCalendar, row: ItemRow, today: string) =>
  workingDaysBetween(cal, row.deadline ?? today, today);

const lightSettings = (r: RegimeSettings) => ({
  dueSoonWorkingDays: r.trackingDueSoonWorkingDays,
  stalledWorkingDays: r.trackingStalledWorkingDays,
});

/** Yellow: within the unit's N working days of the deadline, the responsible people are reminded once. */
const yellowSpec: ReminderSpec = {
  job: 'tracking.yellow',
  kind: 'reminder',
  range: ({ cal, today, regime }) => {
    const b = lightBounds(cal, today, lightSettings(regime));
    return { from: b.today, before: b.yellowBefore };
  },
  recipients: responsibleParty,
  notice: (row, { cal, today }) => {
    const left = workingDaysBetween(cal, today, row.deadline ?? today);
    return {
      title: `督办事项临期提醒：${row.topic_title}`,
      body: `${quote(row)}的完成时限为 ${dateCn(row.deadline ?? today)}，${
        left === 0 ? '今日到期' : `还剩 ${left} 个工作日`
      }。请抓紧办理并及时报告进展；确实无法按期完成的，请在完成时限前申请延期。`,
    };
  },
  event: (names) => `临期提醒已发送：${names}`,
};

/** Overdue: from the first working day after the deadline, the responsible people, their head and the supervising leaders. */
const overdueSpec: ReminderSpec = {
  job: 'tracking.overdue',
  kind: 'overdue',
  range: ({ cal, today }) => ({ before: overdueBefore(cal, today, 1) }),
  recipients: async (trx, row) => [
    ...(await responsibleParty(trx, row)),
    ...(await divisionHeads(trx, row.division_id)),
    ...(await supervisingLeadersOf(trx, row.unit_id, row.division_id)),
  ],
  notice: (row, { cal, today }) => ({
    title: `督办事项已逾期：${row.topic_title}`,
    body: `${quote(row)}的完成时限为 ${dateCn(row.deadline ?? today)}，已逾期 ${overdueDays(cal, row, today)} 个工作日（当前状态：${
      TRACKING_STATUS_LABELS[row.status]
    }；责任人：${row.responsible_name}）。请抓紧办理并报告进展。`,
  }),
  event: (names) => `逾期通知已发送：${names}`,
};

/** Escalation: K working days overdue (the unit's setting), the supervision office and the supervising leaders. */
const escalationSpec: ReminderSpec = {
  job: 'tracking.escalate',
  kind: 'escalated',
  range: ({ cal, today, regime }) => ({ before: overdueBefore(cal, today, regime.trackingEscalationWorkingDays) }),
  recipients: async (trx, row) => [
    ...(await supervisionOfficeUsers(trx, row.unit_id)),
    ...(await supervisingLeadersOf(trx, row.unit_id, row.division_id)),
  ],
  notice: (row, { cal, today }) => ({
    title: `督办事项逾期未办结（报监察室）：${row.topic_title}`,
    body: `${row.division_name}承办的${quote(row)}，完成时限为 ${dateCn(row.deadline ?? today)}，已逾期 ${overdueDays(
      cal,
      row,
      today,
    )} 个工作日，尚未办结（当前状态：${TRACKING_STATUS_LABELS[row.status]}；责任人：${row.responsible_name}）。`,
  }),
  event: (names) => `逾期未办结，已报监察室和分管领导：${names}`,
};

/**
 * One reminder of `spec` per open item and deadline: the item is locked and read
 * again in the claimed transaction — closed or extended since the query, it gets
 * nothing (an extension's new deadline has its own key).
 */
function reminderJob(spec: ReminderSpec): Job {
  return {
    name: spec.job,
    async run(s, now) {
      let n = 0;
      for (const unitId of await units(s)) {
        const m = await workingMorning(s, unitId, now);
        if (!m) continue;
        const due = await itemsToRemind(s.db.kysely, unitId, spec.job, spec.range(m));
        for (const d of due) {
          const done = await once(s, spec.job, `${d.id}:${d.deadline}`, unitId, async (trx) => {
            await lock(s, trx, 'tracking_items', d.id);
            const row = await itemRow(trx, unitId, d.id);
            if (!row || !OPEN_STATUSES.includes(row.status) || row.deadline !== d.deadline) return;
            const people = await activePeople(trx, await spec.recipients(trx, row));
            if (people.length === 0) return;
            const sent = await notifyEach(s, trx, {
              unitId,
              userIds: people.map((p) => p.id),
              kind: `tracking.${spec.kind}`,
              subjectType: 'tracking_item',
              subjectId: row.id,
              ...spec.notice(row, m),
            });
            const name = new Map(people.map((p) => [p.id, p.name]));
            await addEvent(trx, {
              unitId,
              itemId: row.id,
              kind: spec.kind,
              actor: null,
              text: spec.event(people.map((p) => p.name).join('、')),
              data: {
                deadline: row.deadline,
                recipients: sent.map((x) => ({
                  userId: x.userId,
                  name: name.get(x.userId) ?? '',
                  noticeId: x.noticeId,
                })),
              },
              at: now.toISOString(),
            });
          });
          if (done) n++;
        }
      }
      return n;
    },
  };
}

/** How many digest lines name overdue items. */
const DIGEST_TOP = 5;

/**
 * On the first working day of each ISO week (Monday, or the first after a
 * holiday), from 09:00, each division head with open items in their ledger gets
 * one summary; a head with none gets nothing. Claimed once per head and week.
 * Only that day: a digest arriving mid-week would be stale beside the ledger.
 */
const weeklyDigest: Job = {
  name: 'tracking.digest',
  async run(s, now) {
    let n = 0;
    for (const unitId of await units(s)) {
      const m = await workingMorning(s, unitId, now);
      if (!m) continue;
      if (firstWorkdayOfWeek(m.cal, m.today) !== m.today) continue;
      const week = isoWeek(m.today);
      const bounds = lightBounds(m.cal, m.today, lightSettings(m.regime));
      for (const head of await headsToDigest(s.db.kysely, unitId, 'tracking.digest', week.key)) {
        let sent = false;
        await once(s, 'tracking.digest', `${head.userId}:${week.key}`, unitId, async (trx) => {
          const c = await digestCounts(trx, unitId, head, bounds);
          if (c.open === 0) return;
          const [year, w] = week.key.split('-W');
          const top = c.topOverdue
            .slice(0, DIGEST_TOP)
            .map(
              (t, i) =>
                `${i + 1}. ${t.topicTitle}：${t.decisionText.slice(0, 60)}（完成时限 ${dateCn(t.deadline)}，逾期 ${workingDaysBetween(
                  m.cal,
                  t.deadline,
                  m.today,
                )} 个工作日）`,
            );
          await notify(s, trx, {
            unitId,
            userIds: [head.userId],
            kind: 'tracking.digest',
            subjectType: 'tracking_ledger',
            subjectId: week.key,
            title: `督办周报（${year}年第${Number(w)}周）：在办督办事项 ${c.open} 项`,
            body: [
              `红灯（逾期）${c.red} 项，黄灯（临期）${c.yellow} 项，停滞 ${c.stalled} 项；` +
                `待您确认办结 ${c.awaitingConfirmation} 项，待您审批的延期申请 ${c.pendingExtensions} 项。`,
              ...(top.length ? ['逾期事项：', ...top] : []),
            ].join('\n'),
          });
          sent = true;
        });
        if (sent) n++;
      }
    }
    return n;
  },
};

/** The 督办 jobs, joined to the others where the scheduler is built (server/jobs.ts). */
export const TRACKING_JOBS: readonly Job[] = [
  reminderJob(yellowSpec),
  reminderJob(overdueSpec),
  reminderJob(escalationSpec),
  weeklyDigest,
];
