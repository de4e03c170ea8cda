import { z } from 'zod';
import { MATTER_FLAGS } from '../settings.js';
import { TOPIC_STATUSES } from '../topics.js';
import { cursorPage, cursorParams, id, optionalComment, text } from './common.js';

/** API shapes of topics (§2). */

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
export const returnTopicBody = z.strictObject({ version: z.int().min(1), reason: text(500) });
/** Approving may carry a comment (stored with the topic's history); older clients send the version only. */
export const approveTopicBody = z.strictObject({ version: z.int().min(1), comment: optionalComment });
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

export const topicSummaryDto = z.object({
  id: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  proposerName: z.string(),
  title: z.string(),
  category: z.string(),
  status: z.enum(TOPIC_STATUSES),
  matterFlags: z.array(z.enum(MATTER_FLAGS)),
  importantMatter: z.boolean(),
  attachmentCount: z.number(),
  updatedAt: z.string(),
});
export type TopicSummaryDto = z.infer<typeof topicSummaryDto>;
export const topicsPageDto = cursorPage(topicSummaryDto);
export type TopicsPageDto = z.infer<typeof topicsPageDto>;
export const decidedMattersQuery = z.strictObject({
  divisionId: id.optional(),
  year: z.coerce.number().int().min(2000).max(2100),
  ...cursorParams,
});
export const decidedMatterPageDto = cursorPage(decidedMatterDto);
export type DecidedMatterPageDto = z.infer<typeof decidedMatterPageDto>;
/** An upload's answer: the stored file without who and when. */
export const uploadedAttachmentDto = attachmentDto.omit({ uploadedBy: true, createdAt: true });
