import { z } from 'zod';
import { cursorPage, cursorParams, id, text } from './common.js';
import { CASE_KINDS, CASE_STATUSES, EVIDENCE_KINDS } from '../accountability.js';

// ---- accountability cases (责任追究, R6.3) ----
const day = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM');
const subjectIds = z.array(id).max(20);
const title = text(200);

/** The list's filters; only those who may see cases get a list at all. */
export const casesQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  divisionId: id.optional(),
  ...cursorParams,
});
/** 我的问责通知: the cases the actor is concerned in and has been told about. */
export const myCasesQuery = z.strictObject({ ...cursorParams });

/**
 * Opening a case: from a tracked item, from another breach of the regime, or a
 * free lead. Without `subjectIds` the persons concerned default from the source
 * (the item's responsible person or the division's head); with it, exactly those.
 */
export const openCaseBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('item'),
    itemId: id,
    title: title.optional(),
    description: z.string().trim().max(4000).default(''),
    subjectIds: subjectIds.optional(),
  }),
  z.strictObject({
    kind: z.literal('monthly_meeting'),
    divisionId: id,
    month,
    title: title.optional(),
    description: z.string().trim().max(4000).default(''),
    subjectIds: subjectIds.optional(),
  }),
  z.strictObject({
    kind: z.literal('minutes_late'),
    meetingId: id,
    title: title.optional(),
    description: z.string().trim().max(4000).default(''),
    subjectIds: subjectIds.optional(),
  }),
  z.strictObject({
    kind: z.literal('finding'),
    findingId: id,
    title: title.optional(),
    description: z.string().trim().max(4000).default(''),
    subjectIds: subjectIds.optional(),
  }),
  z.strictObject({
    kind: z.literal('other'),
    divisionId: id.optional(),
    title,
    description: text(4000),
    subjectIds: subjectIds.optional(),
  }),
  z.strictObject({
    kind: z.literal('lead'),
    divisionId: id.optional(),
    title,
    description: text(4000),
    subjectIds: subjectIds.optional(),
  }),
]);
export type OpenCaseBody = z.infer<typeof openCaseBody>;

// ---- steps: each names the case's version it acts on (a stale one is 409) ----
const versioned = { version: z.int().min(1) };
export const caseNoteBody = z.strictObject({ ...versioned, note: z.string().trim().max(2000).default('') });
export const fileCaseBody = z.strictObject({
  ...versioned,
  note: z.string().trim().max(2000).default(''),
  /** 立案 may name the persons concerned anew (a lead often names nobody at first). */
  subjectIds: subjectIds.optional(),
});
export const dismissCaseBody = z.strictObject({ ...versioned, reason: text(2000) });
export const investigateCaseBody = z.strictObject({
  ...versioned,
  /** The notice the persons concerned read: what they are asked to explain, by when. */
  notice: text(4000),
});
export const caseTextBody = z.strictObject({
  ...versioned,
  text: text(10000),
  attachmentIds: z.array(id).max(20).default([]),
});
export const proposeCaseBody = z.strictObject({ ...versioned, measure: text(60), reason: text(4000) });
export const decideCaseBody = z
  .strictObject({
    ...versioned,
    measure: text(60),
    /** Who decided: the body or person (e.g. 局党组会议). */
    decidedBy: text(100),
    decidedOn: day,
    /** The meeting that decided: one of the unit's meetings, or a free reference. */
    meetingId: id.optional(),
    meetingReference: z.string().trim().max(200).default(''),
    text: text(4000),
  })
  .refine((b) => b.meetingId !== undefined || b.meetingReference.length > 0, {
    message: '请注明作出决定的会议（选择会议或填写会议名称、文号）',
    path: ['meetingReference'],
  });

// ---- answers ----
const person = z.object({ id: z.string(), name: z.string() });
const attachmentRef = z.object({
  id: z.string(),
  filename: z.string(),
  size: z.number(),
  fileType: z.string(),
  sha256: z.string(),
});

export const caseAbilitiesDto = z.object({
  preliminary: z.boolean(),
  file: z.boolean(),
  dismiss: z.boolean(),
  investigate: z.boolean(),
  statement: z.boolean(),
  evidence: z.boolean(),
  propose: z.boolean(),
  decide: z.boolean(),
  archive: z.boolean(),
  verify: z.boolean(),
});

export const caseSummaryDto = z.object({
  id: z.string(),
  version: z.number(),
  kind: z.enum(CASE_KINDS),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  divisionId: z.string().nullable(),
  divisionName: z.string().nullable(),
  subjects: z.array(person),
  openedBy: z.string(),
  openedAt: z.string(),
  bundleHash: z.string(),
  updatedAt: z.string(),
});
export type CaseSummaryDto = z.infer<typeof caseSummaryDto>;
export const casesPageDto = cursorPage(caseSummaryDto);

export const caseEventDto = z.object({
  id: z.string(),
  seq: z.number(),
  kind: z.string(),
  actorName: z.string(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export const caseEvidenceDto = z.object({
  id: z.string(),
  seq: z.number(),
  kind: z.enum(EVIDENCE_KINDS),
  sha256: z.string(),
  prevHash: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
  payload: z.unknown(),
  attachments: z.array(attachmentRef),
});
export const caseDecisionDto = z.object({
  measure: z.string(),
  decidedBy: z.string(),
  decidedOn: z.string(),
  meetingId: z.string().nullable(),
  meetingReference: z.string(),
  text: z.string(),
  recordedAt: z.string(),
});
export const caseDetailDto = caseSummaryDto.extend({
  description: z.string(),
  source: z.object({
    itemId: z.string().nullable(),
    meetingId: z.string().nullable(),
    month: z.string().nullable(),
  }),
  notice: z.object({ text: z.string(), at: z.string() }).nullable(),
  dismissReason: z.string().nullable(),
  proposal: z.object({ measure: z.string(), reason: z.string(), at: z.string() }).nullable(),
  decision: caseDecisionDto.nullable(),
  timeline: z.array(caseEventDto),
  evidence: z.array(caseEvidenceDto),
  /** The unit's list of measures (处理意见 and 决定 choose from it). */
  measures: z.array(z.string()),
  abilities: caseAbilitiesDto,
});
export type CaseDetailDto = z.infer<typeof caseDetailDto>;

/** What a person concerned reads of their case: the notice, their own statements, the decision. */
export const caseNoticeDto = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(CASE_STATUSES),
  notice: z.object({ text: z.string(), at: z.string() }),
  statements: z.array(
    z.object({ seq: z.number(), text: z.string(), at: z.string(), attachments: z.array(attachmentRef) }),
  ),
  decision: caseDecisionDto.omit({ meetingId: true }).nullable(),
  abilities: z.object({ statement: z.boolean() }),
});
export type CaseNoticeDto = z.infer<typeof caseNoticeDto>;
export const caseNoticesPageDto = cursorPage(caseNoticeDto);

/** The evidence recomputed from what is stored: each row's hash, the chain, and the bundle frozen at opening. */
export const evidenceCheckDto = z.object({
  result: z.enum(['match', 'mismatch']),
  bundleHash: z.string(),
  recomputedBundleHash: z.string().nullable(),
  rows: z.array(
    z.object({
      seq: z.number(),
      kind: z.enum(EVIDENCE_KINDS),
      sha256: z.string(),
      recomputed: z.string(),
      /** The stored text is the canonical form of its envelope, naming this case and this place in the chain. */
      wellFormed: z.boolean(),
      /** prev_hash is the previous row's hash (null for the first). */
      chained: z.boolean(),
      ok: z.boolean(),
    }),
  ),
  checkedAt: z.string(),
});
export type EvidenceCheckDto = z.infer<typeof evidenceCheckDto>;
export const caseAttachmentDto = attachmentRef;
