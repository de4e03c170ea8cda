import { z } from 'zod';
import { cursorPage, cursorParams, id, optionalComment, text } from './common.js';
import { LINE_STATES, REGISTER_KINDS } from '../registers.js';

/** API shapes of the bureau's registers (登记簿) and their R4.1 cross-check against decided topics. */

export const registerKindParams = z.strictObject({ kind: z.enum(REGISTER_KINDS) });

export const registerCountsDto = z.object({
  proposed: z.number(),
  confirmed: z.number(),
  finding: z.number(),
  dismissed: z.number(),
});

export const registerDto = z.object({
  id: z.string(),
  kind: z.enum(REGISTER_KINDS),
  /** 资金 / 项目 / …. */
  kindLabel: z.string(),
  filename: z.string(),
  lineCount: z.number(),
  /** The file's lines left out as already held by an earlier import of the kind. */
  skippedLines: z.number(),
  importedAt: z.string(),
  importedByName: z.string(),
  counts: registerCountsDto,
});
export type RegisterDto = z.infer<typeof registerDto>;

export const registersQuery = z.strictObject({ ...cursorParams });
export const registersPageDto = cursorPage(registerDto).extend({
  /** The actor may import registers and review matches. */
  canManage: z.boolean(),
});
export type RegistersPageDto = z.infer<typeof registersPageDto>;

export const registerLinesQuery = z.strictObject({
  ...cursorParams,
  divisionId: id.optional(),
  state: z.enum(LINE_STATES).optional(),
});
export type RegisterLinesQuery = z.infer<typeof registerLinesQuery>;

export const candidateDto = z.object({
  topicId: z.string(),
  title: z.string(),
  meetingId: z.string(),
  meetingDay: z.string(),
  /** Word overlap, 0–100. */
  score: z.number(),
});
export type CandidateDto = z.infer<typeof candidateDto>;

export const registerLineDto = z.object({
  id: z.string(),
  registerId: z.string(),
  lineNo: z.number(),
  kind: z.enum(REGISTER_KINDS),
  divisionId: z.string(),
  divisionName: z.string(),
  day: z.string(),
  amountYuan: z.string().nullable(),
  subject: z.string(),
  state: z.enum(LINE_STATES),
  stateLabel: z.string(),
  /** The proposed (or confirmed) topic; null for a finding. */
  match: candidateDto.nullable(),
  /** The best candidates, best first (the proposed one among them). */
  candidates: z.array(candidateDto),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
  version: z.number(),
  /** confirm / dismiss a proposed match; reopen any other line (match again, review again). */
  abilities: z.object({ confirm: z.boolean(), dismiss: z.boolean(), reopen: z.boolean() }),
});
export type RegisterLineDto = z.infer<typeof registerLineDto>;

export const registerLinesPageDto = cursorPage(registerLineDto).extend({ register: registerDto });
export type RegisterLinesPageDto = z.infer<typeof registerLinesPageDto>;

/**
 * POST /api/registers/import/:kind answers with the stored register and the file's lines
 * left out as repeating an earlier import (the first of them), each with that earlier line.
 */
export const importRegisterDto = registerDto.extend({
  skipped: z.array(z.object({ line: z.number(), earlier: z.string() })),
});
export type ImportRegisterDto = z.infer<typeof importRegisterDto>;

/** Confirm the proposed match (or another of the candidates); a reason is optional. */
export const confirmLineBody = z.strictObject({
  version: z.int().min(1),
  topicId: id.optional(),
  reason: optionalComment,
});
/** Reopen a confirmed, dismissed or finding line: matched again and back to review; the reason is required. */
export const reopenLineBody = z.strictObject({
  version: z.int().min(1),
  reason: text(500),
});
/** Dismiss the proposed match: the line becomes a finding; the reason is required. */
export const dismissLineBody = z.strictObject({
  version: z.int().min(1),
  reason: text(500),
});
