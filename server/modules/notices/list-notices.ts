import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { countUnreadNotices, noticePage } from './notices.repository.js';
import { noticeDto } from './notices.presenter.js';

/** A page of the actor's notices and how many are unread. */
export async function listNotices(
  s: Services,
  actor: Actor,
  f: { unread?: 'true' | 'false'; page: number; pageSize: number },
) {
  const [{ rows, total }, unread] = await Promise.all([
    noticePage(s.db.kysely, actor.unitId, actor.userId, { ...f, unreadOnly: f.unread === 'true' }),
    countUnreadNotices(s.db.kysely, actor.unitId, actor.userId),
  ]);
  return { items: rows.map(noticeDto), total, unread, page: f.page, pageSize: f.pageSize };
}
