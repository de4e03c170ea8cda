import { z } from 'zod';
import { DISTRIBUTION_PURPOSES, DISTRIBUTION_STATUSES } from '../distribution.js';
import { cursorPage, cursorParams, optionalComment } from './common.js';

/** 已阅 may carry the reader's comment (a leader's 批示); older clients send no body at all (null). */
export const confirmReadBody = z.strictObject({ comment: optionalComment }).nullish();

// ---- distribution (R5.8–R5.10) ----
export const distributionEntryDto = z.object({
  id: z.string(),
  minutesId: z.string(),
  meetingId: z.string(),
  minutesNumber: z.string().nullable(),
  meetingTitle: z.string(),
  divisionName: z.string(),
  meetingDay: z.string(),
  purpose: z.enum(DISTRIBUTION_PURPOSES),
  recipientRole: z.string(),
  recipientName: z.string(),
  dueDate: z.string(),
  deadline: z.string(),
  provisional: z.boolean(),
  sentAt: z.string(),
  delivery: z.enum(['on_time', 'late']),
  readAt: z.string().nullable(),
  /** The comment left with 已阅, if any. */
  readComment: z.string().nullable(),
  receivedAt: z.string().nullable(),
  receivedByName: z.string().nullable(),
  /** report and circulate: read; file: signed for. */
  done: z.boolean(),
  abilities: z.object({ confirmRead: z.boolean(), receive: z.boolean() }),
});
export type DistributionEntryDto = z.infer<typeof distributionEntryDto>;

export const meetingDistributionDto = z.object({
  meetingId: z.string(),
  meetingDay: z.string(),
  workingDays: z.number(),
  dueDate: z.string(),
  deadline: z.string(),
  provisional: z.boolean(),
  status: z.enum(DISTRIBUTION_STATUSES),
  minutesId: z.string().nullable(),
  issuedAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
  entries: z.array(distributionEntryDto),
  counts: z.object({ total: z.number(), done: z.number() }),
});
export type MeetingDistributionDto = z.infer<typeof meetingDistributionDto>;

export const inboxQuery = z.strictObject({
  box: z.enum(['reading', 'filing']).default('reading'),
  state: z.enum(['open', 'done', 'all']).default('open'),
  ...cursorParams,
});

export const distributionOverviewDto = z.array(
  z.object({
    meetingId: z.string(),
    meetingTitle: z.string(),
    divisionName: z.string(),
    meetingDay: z.string(),
    dueDate: z.string(),
    deadline: z.string(),
    provisional: z.boolean(),
    status: z.enum(DISTRIBUTION_STATUSES),
    minutesId: z.string().nullable(),
    minutesNumber: z.string().nullable(),
    issuedAt: z.string().nullable(),
  }),
);
export type DistributionOverviewDto = z.infer<typeof distributionOverviewDto>;
export const distributionEntryPageDto = cursorPage(distributionEntryDto);
export type DistributionEntryPageDto = z.infer<typeof distributionEntryPageDto>;
export const deadlinesQuery = z.strictObject({
  status: z.enum(DISTRIBUTION_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...cursorParams,
});
export const distributionOverviewPageDto = cursorPage(distributionOverviewDto.element);
export type DistributionOverviewPageDto = z.infer<typeof distributionOverviewPageDto>;
