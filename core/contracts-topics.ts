import { z } from 'zod';
import { MATTER_FLAGS } from './settings.js';
import { TOPIC_STATUSES, DELEGATED_POWERS } from './topics.js';
import { MEETING_KINDS, MEETING_STATUSES, ATTENDANCE } from './meetings.js';
import { MONTHLY_VERDICTS } from './compliance.js';
import { cursorParams, id, optionalComment } from './contracts.js';
import { STANCES, BOUND_KINDS } from './record.js';
import { minutesIntegrityBadge } from './contracts-integrity.js';

/** API shapes of topics (§2), meetings (§3), leave, attendance and notices. */

const text = (max: number) => z.string().trim().min(1).max(max);

export const topicBody = z.strictObject({
  title: text(100),
  description: z.string().max(20000),
  category: text(60),
  matterFlags: z.array(z.enum(MATTER_FLAGS)).max(MATTER_FLAGS.length),
  /** Required with the funds flag: yuan with up to two decimals, e.g. "120000.00". */
  fundsAmountYuan: z
    .string()
    .regex(/^\d{1,13}(\.\d{1,2})?$/, '金额格式不正确（元，最多两位小数）')
    .nullable()
    .optional(),
  important: z.boolean(),
});
export const createTopicBody = topicBody.extend({ divisionId: id });
export const updateTopicBody = topicBody.extend({ version: z.int().min(1) });
export const versionBody = z.strictObject({ version: z.int().min(1) });
export const returnTopicBody = z.strictObject({ version: z.int().min(1), reason: text(500) });
/** Approving may carry a comment (stored with the topic's history); older clients send the version only. */
export const approveTopicBody = z.strictObject({ version: z.int().min(1), comment: optionalComment });
/** Signing and issuing may carry the issuer's comment, kept beside the sealed text (not in it). */
export const issueMinutesBody = z.strictObject({ version: z.int().min(1), comment: optionalComment });
/** The approver adds matter flags (R1.2, R4.1); nothing here removes one. */
export const addFlagsBody = z.strictObject({
  version: z.int().min(1),
  add: z.array(z.enum(MATTER_FLAGS)).max(MATTER_FLAGS.length),
  important: z.literal(true).optional(),
  fundsAmountYuan: z
    .string()
    .regex(/^\d{1,13}(\.\d{1,2})?$/, '金额格式不正确（元，最多两位小数）')
    .optional(),
});
/** R4.1: a decided topic that carried a larger-matter flag, and the meeting that decided it. */
export const decidedMatterDto = z.object({
  topicId: z.string(),
  title: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  matterFlags: z.array(z.enum(MATTER_FLAGS)),
  fundsAmountYuan: z.string().nullable(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingDay: z.string(),
  decisions: z.array(z.string()),
  minutesNumber: z.string().nullable(),
});

export const attachmentDto = z.object({
  id: z.string(),
  filename: z.string(),
  fileType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export const topicEventDto = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  note: z.string().nullable(),
});
export const topicDto = z.object({
  id: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  proposerId: z.string(),
  proposerName: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  matterFlags: z.array(z.enum(MATTER_FLAGS)),
  fundsAmountYuan: z.string().nullable(),
  important: z.boolean(),
  importantMatter: z.boolean(),
  status: z.enum(TOPIC_STATUSES),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attachments: z.array(attachmentDto),
  history: z.array(topicEventDto),
  /** R2.4 / R4.1: the flags and importance the topic's category implies under the unit's settings. */
  implied: z.object({ matterFlags: z.array(z.enum(MATTER_FLAGS)), important: z.boolean() }),
  abilities: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
    withdraw: z.boolean(),
    upload: z.boolean(),
    addFlags: z.boolean(),
  }),
});
export type TopicDto = z.infer<typeof topicDto>;

export const topicsQuery = z.strictObject({
  divisionId: id.optional(),
  status: z.enum(TOPIC_STATUSES).optional(),
  pool: z.enum(['true', 'false']).optional(),
  ...cursorParams,
});

export const delegationsBody = z.strictObject({
  delegations: z.array(z.strictObject({ userId: id, power: z.enum(DELEGATED_POWERS) })).max(40),
});
export const delegationDto = z.object({ userId: z.string(), userName: z.string(), power: z.enum(DELEGATED_POWERS) });

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

export const noticeDto = z.object({
  id: z.string(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

// ---- record (R5.1–R5.4, R6.1) ----
export const opinionBody = z.strictObject({
  speakerId: id,
  stance: z.enum(STANCES),
  /** Required except for 未发表意见 (checked by the use case with a Chinese message). */
  text: z.string().trim().max(200_000),
  /** 保留意见: carried verbatim into the minutes whatever the stance (R5.4). */
  reservation: z.boolean().optional(),
});
/**
 * R6.2: the responsible party is a person or a division of the unit, picked from
 * the org (at most one of the two), with optional co-responsible people; the
 * deadline is a Shanghai day not before the meeting's. Free text is a note only.
 */
export const decisionBody = z.strictObject({
  text: z.string().trim().min(1).max(200_000),
  outcome: z.enum(['adopted', 'rejected', 'deferred', 'escalated']),
  responsibleUserId: id.nullable().optional(),
  responsibleDivisionId: id.nullable().optional(),
  coResponsibleIds: z.array(id).max(20).optional(),
  note: z.string().trim().max(200).optional(),
  deadline: z.iso.date().nullable(),
});
export const recordEntryBody = z.strictObject({
  version: z.int().min(0),
  status: z.enum(['recorded', 'not_discussed', 'deferred']),
  discussion: z.string().max(200_000),
  opinions: z.array(opinionBody).max(100),
  decisions: z.array(decisionBody).max(50),
  /** After the meeting closed, a correction of the record is an amendment with a reason (audited). */
  amendmentReason: z.string().trim().min(1).max(500).optional(),
});
export const recordEntryDto = z.object({
  topicId: z.string(),
  topicTitle: z.string(),
  matterFlags: z.array(z.enum(MATTER_FLAGS)),
  status: z.enum(['recorded', 'not_discussed', 'deferred']).nullable(),
  discussion: z.string(),
  opinions: z.array(
    z.object({
      speakerId: z.string(),
      speakerName: z.string(),
      stance: z.enum(STANCES),
      text: z.string(),
      reservation: z.boolean().optional(),
    }),
  ),
  decisions: z.array(
    z.object({
      text: z.string(),
      outcome: z.enum(['adopted', 'rejected', 'deferred', 'escalated']),
      /** The responsible party's name as recorded (person or division). */
      responsible: z.string(),
      deadline: z.string().nullable(),
      responsibleUserId: z.string().nullable().optional(),
      responsibleDivisionId: z.string().nullable().optional(),
      coResponsible: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
      note: z.string().optional(),
      needsCompletion: z.boolean().optional(),
    }),
  ),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export const recordDto = z.object({
  meetingId: z.string(),
  locked: z.boolean(),
  canEdit: z.boolean(),
  /** After close and before the minutes are issued, the recorder may amend with a reason. */
  canAmend: z.boolean(),
  entries: z.array(recordEntryDto),
});
export type RecordEntryDto = z.infer<typeof recordEntryDto>;

// ---- minutes (R5.5–R5.7) ----
export const boundBlockDto = z.object({
  kind: z.enum(BOUND_KINDS),
  speakerId: z.string().nullable(),
  speakerName: z.string().nullable(),
  text: z.string(),
});
export const minutesContentDto = z.object({
  title: z.string(),
  opening: z.string(),
  sections: z.array(
    z.object({
      topicId: z.string(),
      heading: z.string(),
      marks: z.string(),
      narrative: z.string(),
      /** Rendered from the record; not editable in the minutes (R5.4). */
      blocks: z.array(boundBlockDto),
      recordVersion: z.number(),
    }),
  ),
  closing: z.string(),
  present: z.array(z.string()),
  leave: z.array(z.string()),
  observers: z.array(z.string()),
  recorder: z.string(),
  distribution: z.string(),
});
/**
 * The drafter writes the narrative of each section, nothing else: the sections
 * are the discussed topics in agenda order (R5.5); their headings, matter marks,
 * decisions and differing opinions are the server's (R1.2, R5.4).
 */
export const updateMinutesBody = z.strictObject({
  version: z.int().min(1),
  sections: z
    .array(
      z.strictObject({
        topicId: id,
        heading: z.string().trim().min(1).max(200).optional(),
        narrative: z.string().max(50_000),
      }),
    )
    .max(50),
});
export const minutesDto = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  status: z.enum(['draft', 'in_review', 'issued', 'superseded']),
  content: minutesContentDto,
  version: z.number(),
  number: z.string().nullable(),
  revision: z.number(),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  contentHash: z.string().nullable(),
  hashAlg: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issuedByName: z.string().nullable(),
  /** The issuer's comment when signing, if any. */
  issueComment: z.string().nullable(),
  /** Leaders' 批示: the comments the reported leaders left with 已阅, shown to the division. */
  instructions: z.array(z.object({ name: z.string(), comment: z.string(), at: z.string() })),
  /** R5.7: the stored text re-hashed on this read and held against the seal. */
  integrity: minutesIntegrityBadge,
  abilities: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    returnToDraft: z.boolean(),
    issue: z.boolean(),
    correct: z.boolean(),
  }),
});
export type MinutesDto = z.infer<typeof minutesDto>;
export const minutesSummaryDto = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingDate: z.string(),
  divisionName: z.string(),
  status: z.enum(['draft', 'in_review', 'issued', 'superseded']),
  number: z.string().nullable(),
  issuedAt: z.string().nullable(),
});
