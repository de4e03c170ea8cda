import { z } from 'zod';

/** API shapes of the integrity checks (R5.7): sealed minutes and stored material. */

/** On each minutes DTO: whether its text still matches its seal (null for unsealed drafts). */
export const minutesIntegrityBadge = z.object({ verified: z.boolean(), checkedAt: z.string() }).nullable();

export const integrityProblemDto = z.object({
  kind: z.enum(['minutes_content', 'blob_mismatch', 'blob_missing']),
  subjectId: z.string(),
  message: z.string(),
});

/** GET /api/integrity: the whole unit, for the supervision office. */
export const integrityReportDto = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  minutes: z.object({ checked: z.number(), mismatched: z.number() }),
  blobs: z.object({ checked: z.number(), mismatched: z.number(), missing: z.number() }),
  problems: z.array(integrityProblemDto),
});
export type IntegrityReportDto = z.infer<typeof integrityReportDto>;

/** GET /api/minutes/:id/integrity: one minutes, for whoever may read it. */
export const minutesIntegrityDto = z.object({
  minutesId: z.string(),
  sealed: z.boolean(),
  verified: z.boolean(),
  checkedAt: z.string(),
  contentHash: z.string().nullable(),
  hashAlg: z.string().nullable(),
  message: z.string(),
});
export type MinutesIntegrityDto = z.infer<typeof minutesIntegrityDto>;
