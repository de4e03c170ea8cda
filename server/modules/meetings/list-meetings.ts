import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import type { PageRequest } from '../../platform/db/cursor.js';
import { visibleDivisionsFiltered } from '../topics/topics.repository.js';
import { meetingList } from './meeting-list.repository.js';
import { meetingSummaryDto } from './meetings.presenter.js';

/** A page of the meetings of the divisions the actor may see and those they are invited to. */
export async function listMeetings(
  s: Services,
  actor: Actor,
  f: { divisionId?: string | undefined; month?: string | undefined } & PageRequest,
) {
  const visible = await visibleDivisionsFiltered(s.db, actor, f.divisionId);
  const page = await meetingList(s.db.kysely, actor, visible, f);
  return { items: page.items.map(meetingSummaryDto), nextCursor: page.nextCursor };
}
