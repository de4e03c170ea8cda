import { z } from 'zod';
import { MEETING_STATUSES } from '../meetings.js';
import { trackingCountsDto } from './tracking.js';

/** 工作台: what waits on the user. */
export const workbenchDto = z.object({
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
      /** The step the minutes wait at: none drafted yet, a draft, in review. */
      step: z.enum(['none', 'draft', 'in_review']),
    }),
  ),
  /** Meetings in session whose record I keep (待记录). */
  meetingsToRecord: z.array(z.object({ id: z.string(), title: z.string(), startedAt: z.string(), place: z.string() })),
  /** 督办: items of my ledger due soon and overdue. */
  tracking: trackingCountsDto,
  /** R6.4 整改: findings my division must answer (and how many are overdue); reports the office must verify. */
  rectifications: z.object({ toReport: z.number(), overdue: z.number(), toVerify: z.number() }),
});
export type WorkbenchDto = z.infer<typeof workbenchDto>;
