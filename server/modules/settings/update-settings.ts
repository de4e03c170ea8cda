import { AppError } from '../../../core/errors.js';
import type { SettingsSection } from '../../../core/settings.js';
import type { Actor } from '../../../core/policy.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { invalidateSecuritySettings } from '../../platform/settings-cache.js';
import { readSettings, writeSettings } from '../../platform/settings/settings.repository.js';

/** Changes a settings section on its version; the audit event lists what changed, from what to what. */
export async function updateSettings<S extends SettingsSection>(
  s: Services,
  actor: Actor,
  section: S,
  body: { value: object; version: number },
  ip: string | null,
) {
  const result = await inTransaction(s, async (trx) => {
    const before = await readSettings(trx, actor.unitId, section);
    if (before.version !== body.version) throw new AppError('CONFLICT', undefined, { current: before });
    const version = await writeSettings(
      trx,
      actor.unitId,
      section,
      body.value,
      body.version,
      actor.userId,
      s.clock.now(),
    );
    if (version === null) throw new AppError('CONFLICT');
    const changes = Object.fromEntries(
      Object.entries(body.value)
        .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((before.value as Record<string, unknown>)[k]))
        .map(([k, v]) => [k, { from: (before.value as Record<string, unknown>)[k], to: v }]),
    );
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: `settings.${section}`,
      subjectType: 'settings',
      subjectId: section,
      data: { changes },
    });
    return readSettings(trx, actor.unitId, section);
  });
  // Sessions of this unit read the new security settings at once.
  if (section === 'security') invalidateSecuritySettings(s, actor.unitId);
  return result;
}
