import { z } from 'zod';
import { id } from './common.js';
import {
  CELL_RESULTS,
  COMPLIANCE_CHECKS,
  EVIDENCE_KINDS,
  EVIDENCE_STATES,
  MAX_MATRIX_MONTHS,
  monthsBetween,
} from '../compliance.js';

/** API shapes of the compliance matrix (R6.4): divisions × months × checks, and one cell's evidence. */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM（如 2026-04）' });

export const complianceQuery = z
  .strictObject({ from: month, to: month, divisionId: id.optional() })
  .refine((q) => q.from <= q.to, { message: '开始月份不能晚于结束月份', path: ['to'] })
  .refine((q) => q.from > q.to || monthsBetween(q.from, q.to).length <= MAX_MATRIX_MONTHS, {
    message: `一次最多查询 ${MAX_MATRIX_MONTHS} 个月`,
    path: ['to'],
  });
export type ComplianceQuery = z.infer<typeof complianceQuery>;

export const complianceCellQuery = z.strictObject({
  divisionId: id,
  month,
  check: z.enum(COMPLIANCE_CHECKS),
});
export type ComplianceCellQuery = z.infer<typeof complianceCellQuery>;

export const checkDefinitionDto = z.object({
  id: z.enum(COMPLIANCE_CHECKS),
  clause: z.string(),
  name: z.string(),
  rule: z.string(),
});

export const cellCountsDto = z.object({
  ok: z.number(),
  problem: z.number(),
  pending: z.number(),
  skipped: z.number(),
});

export const complianceCellDto = z.object({
  check: z.enum(COMPLIANCE_CHECKS),
  result: z.enum(CELL_RESULTS),
  /** 达标 / 未达标 / 不适用. */
  resultLabel: z.string(),
  counts: cellCountsDto,
  note: z.string().nullable(),
});
export type ComplianceCellDto = z.infer<typeof complianceCellDto>;

export const complianceMonthDto = z.object({
  month: z.string(),
  /** The month has not ended: its cells say how it stands so far. */
  soFar: z.boolean(),
  cells: z.array(complianceCellDto),
});

/** R6.4 得分 (core `complianceScore`): over the period's ended months, weighted by the unit's settings. */
export const complianceScoreDto = z.object({
  score: z.number().nullable(),
  passedWeight: z.number(),
  applicableWeight: z.number(),
  passed: z.number(),
  failed: z.number(),
  notApplicable: z.number(),
  months: z.number(),
});
export type ComplianceScoreDto = z.infer<typeof complianceScoreDto>;

/** R6.4 趋势 (core `passShareTrend`): a month's share of applicable checks that passed. */
export const trendPointDto = z.object({
  month: z.string(),
  soFar: z.boolean(),
  passed: z.number(),
  applicable: z.number(),
  share: z.number().nullable(),
});
export type TrendPointDto = z.infer<typeof trendPointDto>;

export const complianceRowDto = z.object({
  divisionId: z.string(),
  divisionName: z.string(),
  months: z.array(complianceMonthDto),
  score: complianceScoreDto,
  /** The division's pass share per month of the period. */
  trend: z.array(trendPointDto),
});

/** GET /api/oversight/compliance. */
export const complianceMatrixDto = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(z.object({ month: z.string(), soFar: z.boolean() })),
  /** When the matrix was computed (the server's clock). */
  asOf: z.string(),
  /** Whose rows: the whole bureau, or the divisions the reader supervises or heads (core `complianceScope`). */
  scope: z.enum(['bureau', 'divisions']),
  /** The first month the regime is in force (go-live); the months before it are 不适用. */
  regimeStartMonth: z.string(),
  checks: z.array(checkDefinitionDto),
  rows: z.array(complianceRowDto),
  /** The score's formula in Chinese, the weights it used and the total over the rows (the bureau, or the scope). */
  scoring: z.object({
    formula: z.string(),
    notes: z.array(z.string()),
    weights: z.record(z.enum(COMPLIANCE_CHECKS), z.number()),
    total: complianceScoreDto,
  }),
  /** The pass share per month over all the rows: bureau-wide for the bureau's readers, else the scope's. */
  trend: z.array(trendPointDto),
});
export type ComplianceMatrixDto = z.infer<typeof complianceMatrixDto>;

export const evidenceDto = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  id: z.string(),
  label: z.string(),
  link: z.string().nullable(),
  state: z.enum(EVIDENCE_STATES),
  detail: z.string(),
});
export type EvidenceDto = z.infer<typeof evidenceDto>;

/** GET /api/oversight/compliance/cell: one cell with the facts behind it. */
export const complianceCellDetailDto = complianceCellDto.extend({
  divisionId: z.string(),
  divisionName: z.string(),
  month: z.string(),
  soFar: z.boolean(),
  asOf: z.string(),
  definition: checkDefinitionDto,
  evidence: z.array(evidenceDto),
});
export type ComplianceCellDetailDto = z.infer<typeof complianceCellDetailDto>;
