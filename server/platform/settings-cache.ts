import type { Services } from './services.js';
import { readSettings } from './settings/settings.repository.js';
import type { SecuritySettings } from '../../core/settings.js';

/**
 * Security settings are read on every request (idle timeout), so each process
 * keeps them for a few seconds. A change made through this process is seen at
 * once; one made through another process within the TTL.
 */
const TTL_MS = 5_000;
const caches = new WeakMap<object, Map<string, { value: SecuritySettings; at: number }>>();

function cacheOf(s: Services): Map<string, { value: SecuritySettings; at: number }> {
  let c = caches.get(s.db);
  if (!c) caches.set(s.db, (c = new Map()));
  return c;
}

export async function securitySettings(s: Services, unitId: string): Promise<SecuritySettings> {
  const cache = cacheOf(s);
  const hit = cache.get(unitId);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const { value } = await readSettings(s.db.kysely, unitId, 'security');
  cache.set(unitId, { value, at: now });
  return value;
}

export function invalidateSecuritySettings(s: Services, unitId: string): void {
  cacheOf(s).delete(unitId);
}
