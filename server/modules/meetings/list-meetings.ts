import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { visibleDivisionsFiltered } from '../topics/topics.repository.js';
import { meetingList } from './meeting-list.repository.js';
import { meetingSummaryDto } from './meetings.presenter.js';

/** The meetings of the divisions the actor may see and those they are invited to. */
export async function listMeetings(s: Services, actor: Actor, f: { divisionId?: string; month?: string }) {
  const visible = await visibleDivisionsFiltered(s.db.kysely, actor, f.divisionId);
  return (await meetingList(s.db.kysely, actor, visible, f)).map(meetingSummaryDto);
}
