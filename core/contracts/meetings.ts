import { z } from 'zod';
import { MEETING_KINDS, MEETING_STATUSES, ATTENDANCE } from '../meetings.js';
import { MONTHLY_VERDICTS } from '../compliance.js';
import { cursorPage, cursorParams, id, text } from './common.js';
import { attachmentDto } from './topics.js';

/** API shapes of meetings (§3), leave and attendance. */

// ---- meetings ----
export const meetingBody = z.strictObject({
  divisionId: id,
  kind: z.enum(MEETING_KINDS),
  title: text(100).optional(),
  startsAt: z.iso.datetime({ offset: true }),
  place: text(100),
  chairId: id.optional(),
  recorderId: id.optional(),
  agenda: z.array(id).max(50),
  observerIds: z.array(id).max(100).optional(),
  /** 补录 (R3.5): a meeting held on paper, entered afterwards; startsAt is then in the past. */
  backfill: z.strictObject({ reason: text(500) }).optional(),
});
export const updateMeetingBody = z.strictObject({
  version: z.int().min(1),
  title: text(100).optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  place: text(100).optional(),
  chairId: id.optional(),
  recorderId: id.optional(),
  agenda: z.array(id).max(50).optional(),
  observerIds: z.array(id).max(100).optional(),
});
export const cancelMeetingBody = z.strictObject({ version: z.int().min(1), reason: text(500) });
export const leaveBody = z.strictObject({ reason: text(500) });
export const decideLeaveBody = z.strictObject({ approve: z.boolean(), note: z.string().trim().max(500).optional() });
export const attendanceBody = z.strictObject({
  marks: z
    .array(z.strictObject({ userId: id, attendance: z.enum(['present', 'late']) }))
    .min(1)
    .max(200),
});
/**
 * Check-in proves presence in the room: the QR code's rotating token, or — for
 * someone who scanned it before logging in — the ticket the token was exchanged
 * for at the moment of scanning.
 */
export const checkInBody = z.union([
  z.strictObject({ token: z.string().min(8).max(128) }),
  z.strictObject({ ticket: z.string().min(16).max(256) }),
]);
export const checkinTicketBody = z.strictObject({ token: z.string().min(8).max(128) });
/** Marking a topic not discussed or deferred; "discussed" comes from its record entry (R5.3). */
export const agendaOutcomeBody = z.strictObject({ outcome: z.enum(['deferred', 'not_discussed']) });

export const participantDto = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.enum(['participant', 'observer']),
  divisionName: z.string().nullable(),
  attendance: z.enum(ATTENDANCE).nullable(),
  finalAttendance: z.enum(ATTENDANCE).nullable(),
  checkedInAt: z.string().nullable(),
  noticeReadAt: z.string().nullable(),
  leave: z
    .object({
      id: z.string(),
      reason: z.string(),
      status: z.enum(['pending', 'approved', 'rejected']),
      note: z.string().nullable(),
      decidedAt: z.string().nullable(),
      /** R3.7: whether this user may decide it now (the page shows the buttons only then). */
      canDecide: z.boolean(),
    })
    .nullable(),
});
export const meetingDto = z.object({
  id: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  startsAt: z.string(),
  place: z.string(),
  chairId: z.string(),
  chairName: z.string(),
  recorderId: z.string(),
  recorderName: z.string(),
  convenedBy: z.string(),
  chairDesignatedBy: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  cancelReason: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** 补录: entered afterwards, why, by whom, and the paper minutes it rests on. */
  backfill: z
    .object({
      reason: z.string(),
      byName: z.string(),
      at: z.string(),
      paperMinutes: z
        .object({ filename: z.string(), fileType: z.string(), size: z.number(), sha256: z.string(), at: z.string() })
        .nullable(),
    })
    .nullable(),
  version: z.number(),
  agenda: z.array(
    z.object({
      topicId: z.string(),
      title: z.string(),
      position: z.number(),
      outcome: z.string().nullable(),
      importantMatter: z.boolean(),
      attachments: z.array(attachmentDto),
    }),
  ),
  participants: z.array(participantDto),
  counts: z.object({
    expected: z.number(),
    present: z.number(),
    leave: z.number(),
    absent: z.number(),
    observers: z.number(),
  }),
  changes: z.array(
    z.object({ at: z.string(), field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  ),
  myRole: z.enum(['participant', 'observer']).nullable(),
  abilities: z.object({
    edit: z.boolean(),
    notify: z.boolean(),
    start: z.boolean(),
    close: z.boolean(),
    cancel: z.boolean(),
    markAttendance: z.boolean(),
    requestLeave: z.boolean(),
    decideLeave: z.boolean(),
    showCheckin: z.boolean(),
    /** R3.4: the record, others' leave and receipts; observers do not see them. */
    readRecord: z.boolean(),
    uploadPaperMinutes: z.boolean(),
  }),
});
export type MeetingDto = z.infer<typeof meetingDto>;

export const meetingSummaryDto = z.object({
  id: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  startsAt: z.string(),
  place: z.string(),
  status: z.enum(MEETING_STATUSES),
  chairName: z.string(),
  backfilled: z.boolean(),
});
/** R3.5 per division and month: held (by the month it actually started), required, the verdict. */
export const monthlyDivisionDto = z.object({
  divisionId: z.string(),
  divisionName: z.string(),
  held: z.number(),
  scheduled: z.number(),
  required: z.number(),
  verdict: z.enum(MONTHLY_VERDICTS),
  /** How many of the held were entered afterwards as 补录. */
  backfilled: z.number(),
});
export type MonthlyDivisionDto = z.infer<typeof monthlyDivisionDto>;
export const monthlyDto = z.object({ month: z.string(), divisions: z.array(monthlyDivisionDto) });
export type MonthlyDto = z.infer<typeof monthlyDto>;
export const meetingsQuery = z.strictObject({
  divisionId: id.optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  ...cursorParams,
});
export const meetingSummaryPageDto = cursorPage(meetingSummaryDto);
export type MeetingSummaryPageDto = z.infer<typeof meetingSummaryPageDto>;
export type MeetingSummaryDto = z.infer<typeof meetingSummaryDto>;
export const monthlyQuery = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
/** The rotating check-in QR code's token and link. */
export const checkinTokenDto = z.object({ token: z.string(), url: z.string(), validForSeconds: z.number() });
export const checkinTicketDto = z.object({ ticket: z.string() });
/** A check-in's outcome; `already` when the user had checked in before. */
export const checkInOutcomeDto = z.object({ attendance: z.string(), checkedInAt: z.string(), already: z.boolean() });
export type CheckInOutcomeDto = z.infer<typeof checkInOutcomeDto>;
/** R3.4: whom the convener may invite to observe, with why. */
export const eligibleObserverDto = z.object({
  userId: z.string(),
  name: z.string(),
  divisionName: z.string().nullable(),
  kind: z.enum(['supervising_leader', 'supervision_office', 'other_division', 'unit_setting']),
});
export const eligibleObserverListDto = z.array(eligibleObserverDto);
export type EligibleObserverDto = z.infer<typeof eligibleObserverDto>;
/** The private iCal subscription address. */
export const calendarFeedDto = z.object({ url: z.string() });
