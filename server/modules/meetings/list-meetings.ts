import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { memoVisibleDivisions } from '../topics/topics.repository.js';
import { meetingList } from './meeting-list.repository.js';
import { meetingSummaryDto } from './meetings.presenter.js';

/** The meetings of the divisions the actor may see and those they are invited to. */
export async function listMeetings(s: Services, actor: Actor, f: { divisionId?: string; month?: string }) {
  const visible = await memoVisibleDivisions(s.db, actor);
  if (f.divisionId && !visible.includes(f.divisionId)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
  return (await meetingList(s.db.kysely, actor, visible, f)).map(meetingSummaryDto);
}
