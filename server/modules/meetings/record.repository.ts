import type { Kysely } from 'kysely';
import type { MatterFlag } from '../../../core/settings.js';
import type { Attendee, Decision, EntryStatus, Opinion, RecordEntry } from '../../../core/record.js';
import type { RecordEntryDto } from '../../../core/contracts/record.js';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import { inMeetingOrder } from '../org/org.repository.js';

type Q = Kysely<Database> | Tx;

type AgendaRow = { topic_id: string; title: string; matter_flags: string; outcome: string | null };
type EntryRow = {
  topic_id: string;
  status: string;
  discussion: string;
  opinions: string;
  decisions: string;
  version: number | string;
  updated_at: string;
};

/** One agenda topic's entry as the record shows it (blank where nothing is recorded yet). */
function entryDtoOf(a: AgendaRow, e: (EntryRow & { display_name?: string }) | undefined): RecordEntryDto {
  const outcomeStatus = a.outcome === 'deferred' || a.outcome === 'not_discussed' ? (a.outcome as EntryStatus) : null;
  return {
    topicId: a.topic_id,
    topicTitle: a.title,
    matterFlags: JSON.parse(a.matter_flags) as MatterFlag[],
    status: (e?.status as EntryStatus | undefined) ?? outcomeStatus,
    discussion: e?.discussion ?? '',
    opinions: e ? (JSON.parse(e.opinions) as Opinion[]) : [],
    decisions: e ? (JSON.parse(e.decisions) as Decision[]) : [],
    version: e ? toNumber(e.version) : 0,
    updatedAt: e?.updated_at ?? null,
    updatedBy: e?.display_name ?? null,
  };
}

/** The record of a meeting, one entry per agenda topic (blank where nothing is recorded yet). */
export async function loadRecord(db: Q, meetingId: string): Promise<RecordEntryDto[]> {
  const [agenda, entries] = await Promise.all([
    db
      .selectFrom('agenda_items as a')
      .innerJoin('topics as t', 't.id', 'a.topic_id')
      .select(['a.topic_id', 't.title', 't.matter_flags', 'a.outcome'])
      .where('a.meeting_id', '=', meetingId)
      .orderBy('a.position')
      .execute(),
    db
      .selectFrom('record_entries as r')
      .innerJoin('users as u', 'u.id', 'r.updated_by')
      .selectAll('r')
      .select('u.display_name')
      .where('r.meeting_id', '=', meetingId)
      .execute(),
  ]);
  return agenda.map((a) =>
    entryDtoOf(
      a,
      entries.find((x) => x.topic_id === a.topic_id),
    ),
  );
}

/**
 * The records of many meetings of a unit at once (two queries, whatever their
 * number), as `loadRecord` gives each — for checks over a period (R5.4, R6.4).
 */
export async function loadRecords(
  db: Q,
  unitId: string,
  meetingIds: readonly string[],
): Promise<Map<string, RecordEntry[]>> {
  const out = new Map<string, RecordEntry[]>();
  for (let i = 0; i < meetingIds.length; i += 500) {
    const ids = meetingIds.slice(i, i + 500);
    const [agenda, entries] = await Promise.all([
      db
        .selectFrom('agenda_items as a')
        .innerJoin('topics as t', 't.id', 'a.topic_id')
        .select(['a.meeting_id', 'a.topic_id', 't.title', 't.matter_flags', 'a.outcome'])
        .where('a.unit_id', '=', unitId)
        .where('a.meeting_id', 'in', ids)
        .orderBy('a.meeting_id')
        .orderBy('a.position')
        .execute(),
      db
        .selectFrom('record_entries as r')
        .select([
          'r.meeting_id',
          'r.topic_id',
          'r.status',
          'r.discussion',
          'r.opinions',
          'r.decisions',
          'r.version',
          'r.updated_at',
        ])
        .where('r.unit_id', '=', unitId)
        .where('r.meeting_id', 'in', ids)
        .execute(),
    ]);
    const byKey = new Map(entries.map((e) => [`${e.meeting_id}/${e.topic_id}`, e]));
    for (const a of agenda) {
      const list = out.get(a.meeting_id) ?? [];
      list.push(...asRecordEntries([entryDtoOf(a, byKey.get(`${a.meeting_id}/${a.topic_id}`))]));
      out.set(a.meeting_id, list);
    }
  }
  return out;
}

export function asRecordEntries(dtos: readonly RecordEntryDto[]): RecordEntry[] {
  return dtos.map((d) => ({
    version: d.version,
    topicId: d.topicId,
    topicTitle: d.topicTitle,
    matterFlags: d.matterFlags,
    status: d.status ?? 'not_discussed',
    discussion: d.discussion,
    opinions: d.opinions,
    decisions: d.decisions,
  }));
}

/**
 * Who was at the meeting, as the record must account for them (R6.1): a
 * participant counts as present once marked or checked in (present or late);
 * observers are invited, not obliged.
 */
export async function attendeesOf(db: Q, meetingId: string): Promise<Attendee[]> {
  const rows = await db
    .selectFrom('participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('meetings as m', 'm.id', 'p.meeting_id')
    .select(['p.user_id', 'u.display_name', 'p.role', 'p.attendance', 'm.unit_id', 'm.division_id'])
    .where('p.meeting_id', '=', meetingId)
    .execute();
  const first = rows[0];
  // The speakers' list and every message naming them: members first, then observers, in rank order.
  const ranked = first ? await inMeetingOrder(db, first.unit_id, first.division_id, rows) : rows;
  return ranked.map((r) => ({
    userId: r.user_id,
    name: r.display_name,
    role: r.role as Attendee['role'],
    present: r.attendance === 'present' || r.attendance === 'late',
  }));
}
