import { z } from 'zod';
import { DIVISION_KINDS, POSITIONS, UNIT_ROLES } from './org.js';
import { ACTIONS } from './policy.js';
import { regimeSettingsSchema, securitySettingsSchema } from './settings.js';

/**
 * The API's shapes, shared by the server (validation, OpenAPI) and the web client
 * (types). Request bodies are strict: unknown fields are rejected; every string
 * has a length limit.
 */

export const id = z.string().min(1).max(64);
const name = (max: number) => z.string().trim().min(1).max(max);
/** An approver's or reader's optional comment (issue 15): at most 500 characters; blank is none. */
export const optionalComment = z.string().trim().max(500).optional();

/** A list read page by page after an opaque cursor, never unbounded: `limit` items at most. */
export const cursorParams = {
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
};
/** One page of a cursor list; `nextCursor` is null on the last page. */
export function cursorPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

// ---- auth ----
export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const membershipDto = z.object({
  divisionId: z.string(),
  divisionName: z.string(),
  divisionKind: z.enum(DIVISION_KINDS),
  position: z.enum(POSITIONS),
  isRecorder: z.boolean(),
});

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
  csrfToken: z.string(),
  session: z.object({ idleMinutes: z.number(), expiresAt: z.string() }),
});
export type MeDto = z.infer<typeof meDto>;

// ---- divisions ----
export const divisionDto = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(DIVISION_KINDS),
  sortOrder: z.number(),
  active: z.boolean(),
  version: z.number(),
  memberCount: z.number(),
  headName: z.string().nullable(),
  recorderName: z.string().nullable(),
});
export type DivisionDto = z.infer<typeof divisionDto>;

export const createDivisionBody = z.strictObject({
  name: name(40),
  kind: z.enum(DIVISION_KINDS),
  sortOrder: z.int().min(0).max(10000).optional(),
});
export const updateDivisionBody = z.strictObject({
  name: name(40).optional(),
  kind: z.enum(DIVISION_KINDS).optional(),
  sortOrder: z.int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
  version: z.int().min(1),
});

// ---- users ----
export const userRoleDto = z.object({ role: z.enum(UNIT_ROLES), divisionIds: z.array(z.string()) });
export const userDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
  /** With the admin's sort number, which orders staff after head and deputies wherever names are listed. */
  memberships: z.array(membershipDto.extend({ sortOrder: z.number() })),
  roles: z.array(userRoleDto),
});
export type UserDto = z.infer<typeof userDto>;

const username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符');
const email = z.email().max(120).nullable().optional();
const phone = z
  .string()
  .trim()
  .max(20)
  .regex(/^[0-9+\- ]*$/, '电话号码格式不正确')
  .nullable()
  .optional();

export const createUserBody = z.strictObject({
  username,
  displayName: name(32),
  email,
  phone,
});
export const updateUserBody = z.strictObject({
  displayName: name(32).optional(),
  email,
  phone,
  active: z.boolean().optional(),
  version: z.int().min(1),
});
export const setMembershipsBody = z.strictObject({
  memberships: z
    .array(
      z.strictObject({
        divisionId: id,
        position: z.enum(POSITIONS),
        isRecorder: z.boolean(),
        /** Optional for older clients: the membership keeps its number (0 when new). */
        sortOrder: z.int().min(0).max(9999).optional(),
      }),
    )
    .max(20),
});
export const setRolesBody = z.strictObject({
  roles: z.array(z.strictObject({ role: z.enum(UNIT_ROLES), divisionIds: z.array(id).max(50).optional() })).max(10),
});
export const usersQuery = z.strictObject({
  q: z.string().trim().max(40).optional(),
  divisionId: id.optional(),
  ...cursorParams,
});

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
});
export const updateRegimeBody = z.strictObject({ value: regimeSettingsSchema, version: z.int().min(0) });

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

export const healthDto = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});
