import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { loadUserDtos, searchUserIds, type UserSearch } from './org.repository.js';

/** A page of the unit's people for the user admin, by username, optionally searched or of one division. */
export async function listUsers(s: Services, actor: Actor, f: UserSearch) {
  const { ids, nextCursor } = await searchUserIds(s.db.kysely, actor.unitId, f);
  return { items: await loadUserDtos(s.db.kysely, actor.unitId, ids, s.clock.now()), nextCursor };
}
