import type { Kysely, Selectable } from 'kysely';
import type { Database, RegisterDecisionsTable, RegisterLinesTable, RegistersTable } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';
import type { LineState, RegisterKind } from '../../../core/registers.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';

type Q = Kysely<Database> | Tx;
export type RegisterRow = Selectable<RegistersTable> & { importer_name: string };
export type LineRow = Selectable<RegisterLinesTable> & { division_name: string; reviewer_name: string | null };

/**
 * R4.1: the decided topics of `divisionIds` carrying the flag `kind`, each with the
 * meeting of its division that decided it (closed, the topic discussed there) and that
 * meeting's Shanghai day. Bounded by the unit's decided larger matters.
 */
export async function decidedTopicsOf(db: Q, unitId: string, kind: RegisterKind, divisionIds: readonly string[]) {
  if (divisionIds.length === 0) return [];
  const rows = await db
    .selectFrom('topics as t')
    .innerJoin('agenda_items as a', (j) => j.onRef('a.topic_id', '=', 't.id').on('a.outcome', '=', 'discussed'))
    .innerJoin('meetings as m', (j) =>
      j.onRef('m.id', '=', 'a.meeting_id').onRef('m.division_id', '=', 't.division_id').on('m.status', '=', 'closed'),
    )
    .select([
      't.id',
      't.title',
      't.division_id',
      't.funds_amount_fen',
      'm.id as meeting_id',
      'm.starts_at',
      'm.started_at',
    ])
    .where('t.unit_id', '=', unitId)
    .where('a.unit_id', '=', unitId)
    .where('m.unit_id', '=', unitId)
    .where('t.status', '=', 'decided')
    .where('t.division_id', 'in', [...divisionIds])
    // matter_flags is a JSON array of flag names: the flag is there when its quoted name is.
    .where('t.matter_flags', 'like', `%"${kind}"%`)
    .execute();
  return rows.map((r) => ({
    topicId: r.id,
    title: r.title,
    divisionId: r.division_id,
    amountFen: r.funds_amount_fen === null ? null : toNumber(r.funds_amount_fen),
    meetingId: r.meeting_id,
    meetingDay: shanghaiDay(new Date(r.started_at ?? r.starts_at)),
  }));
}

/** An earlier import of the same file as a register of `kind`, if any. */
export async function sameFileImport(db: Q, unitId: string, kind: RegisterKind, sha256: string) {
  return (
    (await registerSelect(db)
      .where('g.unit_id', '=', unitId)
      .where('g.kind', '=', kind)
      .where('g.sha256', '=', sha256)
      .orderBy('g.imported_at')
      .executeTakeFirst()) ?? null
  );
}

/**
 * The stored lines of `kind` of `divisionIds` dated in [fromDay, toDay], with their
 * register's file name: what a new import of the kind may repeat.
 */
export async function storedLinesOf(
  db: Q,
  unitId: string,
  kind: RegisterKind,
  divisionIds: readonly string[],
  fromDay: string,
  toDay: string,
) {
  if (divisionIds.length === 0) return [];
  const rows = await db
    .selectFrom('register_lines as l')
    .innerJoin('registers as g', 'g.id', 'l.register_id')
    .select(['l.division_id', 'l.day', 'l.amount_fen', 'l.subject', 'l.line_no', 'g.filename'])
    .where('l.unit_id', '=', unitId)
    .where('g.unit_id', '=', unitId)
    .where('l.kind', '=', kind)
    .where('l.division_id', 'in', [...divisionIds])
    .where('l.day', '>=', fromDay)
    .where('l.day', '<=', toDay)
    .orderBy('g.imported_at')
    .orderBy('l.line_no')
    .execute();
  return rows.map((r) => ({
    divisionId: r.division_id,
    day: r.day,
    amountFen: r.amount_fen === null ? null : toNumber(r.amount_fen),
    subject: r.subject,
    lineNo: Number(r.line_no),
    filename: r.filename,
  }));
}

export async function insertRegister(trx: Tx, row: RegistersTable): Promise<void> {
  await trx.insertInto('registers').values(row).execute();
}

/** Lines in chunks, under SQLite's parameter limit. */
export async function insertLines(trx: Tx, rows: readonly RegisterLinesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto('register_lines')
      .values(rows.slice(i, i + 400))
      .execute();
}

const registerSelect = (db: Q) =>
  db
    .selectFrom('registers as g')
    .innerJoin('users as u', 'u.id', 'g.imported_by')
    .selectAll('g')
    .select('u.display_name as importer_name');

export async function registerRow(db: Q, unitId: string, id: string): Promise<RegisterRow | null> {
  return (await registerSelect(db).where('g.unit_id', '=', unitId).where('g.id', '=', id).executeTakeFirst()) ?? null;
}

/** The unit's registers, newest import first. */
export async function registersPage(db: Q, unitId: string, page: PageRequest) {
  return keysetPage(
    registerSelect(db).where('g.unit_id', '=', unitId),
    {
      columns: ['g.imported_at', 'g.id'],
      types: ['string', 'string'],
      direction: 'desc',
      key: (r) => [r.imported_at, r.id],
    },
    page,
  );
}

/** The number of lines in each state, per register. */
export async function stateCounts(db: Q, unitId: string, registerIds: readonly string[]) {
  const out = new Map<string, Record<LineState, number>>();
  if (registerIds.length === 0) return out;
  const rows = await db
    .selectFrom('register_lines')
    .select((eb) => ['register_id', 'state', eb.fn.countAll<number>().as('n')])
    .where('unit_id', '=', unitId)
    .where('register_id', 'in', [...registerIds])
    .groupBy(['register_id', 'state'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.register_id) ?? { proposed: 0, confirmed: 0, finding: 0, dismissed: 0 };
    c[r.state as LineState] = toNumber(r.n);
    out.set(r.register_id, c);
  }
  return out;
}

const lineSelect = (db: Q) =>
  db
    .selectFrom('register_lines as l')
    .innerJoin('divisions as d', 'd.id', 'l.division_id')
    .leftJoin('users as u', 'u.id', 'l.reviewed_by')
    .selectAll('l')
    .select(['d.name as division_name', 'u.display_name as reviewer_name']);

/** A register's lines in file order, filtered by division and state. */
export async function linesPage(
  db: Q,
  unitId: string,
  registerId: string,
  f: { divisionId?: string | undefined; state?: LineState | undefined },
  page: PageRequest,
) {
  let q = lineSelect(db).where('l.unit_id', '=', unitId).where('l.register_id', '=', registerId);
  if (f.divisionId) q = q.where('l.division_id', '=', f.divisionId);
  if (f.state) q = q.where('l.state', '=', f.state);
  return keysetPage(
    q,
    { columns: ['l.line_no', 'l.id'], types: ['number', 'string'], direction: 'asc', key: (r) => [r.line_no, r.id] },
    page,
  );
}

export async function lineRow(db: Q, unitId: string, id: string): Promise<LineRow | null> {
  return (await lineSelect(db).where('l.unit_id', '=', unitId).where('l.id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * A review's one write: the line changes only if it is still at the version the reviewer
 * read and in one of `from` (a confirm or dismiss: proposed; a reopen: any other state).
 * A second reviewer at once matches no row (PostgreSQL re-checks the condition after the
 * first commits) and gets a 409. A reopen also stores the candidates matched again.
 */
export async function reviewLine(
  trx: Tx,
  unitId: string,
  id: string,
  version: number,
  from: readonly LineState[],
  set: {
    state: LineState;
    topic_id: string | null;
    score: number | null;
    candidates?: string;
    by: string;
    at: string;
    reason: string | null;
  },
): Promise<boolean> {
  const r = await trx
    .updateTable('register_lines')
    .set({
      state: set.state,
      topic_id: set.topic_id,
      score: set.score,
      ...(set.candidates === undefined ? {} : { candidates: set.candidates }),
      reviewed_by: set.by,
      reviewed_at: set.at,
      review_reason: set.reason,
      version: version + 1,
    })
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertDecision(trx: Tx, row: RegisterDecisionsTable): Promise<void> {
  await trx.insertInto('register_decisions').values(row).execute();
}

/** The unit's register lines of `divisionIds` dated in [fromDay, toDay] (the compliance matrix, R4.1). */
export async function linesDatedIn(
  db: Q,
  unitId: string,
  divisionIds: readonly string[],
  fromDay: string,
  toDay: string,
) {
  if (divisionIds.length === 0) return [];
  return db
    .selectFrom('register_lines as l')
    .leftJoin('topics as t', 't.id', 'l.topic_id')
    .select([
      'l.id',
      'l.register_id',
      'l.line_no',
      'l.kind',
      'l.division_id',
      'l.day',
      'l.subject',
      'l.state',
      'l.review_reason',
      't.title as topic_title',
    ])
    .where('l.unit_id', '=', unitId)
    .where('l.division_id', 'in', [...divisionIds])
    .where('l.day', '>=', fromDay)
    .where('l.day', '<=', toDay)
    .orderBy('l.day')
    .orderBy('l.id')
    .execute();
}
