import { z } from 'zod';
import { UNIT_ROLES } from '../org.js';
import { ACTIONS } from '../policy.js';
import { membershipDto } from './org.js';

export const meDto = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
  }),
  unit: z.object({ id: z.string(), name: z.string(), isDemo: z.boolean() }),
  memberships: z.array(membershipDto),
  roles: z.array(z.enum(UNIT_ROLES)),
  supervisedDivisions: z.array(z.object({ id: z.string(), name: z.string() })),
  abilities: z.record(z.enum(ACTIONS), z.boolean()),
  /** Divisions where the user holds a division power (R2.2, R3.2): the page offers only these. */
  powers: z.object({ convene: z.array(z.string()), approveTopics: z.array(z.string()) }),
  /** R6.3: accountability cases the user is concerned in and has been told about (我的问责通知). */
  concernedCases: z.number(),
  csrfToken: z.string(),
  session: z.object({ idleMinutes: z.number(), expiresAt: z.string() }),
});
export type MeDto = z.infer<typeof meDto>;
