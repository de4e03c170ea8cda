import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MeetingDistributionDto } from '../../../core/contracts/distribution.js';
import type { Services } from '../../platform/services.js';
import { internalMeeting } from '../meetings/meetings.repository.js';
import { isRecipient, meetingDistribution } from './distribution.repository.js';
import { meetingRecipients } from './inbox.repository.js';

/** A meeting's distribution deadline and recipients: for who may see the meeting, and for its recipients. */
export async function viewMeetingDistribution(
  s: Services,
  actor: Actor,
  meetingId: string,
): Promise<MeetingDistributionDto> {
  const db = s.db.kysely;
  const readable = await internalMeeting(db, actor, meetingId).catch(() => null);
  if (!readable) {
    // A recipient from outside the division sees the distribution of what was sent to them.
    const sent = await meetingRecipients(db, actor.unitId, meetingId);
    if (!sent.some((e) => isRecipient(actor, e))) throw new AppError('NOT_FOUND', '会议不存在或无权查看');
  }
  return meetingDistribution(db, actor, meetingId, s.clock.now());
}
