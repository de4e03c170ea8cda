import { z } from 'zod';
import { DIVISION_KINDS, POSITIONS, UNIT_ROLES } from '../org.js';
import { DELEGATED_POWERS } from '../topics.js';
import { cursorPage, cursorParams, id, text } from './common.js';

export const membershipDto = z.object({
  divisionId: z.string(),
  divisionName: z.string(),
  divisionKind: z.enum(DIVISION_KINDS),
  position: z.enum(POSITIONS),
  isRecorder: z.boolean(),
});

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
  name: text(40),
  kind: z.enum(DIVISION_KINDS),
  sortOrder: z.int().min(0).max(10000).optional(),
});
export const updateDivisionBody = z.strictObject({
  name: text(40).optional(),
  kind: z.enum(DIVISION_KINDS).optional(),
  sortOrder: z.int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
  version: z.int().min(1),
});

/** 处室人员排序: a division's active members in rank order (head, deputies, then staff by sort number). */
export const divisionMemberDto = z.object({
  userId: z.string(),
  name: z.string(),
  position: z.enum(POSITIONS),
  isRecorder: z.boolean(),
  sortOrder: z.number(),
});
export const divisionMembersDto = z.object({
  division: divisionDto,
  members: z.array(divisionMemberDto),
});
export type DivisionMembersDto = z.infer<typeof divisionMembersDto>;
/** The sort numbers of some or all of a division's members, against the division's version. */
export const memberOrderBody = z.strictObject({
  version: z.int().min(1),
  order: z
    .array(z.strictObject({ userId: id, sortOrder: z.int().min(0).max(9999) }))
    .min(1)
    .max(500),
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
  displayName: text(32),
  email,
  phone,
});
export const updateUserBody = z.strictObject({
  displayName: text(32).optional(),
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

// ---- delegations ----
export const delegationsBody = z.strictObject({
  delegations: z.array(z.strictObject({ userId: id, power: z.enum(DELEGATED_POWERS) })).max(40),
});
export const delegationDto = z.object({ userId: z.string(), userName: z.string(), power: z.enum(DELEGATED_POWERS) });

export const divisionListDto = z.array(divisionDto);
export const usersPageDto = cursorPage(userDto);
export type UsersPageDto = z.infer<typeof usersPageDto>;
export const createdUserDto = z.object({ user: userDto, initialPassword: z.string() });
export type CreatedUserDto = z.infer<typeof createdUserDto>;
export const resetPasswordDto = z.object({ initialPassword: z.string() });
export const delegationListDto = z.array(delegationDto);
export type DelegationDto = z.infer<typeof delegationDto>;

/** A division's members, for choosing a chair and a recorder. */
export const memberDto = z.object({
  userId: z.string(),
  name: z.string(),
  position: z.enum(POSITIONS),
  isRecorder: z.boolean(),
});
export type MemberDto = z.infer<typeof memberDto>;
export const memberListDto = z.array(memberDto);
/** The unit's directory: names and divisions. */
export const peopleDto = z.array(
  z.object({ userId: z.string(), name: z.string(), divisionName: z.string().nullable() }),
);
