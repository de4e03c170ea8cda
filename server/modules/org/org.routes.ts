import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import {
  createDivisionBody,
  createUserBody,
  createdUserDto,
  divisionDto,
  divisionListDto,
  divisionMembersDto,
  memberOrderBody,
  resetPasswordDto,
  setMembershipsBody,
  setRolesBody,
  updateDivisionBody,
  updateUserBody,
  userDto,
  usersPageDto,
  usersQuery,
} from '../../../core/contracts/org.js';
import { AppError } from '../../../core/errors.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { listDivisions, loadUserDto } from './org.repository.js';
import { listUsers } from './list-users.js';
import { createDivision, updateDivision } from './divisions.js';
import { createUser, lockUser, resetPassword, unlockUser, updateUser } from './users.js';
import { setMemberships, setRoles } from './assignments.js';
import { divisionMembers, setMemberOrder } from './member-order.js';

const idParams = z.strictObject({ id });
const tags = ['org'];

export function orgRoutes(app: ZApp, s: Services): void {
  // The directory every member of the unit may read. Divisions stay whole arrays (here and in the
  // admin list): a unit's org chart is a few dozen rows that change by hand, not with use.
  app.get(
    '/api/divisions',
    { schema: { tags, summary: '本单位处室（在用）', response: { 200: divisionListDto } } },
    async (req) => listDivisions(s.db.kysely, actorOf(req).unitId, { activeOnly: true }),
  );

  app.get(
    '/api/admin/divisions',
    {
      config: { requires: 'org.read' },
      schema: { tags, summary: '处室管理：全部处室', response: { 200: divisionListDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return listDivisions(s.db.kysely, actor.unitId);
    },
  );

  app.post(
    '/api/admin/divisions',
    {
      config: { requires: 'org.manage' },
      schema: { tags, summary: '新建处室', body: createDivisionBody, response: { 201: divisionDto } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await createDivision(s, actor, req.body, clientIp(req)));
    },
  );

  app.patch(
    '/api/admin/divisions/:id',
    {
      config: { requires: 'org.manage' },
      schema: { tags, summary: '修改处室', params: idParams, body: updateDivisionBody, response: { 200: divisionDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return updateDivision(s, actor, req.params.id, req.body, clientIp(req));
    },
  );

  app.get(
    '/api/admin/divisions/:id/members',
    {
      config: { requires: 'org.read' },
      schema: {
        tags,
        summary: '处室人员排序：在职人员按职务和排序号排列',
        params: idParams,
        response: { 200: divisionMembersDto },
      },
    },
    async (req) => divisionMembers(s.db.kysely, actorOf(req), req.params.id),
  );

  app.put(
    '/api/admin/divisions/:id/member-order',
    {
      config: { requires: 'org.manage' },
      schema: {
        tags,
        summary: '调整处室人员排序号（处长、副处长之后的人员按排序号排列）',
        params: idParams,
        body: memberOrderBody,
        response: { 200: divisionMembersDto },
      },
    },
    async (req) => setMemberOrder(s, actorOf(req), req.params.id, req.body, clientIp(req)),
  );

  app.get(
    '/api/admin/users',
    {
      config: { requires: 'org.read' },
      schema: {
        tags,
        summary: '人员列表（按游标分页，按用户名排序）',
        querystring: usersQuery,
        response: { 200: usersPageDto },
      },
    },
    async (req) => listUsers(s, actorOf(req), req.query),
  );

  app.get(
    '/api/admin/users/:id',
    {
      config: { requires: 'org.read' },
      schema: { tags, summary: '人员详情', params: idParams, response: { 200: userDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      const user = await loadUserDto(s.db.kysely, actor.unitId, req.params.id, s.clock.now());
      if (!user) throw new AppError('NOT_FOUND');
      return user;
    },
  );

  app.post(
    '/api/admin/users',
    {
      config: { requires: 'org.manage' },
      schema: {
        tags,
        summary: '新建人员（返回一次性初始密码）',
        body: createUserBody,
        response: { 201: createdUserDto },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await createUser(s, actor, req.body, clientIp(req)));
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { requires: 'org.manage' },
      schema: { tags, summary: '修改人员', params: idParams, body: updateUserBody, response: { 200: userDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return updateUser(s, actor, req.params.id, req.body, clientIp(req));
    },
  );

  app.put(
    '/api/admin/users/:id/memberships',
    {
      config: { requires: 'org.manage' },
      schema: {
        tags,
        summary: '设置所属处室与职务',
        params: idParams,
        body: setMembershipsBody,
        response: { 200: userDto },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return setMemberships(s, actor, req.params.id, req.body.memberships, clientIp(req));
    },
  );

  app.put(
    '/api/admin/users/:id/roles',
    {
      config: { requires: 'org.manage' },
      schema: { tags, summary: '设置单位角色', params: idParams, body: setRolesBody, response: { 200: userDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return setRoles(s, actor, req.params.id, req.body.roles, clientIp(req));
    },
  );

  app.post(
    '/api/admin/users/:id/reset-password',
    {
      config: { requires: 'org.manage' },
      schema: {
        tags,
        summary: '重置密码（返回一次性初始密码）',
        params: idParams,
        response: { 200: resetPasswordDto },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return resetPassword(s, actor, req.params.id, clientIp(req));
    },
  );

  app.post(
    '/api/admin/users/:id/unlock',
    {
      config: { requires: 'user.unlock' },
      schema: { tags, summary: '解除账号锁定', params: idParams, response: { 200: userDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      return unlockUser(s, actor, req.params.id, clientIp(req));
    },
  );

  app.post(
    '/api/admin/users/:id/lock',
    {
      config: { requires: 'user.lock' },
      schema: { tags, summary: '锁定账号（安全管理员；立即结束其会话）', params: idParams, response: { 200: userDto } },
    },
    async (req) => lockUser(s, actorOf(req), req.params.id, clientIp(req)),
  );
}
