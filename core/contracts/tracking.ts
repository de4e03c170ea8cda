import { z } from 'zod';
import { cursorPage, cursorParams, id } from './common.js';
import { MATTER_FLAGS } from '../settings.js';
import { LIGHTS, TRACKING_STATUSES } from '../tracking.js';

// ---- execution tracking (督办, R6.2) ----
const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const trackingScopeEnum = z.enum(['mine', 'division', 'supervised', 'all']);

/** The ledger's filters; the scope is checked against the actor's roles (403 when not theirs). */
export const trackingListQuery = z.strictObject({
  scope: trackingScopeEnum.optional(),
  status: z.enum(TRACKING_STATUSES).optional(),
  light: z.enum([...LIGHTS, 'stalled']).optional(),
  divisionId: id.optional(),
  deadlineFrom: day.optional(),
  deadlineTo: day.optional(),
  /** Overdue by at least this many working days. */
  overdueDays: z.coerce.number().int().min(1).max(3650).optional(),
  matterFlag: z.enum(MATTER_FLAGS).optional(),
  sourceMinutesId: id.optional(),
  needsCompletion: z.enum(['true', 'false']).optional(),
  ...cursorParams,
});

/** The ledger's XLSX export: the list's filters without paging — every row the screen pages through. */
export const trackingExportQuery = trackingListQuery.omit({ cursor: true, limit: true });

const person = z.object({ id: z.string(), name: z.string() });
const attachmentRef = z.object({ id: z.string(), filename: z.string(), size: z.number(), fileType: z.string() });

export const trackingAbilitiesDto = z.object({
  assign: z.boolean(),
  report: z.boolean(),
  requestCompletion: z.boolean(),
  confirm: z.boolean(),
  return: z.boolean(),
  verify: z.boolean(),
  requestExtension: z.boolean(),
  decideExtension: z.boolean(),
  terminate: z.boolean(),
});

export const trackingItemDto = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(TRACKING_STATUSES),
  light: z.enum(LIGHTS).nullable(),
  stalled: z.boolean(),
  overdueWorkingDays: z.number(),
  /** The calendar years the lights touch were not yet published: provisional. */
  provisional: z.boolean(),
  sourceMinutesId: z.string(),
  sourceNumber: z.string(),
  sourceMeetingId: z.string(),
  sourceDivisionId: z.string(),
  sourceDivisionName: z.string(),
  topicId: z.string(),
  topicTitle: z.string(),
  decisionText: z.string(),
  /** The decision's sentence as the minutes carry it. */
  wording: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  responsibleUserId: z.string().nullable(),
  responsibleDivisionId: z.string().nullable(),
  responsibleName: z.string(),
  coResponsible: z.array(person),
  note: z.string(),
  needsCompletion: z.boolean(),
  originalDeadline: z.string().nullable(),
  deadline: z.string().nullable(),
  extensions: z.number(),
  matterFlags: z.array(z.enum(MATTER_FLAGS)),
  sampled: z.boolean(),
  terminationReference: z.string().nullable(),
  lastActivityDay: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  abilities: trackingAbilitiesDto,
});
export type TrackingItemDto = z.infer<typeof trackingItemDto>;

/** A reminder's recipient and when they read its notice (null: not yet). */
export const trackingReceiptDto = z.object({ userId: z.string(), name: z.string(), readAt: z.string().nullable() });

export const trackingEventDto = z.object({
  id: z.string(),
  /** created, report, …; the jobs' reminders are reminder (临期), overdue (逾期) and escalated (报监察室). */
  kind: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
  attachments: z.array(attachmentRef),
  /** For a reminder: each recipient with the read receipt of their notice; empty for other events. */
  receipts: z.array(trackingReceiptDto),
  at: z.string(),
});
export const trackingExtensionDto = z.object({
  id: z.string(),
  requestedBy: z.string(),
  reason: z.string(),
  fromDeadline: z.string(),
  newDeadline: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
});
export const trackingDetailDto = trackingItemDto.extend({
  timeline: z.array(trackingEventDto),
  extensionRequests: z.array(trackingExtensionDto),
});
export type TrackingDetailDto = z.infer<typeof trackingDetailDto>;

export const trackingPageDto = cursorPage(trackingItemDto).extend({
  scope: trackingScopeEnum,
  scopes: z.array(trackingScopeEnum),
});

// ---- commands: each names the item's version it acts on (a stale one is 409) ----
const versioned = { version: z.int().min(1) };
export const assignItemBody = z.strictObject({
  ...versioned,
  responsibleUserId: id.nullable().optional(),
  responsibleDivisionId: id.nullable().optional(),
  coResponsibleIds: z.array(id).max(20).optional(),
  deadline: day,
});
export const reportBody = z.strictObject({
  ...versioned,
  text: text(5000),
  attachmentIds: z.array(id).max(20).default([]),
});
export const reasonBody = z.strictObject({ ...versioned, reason: text(1000) });
export const verifyBody = z.strictObject({ ...versioned, note: z.string().trim().max(1000).default('') });
export const extensionBody = z.strictObject({ ...versioned, reason: text(1000), newDeadline: day });
export const decideExtensionBody = z.strictObject({
  ...versioned,
  approve: z.boolean(),
  note: z.string().trim().max(1000).default(''),
});
export const terminateBody = z.strictObject({
  ...versioned,
  /** The issued minutes number of the later meeting that decided to end it, e.g. 〔2026〕5号. */
  referenceNumber: text(60),
  reason: text(1000),
});
export const trackingAttachmentDto = attachmentRef;

/** 工作台: items of the actor's ledger due soon (yellow) and overdue (red). */
export const trackingCountsDto = z.object({ dueSoon: z.number(), overdue: z.number() });

// ---- 考评: the execution score per division and period (R6.2) ----
export const trackingScoresQuery = z
  .strictObject({ from: day, to: day, divisionId: id.optional() })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86400_000, {
    message: '统计期间最长三年',
    path: ['to'],
  });

export const divisionScoreDto = z.object({
  divisionId: z.string(),
  divisionName: z.string(),
  due: z.number(),
  completed: z.number(),
  completedOnTime: z.number(),
  onTimeRate: z.number().nullable(),
  completionRate: z.number().nullable(),
  overdueWorkingDays: z.number(),
  extensions: z.number(),
  terminated: z.number(),
  score: z.number().nullable(),
});
export const trackingScoresDto = z.object({
  from: z.string(),
  to: z.string(),
  /** The day the open items' overdue days are counted to. */
  asOf: z.string(),
  formula: z.string(),
  notes: z.array(z.string()),
  rows: z.array(divisionScoreDto),
});
export type TrackingScoresDto = z.infer<typeof trackingScoresDto>;
