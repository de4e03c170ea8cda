import type { Actor } from '../../../core/policy.js';
import type { MeetingStatus } from '../../../core/meetings.js';
import { recordAbilities } from '../../../core/policies/record.js';
import type { Services } from '../../platform/services.js';
import { internalMeeting } from '../meetings/meetings.repository.js';
import { loadRecord as recordEntries } from '../meetings/record.repository.js';
import { hasIssuedMinutes } from './record.repository.js';

/** A meeting's record, with whether the actor may edit or amend it. */
export async function loadRecord(s: Services, actor: Actor, meetingId: string) {
  const { row } = await internalMeeting(s.db.kysely, actor, meetingId);
  const may = recordAbilities(actor.userId, {
    meetingStatus: row.status as MeetingStatus,
    recorderId: row.recorder_id,
    minutesIssued: await hasIssuedMinutes(s.db.kysely, row.id),
  });
  return {
    meetingId: row.id,
    locked: may.locked,
    canEdit: may.edit,
    canAmend: may.amend,
    entries: await recordEntries(s.db.kysely, row.id),
  };
}
