import type { Actor } from '../../../core/policy.js';
import type { SessionView } from './sessions.js';

/**
 * Resolving a session costs four queries (session, user, memberships, roles), on
 * every request. Each process keeps the result for a short time. Any audited
 * change made through this process (logins, logouts, org and role changes,
 * settings) empties the cache at once; a change made through another process is
 * seen within {@link AUTH_CACHE_TTL_MS}. Expiry is still computed per request.
 */
export const AUTH_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  session: SessionView;
  actor: Actor;
  at: number;
}

const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(owner: object): Map<string, Entry> {
  let c = caches.get(owner);
  if (!c) caches.set(owner, (c = new Map()));
  return c;
}

export function cachedAuth(owner: object, token: string): Entry | null {
  const e = cacheOf(owner).get(token);
  if (!e) return null;
  if (Date.now() - e.at > AUTH_CACHE_TTL_MS) {
    cacheOf(owner).delete(token);
    return null;
  }
  return e;
}

export function rememberAuth(owner: object, token: string, session: SessionView, actor: Actor): void {
  const c = cacheOf(owner);
  if (c.size >= MAX_ENTRIES) c.clear();
  c.set(token, { session, actor, at: Date.now() });
}

export function forgetAllAuth(owner: object): void {
  cacheOf(owner).clear();
  memos.get(owner)?.clear();
}

const memos = new WeakMap<object, Map<string, { value: unknown; at: number }>>();

/**
 * Memoises per-user lookups that hang off the session (the unit's name, the
 * divisions a leader supervises) under the same rules as the session cache.
 */
export async function memoAuth<T>(owner: object, key: string, load: () => Promise<T>): Promise<T> {
  let m = memos.get(owner);
  if (!m) memos.set(owner, (m = new Map()));
  const hit = m.get(key);
  if (hit && Date.now() - hit.at <= AUTH_CACHE_TTL_MS) return hit.value as T;
  const value = await load();
  if (m.size >= MAX_ENTRIES) m.clear();
  m.set(key, { value, at: Date.now() });
  return value;
}
