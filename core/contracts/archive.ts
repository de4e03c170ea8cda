import { z } from 'zod';
import { cursorPage, cursorParams, id, text } from './common.js';
import {
  BLOCKER_KINDS,
  CHECK_RESULTS,
  DISPOSAL_DECISIONS,
  DIVISION_YEAR_STATES,
  FOUR_PROPERTIES,
  ITEM_STATES,
  RETENTION_PERIODS,
} from '../archive.js';

/** API shapes of archiving (归档, R5.7 / R1.3): division-years, archives, the 四性检测 report, appraisal. */

const year = z.coerce.number().int().min(2000).max(2100);

export const archivesQuery = z.strictObject({ year: year.optional() });

export const archiveBlockerDto = z.object({
  kind: z.enum(BLOCKER_KINDS),
  /** What stands in the way, in Chinese (the meeting's day and title, the item's decision). */
  message: z.string(),
  /** Where to fix it: the meeting, the minutes or the tracked item. */
  link: z.string().nullable(),
});
export type ArchiveBlockerDto = z.infer<typeof archiveBlockerDto>;

export const archiveSummaryDto = z.object({
  id: z.string(),
  archivedAt: z.string(),
  archivedByName: z.string(),
  itemCount: z.number(),
  fileCount: z.number(),
  packageSha256: z.string(),
  packageSize: z.number(),
  /** SHA-256 or SM3: the digests in the manifest. */
  hashAlg: z.string(),
  manifestDigest: z.string(),
  /** The 四性检测 at packaging passed. */
  checkOk: z.boolean(),
});
export type ArchiveSummaryDto = z.infer<typeof archiveSummaryDto>;

export const divisionYearDto = z.object({
  divisionId: z.string(),
  divisionName: z.string(),
  year: z.number(),
  state: z.enum(DIVISION_YEAR_STATES),
  stateLabel: z.string(),
  /** Issued minutes numbered in the year (versions in force). */
  minutesCount: z.number(),
  blockers: z.array(archiveBlockerDto),
  archive: archiveSummaryDto.nullable(),
});
export type DivisionYearDto = z.infer<typeof divisionYearDto>;

export const archivesOverviewDto = z.object({
  year: z.number(),
  /** Years with minutes or archives, newest first (the year picker). */
  years: z.array(z.number()),
  /** One row per division that holds division meetings; bounded by the org chart. */
  divisions: z.array(divisionYearDto),
  /** The general office: archives and appraises. */
  canManage: z.boolean(),
});
export type ArchivesOverviewDto = z.infer<typeof archivesOverviewDto>;

export const createArchiveBody = z.strictObject({ divisionId: id, year: z.int().min(2000).max(2100) });

export const checkProblemDto = z.object({ file: z.string().nullable(), message: z.string() });
export const checkOutcomeDto = z.object({
  id: z.string(),
  name: z.string(),
  result: z.enum(CHECK_RESULTS),
  scope: z.string(),
  problems: z.array(checkProblemDto),
});
export const propertyOutcomeDto = z.object({
  property: z.enum(FOUR_PROPERTIES),
  label: z.string(),
  result: z.enum(CHECK_RESULTS),
  checks: z.array(checkOutcomeDto),
});
export const checkReportDto = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  packageSha256: z.string(),
  packageSize: z.number(),
  manifestDigest: z.string().nullable(),
  summary: z
    .object({
      unitName: z.string(),
      fonds: z.string(),
      divisionName: z.string(),
      year: z.string(),
      items: z.number(),
      files: z.number(),
      hashAlg: z.string(),
      archivedAt: z.string(),
      archivedBy: z.string(),
    })
    .nullable(),
  properties: z.array(propertyOutcomeDto),
});
export type CheckReportDto = z.infer<typeof checkReportDto>;

/** A fresh check of the stored package, held against the ledger. */
export const archiveCheckDto = z.object({
  report: checkReportDto,
  /** The package in the store is the one archived: its SHA-256 is the ledger's. */
  matchesLedger: z.boolean(),
  /** The package file is missing from the store. */
  missing: z.boolean(),
});
export type ArchiveCheckDto = z.infer<typeof archiveCheckDto>;

export const archiveDecisionDto = z.object({
  id: z.string(),
  decision: z.enum(DISPOSAL_DECISIONS),
  decisionLabel: z.string(),
  fromRetention: z.enum(RETENTION_PERIODS),
  toRetention: z.enum(RETENTION_PERIODS).nullable(),
  reason: z.string(),
  appraisers: z.string(),
  reference: z.string(),
  decidedByName: z.string(),
  decidedAt: z.string(),
});
export type ArchiveDecisionDto = z.infer<typeof archiveDecisionDto>;

export const archiveItemDto = z.object({
  id: z.string(),
  archiveId: z.string(),
  divisionName: z.string(),
  year: z.number(),
  seq: z.number(),
  /** 档号. */
  code: z.string(),
  /** 题名, 文件编号. */
  title: z.string(),
  number: z.string(),
  /** 日期 (YYYYMMDD), 页数. */
  docDate: z.string(),
  pages: z.number(),
  retention: z.enum(RETENTION_PERIODS),
  retentionLabel: z.string(),
  /** 到期鉴定 from this day; null for permanent. */
  dueDay: z.string().nullable(),
  due: z.boolean(),
  state: z.enum(ITEM_STATES),
  stateLabel: z.string(),
  meetingId: z.string(),
  minutesId: z.string(),
  /** The ten DA/T 46 fields as packed. */
  metadata: z.record(z.string(), z.string()),
  version: z.number(),
  decisions: z.array(archiveDecisionDto),
  abilities: z.object({ appraise: z.boolean(), destroy: z.boolean() }),
});
export type ArchiveItemDto = z.infer<typeof archiveItemDto>;

export const archiveFileDto = z.object({
  path: z.string(),
  role: z.string(),
  itemSeq: z.number().nullable(),
  size: z.number(),
  digest: z.string(),
  sha256: z.string(),
});

export const archiveDetailDto = archiveSummaryDto.extend({
  divisionId: z.string(),
  divisionName: z.string(),
  year: z.number(),
  divisionCode: z.string(),
  items: z.array(archiveItemDto),
  files: z.array(archiveFileDto),
  /** The 四性检测 at packaging. */
  report: checkReportDto,
});
export type ArchiveDetailDto = z.infer<typeof archiveDetailDto>;

export const appraisalQuery = z.strictObject({ ...cursorParams });
export const appraisalPageDto = cursorPage(archiveItemDto);
export type AppraisalPageDto = z.infer<typeof appraisalPageDto>;

/**
 * 到期鉴定 decision: destroy (never a permanent record) or keep longer (a longer period), with
 * the reason, the appraisal group and the decision's reference (批准文号).
 */
export const appraiseBody = z.strictObject({
  version: z.int().min(1),
  decision: z.enum(DISPOSAL_DECISIONS),
  retention: z.enum(RETENTION_PERIODS).optional(),
  reason: text(500),
  appraisers: text(200),
  reference: text(100),
});
