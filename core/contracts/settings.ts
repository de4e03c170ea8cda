import { z } from 'zod';
import { regimeSettingsSchema, securitySettingsSchema } from '../settings.js';

// ---- settings ----
export const securitySettingsDto = z.object({
  value: securitySettingsSchema,
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export const updateSecurityBody = z.strictObject({ value: securitySettingsSchema, version: z.int().min(0) });
export const regimeSettingsDto = z.object({
  value: regimeSettingsSchema,
  version: z.number(),
  updatedAt: z.string().nullable(),
  /** The month the unit was created (Shanghai): the regime's start while `regimeStartMonth` is null. */
  unitCreatedMonth: z.string(),
});
export const updateRegimeBody = z.strictObject({ value: regimeSettingsSchema, version: z.int().min(0) });

/** Mail notices: on when the deployment set SMTP_URL; the outbox's counts. */
export const mailStatusDto = z.object({
  enabled: z.boolean(),
  server: z.string().nullable(),
  from: z.string(),
  pending: z.number(),
  failed: z.number(),
  sent: z.number(),
});
export type MailStatusDto = z.infer<typeof mailStatusDto>;
export type SecuritySettingsDto = z.infer<typeof securitySettingsDto>;
export type RegimeSettingsDto = z.infer<typeof regimeSettingsDto>;
