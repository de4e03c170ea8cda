import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import type { PageRequest } from '../../platform/db/cursor.js';
import { countUnreadNotices, noticePage } from './notices.repository.js';
import { noticeDto } from './notices.presenter.js';

/** A page of the actor's notices and how many are unread (the bell's badge). */
export async function listNotices(
  s: Services,
  actor: Actor,
  f: { unread?: 'true' | 'false' | undefined } & PageRequest,
) {
  const [page, unread] = await Promise.all([
    noticePage(s.db.kysely, actor.unitId, actor.userId, { ...f, unreadOnly: f.unread === 'true' }),
    countUnreadNotices(s.db.kysely, actor.unitId, actor.userId),
  ]);
  return { items: page.items.map(noticeDto), nextCursor: page.nextCursor, unread };
}
