import { z } from 'zod';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { toNumber } from '../../platform/db/database.js';
import { holdsPower } from '../../../core/topics.js';
import { MEETING_STATUSES, type MeetingStatus } from '../../../core/meetings.js';
import { shanghaiDayOfMonth, shanghaiMonth } from '../../../core/shanghai-time.js';
import { loadDelegations } from '../topics/topics.repository.js';
import { monthlyTally } from '../meetings/monthly.repository.js';

const workbenchDto = z.object({
  topicsToApprove: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      divisionName: z.string(),
      proposerName: z.string(),
      submittedAt: z.string().nullable(),
    }),
  ),
  leaveToDecide: z.array(
    z.object({
      meetingId: z.string(),
      leaveId: z.string(),
      meetingTitle: z.string(),
      userName: z.string(),
      reason: z.string(),
    }),
  ),
  meetingsToAttend: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      startsAt: z.string(),
      place: z.string(),
      status: z.enum(MEETING_STATUSES),
      role: z.string(),
      noticeRead: z.boolean(),
    }),
  ),
  unreadNotices: z.number(),
  /** R3.5: my divisions that have not yet held the required number of meetings this month (after the 20th). */
  monthlyReminders: z.array(
    z.object({
      divisionId: z.string(),
      divisionName: z.string(),
      scheduled: z.number(),
      held: z.number(),
      required: z.number(),
    }),
  ),
  /** R5.8–R5.9: minutes sent to me that I have not confirmed 已阅. */
  minutesToRead: z.number(),
  /** R5.10: filings the supervision office has not signed for. */
  filingsToSign: z.number(),
  /** R5.8: meetings whose minutes I draft or sign and that are not issued yet, with their deadline. */
  minutesDue: z.array(
    z.object({
      meetingId: z.string(),
      meetingTitle: z.string(),
      dueDate: z.string(),
      provisional: z.boolean(),
      status: z.enum(['pending', 'overdue']),
    }),
  ),
});

/** 工作台: what waits on the user. */
export function workbenchRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/workbench',
    { schema: { tags: ['workbench'], summary: '我的待办', response: { 200: workbenchDto } } },
    async (req) => {
      const actor = actorOf(req);
      const now = s.clock.now();
      const k = s.db.kysely;
      const leaderOf = actor.memberships.filter((m) => m.position !== 'staff').map((m) => m.divisionId);
      const approveIn: string[] = [];
      for (const d of leaderOf)
        if (holdsPower(actor, d, await loadDelegations(k, actor.unitId, d), 'approve_topics')) approveIn.push(d);
      const headOf = actor.memberships.filter((m) => m.position === 'head').map((m) => m.divisionId);

      const [topics, leaves, meetings, unread] = await Promise.all([
        approveIn.length === 0
          ? Promise.resolve([])
          : k
              .selectFrom('topics as t')
              .innerJoin('divisions as d', 'd.id', 't.division_id')
              .innerJoin('users as u', 'u.id', 't.proposer_id')
              .select(['t.id', 't.title', 'd.name', 'u.display_name', 't.submitted_at'])
              .where('t.unit_id', '=', actor.unitId)
              .where('t.division_id', 'in', approveIn)
              .where('t.status', '=', 'submitted')
              // R2.2: one's own topic goes to the head, not to one's own list.
              .where('t.proposer_id', '!=', actor.userId)
              .orderBy('t.submitted_at')
              .execute(),
        k
          .selectFrom('leave_requests as l')
          .innerJoin('meetings as m', 'm.id', 'l.meeting_id')
          .innerJoin('users as u', 'u.id', 'l.user_id')
          .innerJoin('memberships as h', (j) =>
            j.onRef('h.division_id', '=', 'm.division_id').on('h.position', '=', 'head'),
          )
          .select([
            'l.id',
            'l.meeting_id',
            'm.title',
            'u.display_name',
            'l.reason',
            'l.user_id',
            'h.user_id as head_id',
            'm.chair_id',
          ])
          .where('l.unit_id', '=', actor.unitId)
          .where('l.status', '=', 'pending')
          .where('m.status', 'in', ['planned', 'notified'])
          .execute(),
        k
          .selectFrom('participants as p')
          .innerJoin('meetings as m', 'm.id', 'p.meeting_id')
          .select([
            'm.id',
            'm.title',
            'm.starts_at',
            'm.place',
            'm.status',
            'p.role',
            'p.notice_read_at',
            'm.notified_at',
          ])
          .where('p.user_id', '=', actor.userId)
          .where('m.status', 'in', ['notified', 'in_session'])
          .where('m.starts_at', '>=', new Date(now.getTime() - 86400_000).toISOString())
          .orderBy('m.starts_at')
          .execute(),
        k
          .selectFrom('notices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', actor.unitId)
          .where('user_id', '=', actor.userId)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);

      // R3.5: after the 20th, a head whose division has not yet met the unit's monthly number is reminded.
      const heads = actor.memberships.filter((x) => x.position === 'head' && x.divisionKind !== 'leadership');
      const reminders =
        heads.length > 0 && shanghaiDayOfMonth(now) > 20
          ? (
              await monthlyTally(
                k,
                actor.unitId,
                heads.map((m) => ({ id: m.divisionId, name: m.divisionName })),
                shanghaiMonth(now),
                now,
              )
            )
              .filter((d) => d.verdict !== 'met')
              .map(({ divisionId, divisionName, scheduled, held, required }) => ({
                divisionId,
                divisionName,
                scheduled,
                held,
                required,
              }))
          : [];
      const offices = actor.memberships.filter((m) => m.divisionKind === 'supervision_office').map((m) => m.divisionId);
      const [toRead, toSign, due] = await Promise.all([
        k
          .selectFrom('distribution_entries as e')
          .innerJoin('minutes as n', 'n.id', 'e.minutes_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('e.recipient_id', '=', actor.userId)
          .where('e.purpose', 'in', ['report', 'circulate'])
          .where('e.read_at', 'is', null)
          .where('n.status', '=', 'issued')
          .executeTakeFirstOrThrow(),
        offices.length === 0
          ? Promise.resolve({ n: 0 })
          : k
              .selectFrom('distribution_entries as e')
              .innerJoin('minutes as n', 'n.id', 'e.minutes_id')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('e.recipient_division_id', 'in', offices)
              .where('e.purpose', '=', 'file')
              .where('e.received_at', 'is', null)
              .where('n.status', '=', 'issued')
              .executeTakeFirstOrThrow(),
        k
          .selectFrom('distributions as x')
          .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
          .select(['x.meeting_id', 'm.title', 'x.due_date', 'x.provisional', 'x.status'])
          .where('x.unit_id', '=', actor.unitId)
          .where('x.status', 'in', ['pending', 'overdue'])
          .where((eb) =>
            eb.or([
              eb('m.recorder_id', '=', actor.userId),
              ...(headOf.length > 0 ? [eb('x.division_id', 'in', headOf)] : []),
            ]),
          )
          .orderBy('x.due_date')
          .execute(),
      ]);
      return {
        minutesToRead: toNumber(toRead.n),
        filingsToSign: toNumber(toSign.n),
        minutesDue: due.map((d) => ({
          meetingId: d.meeting_id,
          meetingTitle: d.title,
          dueDate: d.due_date,
          provisional: Number(d.provisional) === 1,
          status: d.status as 'pending' | 'overdue',
        })),
        topicsToApprove: topics.map((t) => ({
          id: t.id,
          title: t.title,
          divisionName: t.name,
          proposerName: t.display_name,
          submittedAt: t.submitted_at,
        })),
        leaveToDecide: leaves
          .filter((l) => (l.user_id === l.head_id ? l.chair_id : l.head_id) === actor.userId)
          .map((l) => ({
            meetingId: l.meeting_id,
            leaveId: l.id,
            meetingTitle: l.title,
            userName: l.display_name,
            reason: l.reason,
          })),
        meetingsToAttend: meetings.map((m) => ({
          id: m.id,
          title: m.title,
          startsAt: m.starts_at,
          place: m.place,
          status: m.status as MeetingStatus,
          role: m.role,
          noticeRead: !!m.notice_read_at,
        })),
        unreadNotices: toNumber(unread.n),
        monthlyReminders: reminders,
      };
    },
  );
}
