import { meDto } from '../../../core/contracts.js';
import { abilitiesOf } from '../../../core/policy.js';
import { AppError } from '../../../core/errors.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { securitySettings } from '../../platform/settings-cache.js';
import { memoAuth } from '../../platform/auth/auth-cache.js';
import { holdsPower, type DelegatedPower } from '../../../core/topics.js';
import { loadDelegations } from '../topics/topics.repository.js';

export function meRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/me',
    {
      config: { allowPasswordChange: true },
      schema: { tags: ['me'], summary: '当前用户：处室、角色、权限', response: { 200: meDto } },
    },
    async (req) => {
      const actor = actorOf(req);
      const session = req.session;
      if (!session) throw new AppError('UNAUTHENTICATED');
      const [{ unit, supervised }, security] = await Promise.all([
        memoAuth(s.db, `me:${actor.userId}`, async () => ({
          unit: await s.db.kysely
            .selectFrom('units')
            .select(['unit_id', 'name', 'is_demo'])
            .where('unit_id', '=', actor.unitId)
            .executeTakeFirstOrThrow(),
          supervised:
            actor.supervisedDivisionIds.length === 0
              ? []
              : await s.db.kysely
                  .selectFrom('divisions')
                  .select(['id', 'name'])
                  .where('unit_id', '=', actor.unitId)
                  .where('id', 'in', [...actor.supervisedDivisionIds])
                  .orderBy('sort_order')
                  .execute(),
        })),
        securitySettings(s, actor.unitId),
      ]);
      const leads = actor.memberships.filter((m) => m.position !== 'staff').map((m) => m.divisionId);
      const delegations = await Promise.all(leads.map((d) => loadDelegations(s.db.kysely, actor.unitId, d)));
      const holding = (power: DelegatedPower) =>
        leads.filter((d, i) => holdsPower(actor, d, delegations[i] ?? [], power));
      return {
        user: {
          id: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          mustChangePassword: session.mustChangePassword,
        },
        unit: { id: unit.unit_id, name: unit.name, isDemo: Number(unit.is_demo) === 1 },
        memberships: [...actor.memberships],
        roles: [...actor.roles],
        supervisedDivisions: supervised,
        abilities: abilitiesOf(actor),
        powers: { convene: holding('convene'), approveTopics: holding('approve_topics') },
        csrfToken: session.csrfToken,
        session: { idleMinutes: security.sessionIdleMinutes, expiresAt: session.expiresAt },
      };
    },
  );
}
