import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import type { Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { distributionLine } from '../../../core/distribution.js';
import type { DraftInput } from '../../../core/minutes.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { meetingDto, type MeetingRow } from '../meetings/meetings.repository.js';
import { asRecordEntries, loadRecord } from '../meetings/record.repository.js';
import { recipientsOf, type Recipient } from '../distribution/distribution.js';

type Q = Kysely<Database> | Tx;

/**
 * Everything the server renders into the minutes, from the stored facts: the
 * record, the settled attendance, the unit's template and the recipients the
 * minutes go to (or, before issue, would go to) under the unit's settings.
 */
export async function composeInput(
  db: Q,
  actor: Actor,
  meeting: MeetingRow,
  at: Date,
): Promise<{ input: DraftInput; recipients: Recipient[] }> {
  const regime = (await readSettings(db, actor.unitId, 'regime')).value;
  // The minutes name everyone: the facts are read as the convener sees them.
  const dto = await meetingDto(db, actor, meeting, 'participant', at, { full: true });
  const recipients = await recipientsOf(db, actor.unitId, meeting.division_id, regime, meeting.id);
  const people = dto.participants;
  const attended = (p: (typeof people)[number]) => p.finalAttendance === 'present' || p.finalAttendance === 'late';
  const observers = people.filter((p) => p.role === 'observer');
  return {
    recipients,
    input: {
      divisionName: dto.divisionName,
      meetingDay: shanghaiDay(new Date(meeting.started_at ?? meeting.starts_at)),
      chairName: dto.chairName,
      place: meeting.place,
      entries: asRecordEntries(await loadRecord(db, meeting.id)),
      present: people.filter((p) => p.role === 'participant' && attended(p)).map((p) => p.name),
      leave: people.filter((p) => p.finalAttendance === 'leave').map((p) => p.name),
      observers: (observers.some(attended) ? observers.filter(attended) : observers).map((p) => p.name),
      recorder: dto.recorderName,
      distribution: distributionLine(recipients),
      template: { opening: regime.minutesOpeningTemplate, closing: regime.minutesClosingTemplate },
    },
  };
}
