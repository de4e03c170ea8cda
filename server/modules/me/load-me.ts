import { abilitiesOf, type Actor } from '../../../core/policy.js';
import { holdsPower, type DelegatedPower } from '../../../core/topics.js';
import type { Services } from '../../platform/services.js';
import { securitySettings } from '../../platform/settings-cache.js';
import { memoAuth } from '../../platform/auth/auth-cache.js';
import { memoDelegations } from '../topics/topics.repository.js';
import { divisionNames, unitSummary } from './me.repository.js';
import { countNotifiedCases } from '../accountability/accountability.repository.js';

/** The session's own view: who the actor is, where, and what they may do (the UI shows only that). */
export async function loadMe(
  s: Services,
  actor: Actor,
  session: { mustChangePassword: boolean; csrfToken: string; expiresAt: string },
) {
  const [{ unit, supervised }, security, concernedCases] = await Promise.all([
    memoAuth(s.db, `me:${actor.userId}`, async () => ({
      unit: await unitSummary(s.db.kysely, actor.unitId),
      supervised: await divisionNames(s.db.kysely, actor.unitId, actor.supervisedDivisionIds),
    })),
    securitySettings(s, actor.unitId),
    countNotifiedCases(s.db.kysely, actor),
  ]);
  const leads = actor.memberships.filter((m) => m.position !== 'staff').map((m) => m.divisionId);
  const delegations = await Promise.all(leads.map((d) => memoDelegations(s.db, actor.unitId, d)));
  const holding = (power: DelegatedPower) => leads.filter((d, i) => holdsPower(actor, d, delegations[i] ?? [], power));
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      mustChangePassword: session.mustChangePassword,
    },
    unit,
    memberships: [...actor.memberships],
    roles: [...actor.roles],
    supervisedDivisions: supervised,
    abilities: abilitiesOf(actor),
    powers: { convene: holding('convene'), approveTopics: holding('approve_topics') },
    concernedCases,
    csrfToken: session.csrfToken,
    session: { idleMinutes: security.sessionIdleMinutes, expiresAt: session.expiresAt },
  };
}
