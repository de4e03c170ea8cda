import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { id } from '../../../core/contracts.js';
import { delegationDto, delegationsBody } from '../../../core/contracts-topics.js';
import { AppError } from '../../../core/errors.js';
import { POSITIONS } from '../../../core/org.js';
import { positionIn, type DelegatedPower } from '../../../core/topics.js';
import { audit, auditBy, inTransaction, lock, type Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { toNumber } from '../../platform/db/database.js';
import { canSeeDivision } from '../topics/topics.repository.js';

const params = z.strictObject({ id });
const memberDto = z.object({
  userId: z.string(),
  name: z.string(),
  position: z.enum(POSITIONS),
  isRecorder: z.boolean(),
});

/** A division's people and the powers its head delegated (R2.2, R3.2). */
export function divisionTeamRoutes(app: ZApp, s: Services): void {
  // The unit's directory (names and divisions), for choosing observers (R3.4).
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['org'],
        summary: '本单位通讯录（姓名与处室）',
        response: {
          200: z.array(z.object({ userId: z.string(), name: z.string(), divisionName: z.string().nullable() })),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const rows = await s.db.kysely
        .selectFrom('users as u')
        .leftJoin('memberships as m', 'm.user_id', 'u.id')
        .leftJoin('divisions as d', 'd.id', 'm.division_id')
        .select(['u.id', 'u.display_name', 'd.name', 'd.sort_order'])
        .where('u.unit_id', '=', actor.unitId)
        .where('u.active', '=', 1)
        .orderBy('d.sort_order')
        .orderBy('u.display_name')
        .execute();
      const seen = new Set<string>();
      return rows
        .filter((r) => !seen.has(r.id) && seen.add(r.id))
        .map((r) => ({ userId: r.id, name: r.display_name, divisionName: r.name }));
    },
  );

  app.get(
    '/api/divisions/:id/members',
    { schema: { tags: ['org'], summary: '处室人员', params, response: { 200: z.array(memberDto) } } },
    async (req) => {
      const actor = actorOf(req);
      if (!canSeeDivision(actor, req.params.id)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
      const rows = await s.db.kysely
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.display_name', 'm.position', 'm.is_recorder'])
        .where('m.unit_id', '=', actor.unitId)
        .where('m.division_id', '=', req.params.id)
        .where('u.active', '=', 1)
        .execute();
      const order = { head: 0, deputy: 1, staff: 2 } as const;
      return rows
        .map((r) => ({
          userId: r.id,
          name: r.display_name,
          position: r.position as (typeof POSITIONS)[number],
          isRecorder: toNumber(r.is_recorder) === 1,
        }))
        .sort((a, b) => order[a.position] - order[b.position] || a.name.localeCompare(b.name, 'zh-CN'));
    },
  );

  app.get(
    '/api/divisions/:id/delegations',
    { schema: { tags: ['org'], summary: '处长授权', params, response: { 200: z.array(delegationDto) } } },
    async (req) => {
      const actor = actorOf(req);
      if (!canSeeDivision(actor, req.params.id)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
      const rows = await s.db.kysely
        .selectFrom('delegations as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['g.user_id', 'u.display_name', 'g.power'])
        .where('g.unit_id', '=', actor.unitId)
        .where('g.division_id', '=', req.params.id)
        .execute();
      return rows.map((r) => ({ userId: r.user_id, userName: r.display_name, power: r.power as DelegatedPower }));
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
        response: { 200: z.array(delegationDto) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const divisionId = req.params.id;
      if (!canSeeDivision(actor, divisionId)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
      if (positionIn(actor, divisionId) !== 'head') throw new AppError('FORBIDDEN', '只有处室主要负责人可以授权');
      const wanted = req.body.delegations;
      const deputies = await s.db.kysely
        .selectFrom('memberships')
        .select('user_id')
        .where('unit_id', '=', actor.unitId)
        .where('division_id', '=', divisionId)
        .where('position', '=', 'deputy')
        .execute();
      const ok = new Set(deputies.map((d) => d.user_id));
      if (wanted.some((w) => !ok.has(w.userId)))
        throw new AppError('VALIDATION_FAILED', '只能授权给本处室的副职负责人（R3.2）');
      return inTransaction(s, async (trx) => {
        await lock(s, trx, 'divisions', divisionId);
        await trx
          .deleteFrom('delegations')
          .where('unit_id', '=', actor.unitId)
          .where('division_id', '=', divisionId)
          .execute();
        const now = s.clock.now().toISOString();
        const unique = [...new Map(wanted.map((w) => [`${w.userId}:${w.power}`, w])).values()];
        if (unique.length > 0) {
          await trx
            .insertInto('delegations')
            .values(
              unique.map((w) => ({
                id: randomUUID(),
                unit_id: actor.unitId,
                division_id: divisionId,
                user_id: w.userId,
                power: w.power,
                granted_by: actor.userId,
                granted_at: now,
              })),
            )
            .execute();
        }
        await audit(s, trx, {
          ...auditBy(actor, clientIp(req)),
          action: 'division.delegations',
          subjectType: 'division',
          subjectId: divisionId,
          data: { delegations: unique },
        });
        const rows = await trx
          .selectFrom('delegations as g')
          .innerJoin('users as u', 'u.id', 'g.user_id')
          .select(['g.user_id', 'u.display_name', 'g.power'])
          .where('g.division_id', '=', divisionId)
          .execute();
        return rows.map((r) => ({ userId: r.user_id, userName: r.display_name, power: r.power as DelegatedPower }));
      });
    },
  );
}
