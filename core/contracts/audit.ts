import { z } from 'zod';
import { cursorPage, cursorParams } from './common.js';

// ---- audit ----
export const auditQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(64).optional(),
  ...cursorParams,
});
export const auditEventDto = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  /** The action in Chinese (core/audit-events.ts). */
  actionLabel: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** 纪要：对外贸易处会议纪要〔2026〕3号 — a name, never business content. */
  subjectName: z.string().nullable(),
  outcome: z.enum(['success', 'failure']),
  ip: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof auditEventDto>;
export const verifyDto = z.object({
  ok: z.boolean(),
  count: z.number(),
  brokenAt: z.number().optional(),
  reason: z.string().optional(),
});
export const auditPageDto = cursorPage(auditEventDto);
export type AuditPageDto = z.infer<typeof auditPageDto>;
export type VerifyDto = z.infer<typeof verifyDto>;
