import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { toNumber } from '../../platform/db/database.js';
import type { MonthlyDivisionDto } from '../../../core/contracts/meetings.js';
import { heldInMonth, monthlyVerdict } from '../../../core/compliance.js';
import { type MeetingStatus } from '../../../core/meetings.js';
import { monthBounds } from '../../../core/shanghai-time.js';
import { readSettings } from '../../platform/settings/settings.repository.js';

/**
 * R3.5 per division for one month: meetings held (counted in the Shanghai month
 * they actually started, only with a topic discussed), meetings still to come,
 * the unit's required number and the verdict. The rule itself is core's.
 */
export async function monthlyTally(
  db: Kysely<Database>,
  unitId: string,
  divisions: ReadonlyArray<{ id: string; name: string }>,
  month: string,
  now: Date,
): Promise<MonthlyDivisionDto[]> {
  if (divisions.length === 0) return [];
  const ids = divisions.map((d) => d.id);
  const b = monthBounds(month);
  const [required, started, upcoming] = await Promise.all([
    readSettings(db, unitId, 'regime').then((r) => r.value.meetingsPerMonth),
    db
      .selectFrom('meetings as m')
      .select((eb) => [
        'm.division_id',
        'm.status',
        'm.started_at',
        'm.backfill_at',
        eb
          .selectFrom('agenda_items as a')
          .select((x) => x.fn.countAll<number>().as('n'))
          .whereRef('a.meeting_id', '=', 'm.id')
          .where('a.outcome', '=', 'discussed')
          .as('discussed'),
      ])
      .where('m.unit_id', '=', unitId)
      .where('m.division_id', 'in', ids)
      .where('m.status', 'in', ['in_session', 'closed'])
      .where('m.started_at', '>=', b.from)
      .where('m.started_at', '<', b.to)
      .execute(),
    db
      .selectFrom('meetings')
      .select('division_id')
      .where('unit_id', '=', unitId)
      .where('division_id', 'in', ids)
      .where('status', 'in', ['planned', 'notified'])
      .where('starts_at', '>=', b.from)
      .where('starts_at', '<', b.to)
      .execute(),
  ]);
  const held = started.filter(
    (m) =>
      heldInMonth({
        status: m.status as MeetingStatus,
        startedAt: m.started_at,
        discussedTopics: toNumber(m.discussed ?? 0),
      }) === month,
  );
  return divisions.map((d) => {
    const mine = held.filter((m) => m.division_id === d.id);
    return {
      divisionId: d.id,
      divisionName: d.name,
      held: mine.length,
      scheduled: upcoming.filter((m) => m.division_id === d.id).length,
      required,
      verdict: monthlyVerdict(mine.length, required, month, now),
      backfilled: mine.filter((m) => m.backfill_at !== null).length,
    };
  });
}
