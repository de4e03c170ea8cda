import { z } from 'zod';
import { cursorPage, cursorParams, id, optionalComment, text, versionBody } from './common.js';
import { COMPLIANCE_CHECKS } from '../compliance.js';
import { CHECKLIST_RESULTS, FINDING_STATES, INSPECTION_LIMITS, INSPECTION_STATES } from '../inspections.js';
import { checkDefinitionDto } from './oversight.js';

/** API shapes of inspections (专项检查, R6.4) and their findings' rectification (整改). */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM（如 2026-04）' });
/** A recorded seed: letters, digits and hyphens, so it can be read out and typed again. */
const seed = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, { message: '抽样种子只能包含字母、数字和连字符（1–64 位）' });
/** A clause of the regulation, as the checklist cites it (R5.4, R5.8–R5.10). */
const clause = z
  .string()
  .trim()
  .regex(/^R\d\.\d{1,2}(–R\d\.\d{1,2})?$/, { message: '条款编号格式应为 R5.4 或 R5.8–R5.10' });
/** A link to the evidence inside the system: an app path, never another site or a script. */
export const evidenceLink = z.strictObject({
  label: text(100),
  href: z
    .string()
    .max(300)
    .regex(/^\/(?!\/)[A-Za-z0-9\-._~/?=&#%]*$/, { message: '证据链接须为本系统内的页面地址（以 / 开头）' }),
});
export type EvidenceLink = z.infer<typeof evidenceLink>;
const evidence = z.array(evidenceLink).max(10).default([]);
const workingDays = z.int().min(1).max(INSPECTION_LIMITS.maxDeadlineWorkingDays);

export const createInspectionBody = z
  .strictObject({
    title: text(100),
    from: month,
    to: month,
    divisionIds: z.array(id).min(1).max(60),
    checks: z.array(z.enum(COMPLIANCE_CHECKS)).min(1),
    sampleSize: z.int().min(1).max(INSPECTION_LIMITS.maxSamplePerDivision),
    seed: seed.optional(),
  })
  .refine((b) => b.from <= b.to, { message: '开始月份不能晚于结束月份', path: ['to'] });
export type CreateInspectionBody = z.infer<typeof createInspectionBody>;

/** Draw the sample again: with the seed given (to reproduce a draw) or a new one. */
export const redrawBody = z.strictObject({ version: z.int().min(1), seed: seed.optional() });
export const checklistBody = z.strictObject({
  version: z.int().min(1),
  items: z
    .array(z.strictObject({ clause, text: text(200) }))
    .min(1)
    .max(INSPECTION_LIMITS.maxChecklistItems),
});
export const startBody = versionBody;
/** One checklist item's result for one sampled minutes; `version` 0 records it the first time. */
export const resultBody = z.strictObject({
  sampleId: id,
  itemId: id,
  result: z.enum(CHECKLIST_RESULTS),
  comment: optionalComment,
  evidence,
  version: z.int().min(0),
});
export type ResultBody = z.infer<typeof resultBody>;
export const findingBody = z.strictObject({
  divisionId: id,
  sampleId: id.optional(),
  clause,
  description: text(2000),
  evidence,
});
export type FindingBody = z.infer<typeof findingBody>;
export const concludeBody = z.strictObject({ version: z.int().min(1), summary: text(4000) });

export const notifyBody = z.strictObject({ version: z.int().min(1), workingDays, text: text(2000) });
export const rectificationReportBody = z.strictObject({
  version: z.int().min(1),
  text: text(4000),
  fileIds: z.array(id).max(20).default([]),
});
export const closeFindingBody = z.strictObject({ version: z.int().min(1), note: optionalComment });
export const returnFindingBody = z.strictObject({ version: z.int().min(1), reason: text(500), workingDays });

export const inspectionsQuery = z.strictObject({ ...cursorParams });
export const findingsQuery = z.strictObject({
  ...cursorParams,
  state: z.enum(FINDING_STATES).optional(),
  divisionId: id.optional(),
});
export type FindingsQuery = z.infer<typeof findingsQuery>;

export const findingFileDto = z.object({
  id: z.string(),
  filename: z.string(),
  fileType: z.string(),
  size: z.number(),
});
const fileDto = findingFileDto;

export const findingEventDto = z.object({
  kind: z.string(),
  text: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
  files: z.array(fileDto),
});

export const findingDto = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionTitle: z.string(),
  seq: z.number(),
  divisionId: z.string(),
  divisionName: z.string(),
  sampleId: z.string().nullable(),
  clause: z.string(),
  description: z.string(),
  evidence: z.array(evidenceLink),
  state: z.enum(FINDING_STATES),
  stateLabel: z.string(),
  overdue: z.boolean(),
  deadline: z.string().nullable(),
  noticeText: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  reportText: z.string().nullable(),
  reportedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  caseId: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  abilities: z.object({
    notify: z.boolean(),
    report: z.boolean(),
    close: z.boolean(),
    return: z.boolean(),
    openCase: z.boolean(),
  }),
});
export type FindingDto = z.infer<typeof findingDto>;
export const findingDetailDto = findingDto.extend({
  events: z.array(findingEventDto),
  /** Files uploaded for the next 整改报告, not yet bound to one. */
  pendingFiles: z.array(fileDto),
});
export type FindingDetailDto = z.infer<typeof findingDetailDto>;
export const findingsPageDto = cursorPage(findingDto);
export type FindingsPageDto = z.infer<typeof findingsPageDto>;

export const inspectionSummaryDto = z.object({
  id: z.string(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  state: z.enum(INSPECTION_STATES),
  stateLabel: z.string(),
  divisionNames: z.array(z.string()),
  reportNumber: z.string().nullable(),
  createdAt: z.string(),
  concludedAt: z.string().nullable(),
  findings: z.object({ total: z.number(), open: z.number() }),
});
export type InspectionSummaryDto = z.infer<typeof inspectionSummaryDto>;
export const inspectionsPageDto = cursorPage(inspectionSummaryDto).extend({ canPlan: z.boolean() });
export type InspectionsPageDto = z.infer<typeof inspectionsPageDto>;

export const resultDto = z.object({
  itemId: z.string(),
  result: z.enum(CHECKLIST_RESULTS),
  resultLabel: z.string(),
  comment: z.string().nullable(),
  evidence: z.array(evidenceLink),
  recordedByName: z.string(),
  recordedAt: z.string(),
  version: z.number(),
});
export type ResultDto = z.infer<typeof resultDto>;

export const sampleDto = z.object({
  id: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  minutesId: z.string(),
  meetingId: z.string(),
  number: z.string(),
  day: z.string(),
  results: z.array(resultDto),
});
export type SampleDto = z.infer<typeof sampleDto>;

export const inspectionDetailDto = inspectionSummaryDto.extend({
  divisions: z.array(z.object({ id: z.string(), name: z.string(), candidates: z.number() })),
  checks: z.array(checkDefinitionDto),
  sampleSize: z.number(),
  seed: z.string(),
  items: z.array(z.object({ id: z.string(), seq: z.number(), clause: z.string(), text: z.string() })),
  samples: z.array(sampleDto),
  findingsList: z.array(findingDto),
  summary: z.string().nullable(),
  createdByName: z.string(),
  progress: z.object({ recorded: z.number(), total: z.number() }),
  version: z.number(),
  abilities: z.object({
    plan: z.boolean(),
    start: z.boolean(),
    record: z.boolean(),
    addFinding: z.boolean(),
    conclude: z.boolean(),
    report: z.boolean(),
  }),
});
export type InspectionDetailDto = z.infer<typeof inspectionDetailDto>;
