import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { toNumber } from '../../platform/db/database.js';
import type { Decision, Opinion, RecordEntry } from '../../../core/record.js';

type Q = Kysely<Database>;

/**
 * The facts of the compliance matrix (R6.4), read for the whole unit and period
 * at once: every query is scoped by `unit_id` and bounded by the period, never
 * run per division or per month. Counts come back as strings on PostgreSQL and
 * are turned into numbers here.
 */

/** The unit's meetings that started (or, never started, were scheduled) in [from, to). */
export async function meetingsIn(db: Q, unitId: string, divisionIds: readonly string[], from: string, to: string) {
  if (divisionIds.length === 0) return [];
  const rows = await db
    .selectFrom('meetings as m')
    .select((eb) => [
      'm.id',
      'm.division_id',
      'm.title',
      'm.status',
      'm.starts_at',
      'm.started_at',
      'm.backfill_at',
      eb
        .selectFrom('agenda_items as a')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('a.meeting_id', '=', 'm.id')
        .where('a.unit_id', '=', unitId)
        .where('a.outcome', '=', 'discussed')
        .as('discussed'),
    ])
    .where('m.unit_id', '=', unitId)
    .where('m.division_id', 'in', [...divisionIds])
    .where((eb) =>
      eb.or([
        eb.and([eb('m.started_at', '>=', from), eb('m.started_at', '<', to)]),
        eb.and([eb('m.started_at', 'is', null), eb('m.starts_at', '>=', from), eb('m.starts_at', '<', to)]),
      ]),
    )
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ ...r, discussed: toNumber(r.discussed ?? 0) }));
}

/** The distribution deadlines of the meetings that started in [from, to), with their filings of the first issue. */
export async function distributionsIn(db: Q, unitId: string, from: string, to: string) {
  const [deadlines, filings] = await Promise.all([
    db
      .selectFrom('distributions as x')
      .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
      .select(['x.meeting_id', 'x.due_date', 'x.deadline', 'x.issued_at', 'x.minutes_id'])
      .where('x.unit_id', '=', unitId)
      .where('m.unit_id', '=', unitId)
      .where('m.started_at', '>=', from)
      .where('m.started_at', '<', to)
      .execute(),
    // From the unit's meetings of the period to their first issue's entries by minutes id (indexed):
    // never a scan of the bureau's distribution entries.
    db
      .selectFrom('meetings as m')
      .innerJoin('minutes as n', (j) => j.onRef('n.meeting_id', '=', 'm.id').on('n.revision', '=', 0))
      .innerJoin('distribution_entries as e', 'e.minutes_id', 'n.id')
      .select((eb) => [
        'm.id as meeting_id',
        eb.fn.countAll<number>().as('filings'),
        eb.fn.count<number>('e.received_at').as('signed'),
      ])
      .where('m.unit_id', '=', unitId)
      .where('m.started_at', '>=', from)
      .where('m.started_at', '<', to)
      .where('n.unit_id', '=', unitId)
      .where('e.unit_id', '=', unitId)
      .where('e.purpose', '=', 'file')
      .groupBy('m.id')
      .execute(),
  ]);
  return {
    deadlines,
    filings: new Map(
      filings.map((f) => [f.meeting_id, { filings: toNumber(f.filings), signed: toNumber(f.signed) }] as const),
    ),
  };
}

/** Sealed minutes (issued or superseded) issued in [from, to), with their meeting's title. */
export async function minutesIssuedIn(db: Q, unitId: string, from: string, to: string) {
  return db
    .selectFrom('minutes as n')
    .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
    .select([
      'n.id',
      'n.meeting_id',
      'n.division_id',
      'n.status',
      'n.number',
      'n.revision',
      'n.content',
      'n.content_hash',
      'n.hash_alg',
      'n.issued_at',
      'm.title',
    ])
    .where('n.unit_id', '=', unitId)
    .where('n.status', 'in', ['issued', 'superseded'])
    .where('n.issued_at', '>=', from)
    .where('n.issued_at', '<', to)
    .orderBy('n.issued_at')
    .orderBy('n.id')
    .execute();
}

/**
 * R5.4: the recorded entries (status `recorded`, the topics discussed) of the meetings whose
 * minutes were issued in [from, to) — what `integrityProblems` holds the minutes against
 * (decisions and opinions by topic), nothing more: not the record's narrative, not the titles.
 * Joined to the agenda as `loadRecord` is, so an entry counts only for a topic on the agenda.
 */
export async function recordedEntriesOfIssued(db: Q, unitId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('minutes as n')
    .innerJoin('record_entries as r', 'r.meeting_id', 'n.meeting_id')
    .innerJoin('agenda_items as a', (j) =>
      j.onRef('a.meeting_id', '=', 'r.meeting_id').onRef('a.topic_id', '=', 'r.topic_id'),
    )
    .select(['r.meeting_id', 'r.topic_id', 'r.opinions', 'r.decisions'])
    .where('n.unit_id', '=', unitId)
    .where('n.status', '=', 'issued')
    .where('n.issued_at', '>=', from)
    .where('n.issued_at', '<', to)
    .where('r.unit_id', '=', unitId)
    .where('a.unit_id', '=', unitId)
    .where('r.status', '=', 'recorded')
    .execute();
  const out = new Map<string, RecordEntry[]>();
  for (const r of rows) {
    const list = out.get(r.meeting_id) ?? [];
    list.push({
      topicId: r.topic_id,
      topicTitle: '',
      matterFlags: [],
      status: 'recorded',
      discussion: '',
      opinions: JSON.parse(r.opinions) as Opinion[],
      decisions: JSON.parse(r.decisions) as Decision[],
    });
    out.set(r.meeting_id, list);
  }
  return out;
}

/** Topic material uploaded in [from, to), with the topic's division and title. */
export async function attachmentsIn(db: Q, unitId: string, from: string, to: string) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('topics as t', 't.id', 'a.topic_id')
    .select(['a.id', 'a.sha256', 'a.filename', 'a.topic_id', 'a.created_at', 't.division_id', 't.title'])
    .where('a.unit_id', '=', unitId)
    .where('t.unit_id', '=', unitId)
    .where('a.created_at', '>=', from)
    .where('a.created_at', '<', to)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

/** Every number taken by original minutes (corrections keep theirs) in the given years, and the counters. */
export async function numbersOf(db: Q, unitId: string, years: readonly number[]) {
  const [taken, counters] = await Promise.all([
    db
      .selectFrom('minutes as n')
      .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
      .select(['n.id', 'n.division_id', 'n.number_year', 'n.number_seq', 'n.number', 'n.issued_at', 'm.title'])
      .where('n.unit_id', '=', unitId)
      .where('n.supersedes_id', 'is', null)
      .where('n.number_seq', 'is not', null)
      .where('n.number_year', 'in', [...years])
      .execute(),
    db
      .selectFrom('minutes_counters')
      .select(['division_id', 'year', 'last_seq'])
      .where('unit_id', '=', unitId)
      .where('year', 'in', [...years])
      .execute(),
  ]);
  return {
    taken: taken.map((t) => ({
      ...t,
      number_year: toNumber(t.number_year ?? 0),
      number_seq: toNumber(t.number_seq ?? 0),
    })),
    counters: counters.map((c) => ({ ...c, year: toNumber(c.year), last_seq: toNumber(c.last_seq) })),
  };
}

/** Tracked items whose deadline in force falls on the Shanghai days [fromDay, toDay]. */
export async function itemsDueIn(db: Q, unitId: string, fromDay: string, toDay: string) {
  return db
    .selectFrom('tracking_items')
    .select([
      'id',
      'division_id',
      'topic_title',
      'decision_text',
      'source_number',
      'status',
      'deadline',
      'original_deadline',
      'extensions',
      'closed_at',
    ])
    .where('unit_id', '=', unitId)
    .where('deadline', '>=', fromDay)
    .where('deadline', '<=', toDay)
    .orderBy('deadline')
    .orderBy('id')
    .execute();
}

/**
 * R5.2: who holds the recorder designation now, every change of it since `from` (the
 * `user.memberships` audit events, and the `user.update` events that stopped or restored
 * an account: a stopped account records nothing), newest first, the unit's names and
 * which accounts are stopped now.
 */
export async function recorderHistory(db: Q, unitId: string, from: string) {
  const [current, events, users] = await Promise.all([
    db
      .selectFrom('memberships')
      .select(['division_id', 'user_id'])
      .where('unit_id', '=', unitId)
      .where('is_recorder', '=', 1)
      .execute(),
    db
      .selectFrom('audit_events')
      .select(['seq', 'occurred_at', 'action', 'subject_id', 'data'])
      .where('unit_id', '=', unitId)
      // A user.update matters here only when it changed `active`.
      .where((eb) =>
        eb.or([
          eb('action', '=', 'user.memberships'),
          eb.and([eb('action', '=', 'user.update'), eb('data', 'like', '%"active"%')]),
        ]),
      )
      .where('outcome', '=', 'success')
      .where('occurred_at', '>=', from)
      .orderBy('seq', 'desc')
      .execute(),
    db.selectFrom('users').select(['id', 'display_name', 'active']).where('unit_id', '=', unitId).execute(),
  ]);
  return {
    current,
    events,
    names: new Map(users.map((u) => [u.id, u.display_name])),
    stopped: new Set(users.filter((u) => Number(u.active) !== 1).map((u) => u.id)),
  };
}
