import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import { delegationListDto, delegationsBody, memberListDto, peopleDto } from '../../../core/contracts/org.js';
import { AppError } from '../../../core/errors.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { canSeeDivision } from '../topics/topics.repository.js';
import { directoryRows, divisionDelegations, divisionMembers } from './division-team.repository.js';
import { directoryDto, membersDto } from './division-team.presenter.js';
import { setDelegations } from './set-delegations.js';

const params = z.strictObject({ id });
/** A division's people and the powers its head delegated (R2.2, R3.2). */
export function divisionTeamRoutes(app: ZApp, s: Services): void {
  // The unit's directory (names and divisions), for choosing observers (R3.4).
  // The directory stays a whole array: it is the unit's headcount (a bureau of some hundreds),
  // grows only when an admin adds people, and feeds pickers that must offer everyone.
  // A division's members and delegations below are smaller still.
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['org'],
        summary: '本单位通讯录（姓名与处室）',
        response: { 200: peopleDto },
      },
    },
    async (req) => directoryDto(await directoryRows(s.db.kysely, actorOf(req).unitId)),
  );

  app.get(
    '/api/divisions/:id/members',
    { schema: { tags: ['org'], summary: '处室人员', params, response: { 200: memberListDto } } },
    async (req) => {
      const actor = actorOf(req);
      if (!canSeeDivision(actor, req.params.id)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
      return membersDto(await divisionMembers(s.db.kysely, actor.unitId, req.params.id));
    },
  );

  app.get(
    '/api/divisions/:id/delegations',
    { schema: { tags: ['org'], summary: '处长授权', params, response: { 200: delegationListDto } } },
    async (req) => {
      const actor = actorOf(req);
      if (!canSeeDivision(actor, req.params.id)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
      return divisionDelegations(s.db.kysely, actor.unitId, req.params.id);
    },
  );

  app.put(
    '/api/divisions/:id/delegations',
    {
      schema: {
        tags: ['org'],
        summary: '设置授权（仅处室主要负责人；只能授权给本处室副职负责人）',
        params,
        body: delegationsBody,
        response: { 200: delegationListDto },
      },
    },
    async (req) => setDelegations(s, actorOf(req), req.params.id, req.body.delegations, clientIp(req)),
  );
}
