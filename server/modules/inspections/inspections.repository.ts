import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { PageRequest } from '../../platform/db/cursor.js';
import { keysetPage } from '../../platform/db/cursor.js';
import type { Tx } from '../../platform/services.js';
import type { FindingEventKind, FindingState } from '../../../core/inspections.js';

type Q = Kysely<Database> | Tx;

export async function inspectionRow(db: Q, unitId: string, id: string) {
  return db.selectFrom('inspections').selectAll().where('unit_id', '=', unitId).where('id', '=', id).executeTakeFirst();
}
export type InspectionRow = NonNullable<Awaited<ReturnType<typeof inspectionRow>>>;

export function inspectionsPage(db: Q, unitId: string, page: PageRequest) {
  return keysetPage(
    db.selectFrom('inspections').selectAll().where('unit_id', '=', unitId),
    { columns: ['created_at', 'id'], types: ['string', 'string'], direction: 'desc', key: (r) => [r.created_at, r.id] },
    page,
  );
}

export async function checklistOf(db: Q, inspectionId: string) {
  return db
    .selectFrom('inspection_items')
    .select(['id', 'seq', 'clause', 'text'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('seq')
    .execute();
}

export async function samplesOf(db: Q, inspectionId: string) {
  return db
    .selectFrom('inspection_samples as s')
    .innerJoin('minutes as n', 'n.id', 's.minutes_id')
    .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
    .innerJoin('divisions as d', 'd.id', 's.division_id')
    .select([
      's.id',
      's.seq',
      's.division_id',
      's.minutes_id',
      'd.name as division_name',
      'n.meeting_id',
      'n.number',
      'm.starts_at',
      'm.started_at',
    ])
    .where('s.inspection_id', '=', inspectionId)
    .orderBy('s.seq')
    .execute();
}

export async function resultsOf(db: Q, inspectionId: string) {
  return db
    .selectFrom('inspection_results as r')
    .innerJoin('users as u', 'u.id', 'r.recorded_by')
    .select([
      'r.id',
      'r.sample_id',
      'r.item_id',
      'r.result',
      'r.comment',
      'r.evidence',
      'r.recorded_at',
      'r.version',
      'u.display_name as recorded_by_name',
    ])
    .where('r.inspection_id', '=', inspectionId)
    .execute();
}

const findingColumns = [
  'f.id',
  'f.unit_id',
  'f.inspection_id',
  'f.seq',
  'f.division_id',
  'f.sample_id',
  'f.clause',
  'f.description',
  'f.evidence',
  'f.state',
  'f.deadline',
  'f.notice_text',
  'f.notified_at',
  'f.report_text',
  'f.reported_at',
  'f.closed_at',
  'f.case_id',
  'f.created_at',
  'f.version',
  'd.name as division_name',
  'i.title as inspection_title',
] as const;

function findingSelect(db: Q) {
  return db
    .selectFrom('inspection_findings as f')
    .innerJoin('divisions as d', 'd.id', 'f.division_id')
    .innerJoin('inspections as i', 'i.id', 'f.inspection_id')
    .select(findingColumns);
}

export async function findingRow(db: Q, unitId: string, id: string) {
  return findingSelect(db).where('f.unit_id', '=', unitId).where('f.id', '=', id).executeTakeFirst();
}
export type FindingRow = NonNullable<Awaited<ReturnType<typeof findingRow>>>;

export async function findingsOf(db: Q, inspectionId: string) {
  return findingSelect(db).where('f.inspection_id', '=', inspectionId).orderBy('f.seq').execute();
}

/** Findings of these divisions (or all when null), newest first; the office's and the heads' 整改 list. */
export function findingsPage(
  db: Q,
  unitId: string,
  divisionIds: readonly string[] | null,
  filter: { state?: FindingState | undefined; divisionId?: string | undefined; notifiedOnly: boolean },
  page: PageRequest,
) {
  let q = findingSelect(db).where('f.unit_id', '=', unitId);
  // Nobody's divisions (an administrator): nothing, not every division.
  if (divisionIds) q = q.where('f.division_id', 'in', divisionIds.length ? [...divisionIds] : ['-']);
  if (filter.state) q = q.where('f.state', '=', filter.state);
  if (filter.divisionId) q = q.where('f.division_id', '=', filter.divisionId);
  if (filter.notifiedOnly) q = q.where('f.state', '!=', 'open');
  return keysetPage(
    q,
    {
      columns: ['f.created_at', 'f.id'],
      types: ['string', 'string'],
      direction: 'desc',
      key: (r) => [r.created_at, r.id],
    },
    page,
  );
}

export async function findingCounts(db: Q, inspectionIds: readonly string[]) {
  const out = new Map<string, { total: number; open: number }>();
  if (inspectionIds.length === 0) return out;
  const rows = await db
    .selectFrom('inspection_findings')
    .select(['inspection_id', 'state'])
    .where('inspection_id', 'in', [...inspectionIds])
    .execute();
  for (const r of rows) {
    const c = out.get(r.inspection_id) ?? { total: 0, open: 0 };
    c.total++;
    if (r.state !== 'closed') c.open++;
    out.set(r.inspection_id, c);
  }
  return out;
}

export async function findingEvents(db: Q, findingId: string) {
  return db
    .selectFrom('inspection_finding_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.seq', 'e.kind', 'e.text', 'e.data', 'e.at', 'u.display_name as actor_name'])
    .where('e.finding_id', '=', findingId)
    .orderBy('e.seq')
    .execute();
}

export async function findingFiles(db: Q, findingId: string) {
  return db
    .selectFrom('inspection_finding_files')
    .select(['id', 'event_id', 'filename', 'file_type', 'size', 'uploaded_by', 'sha256'])
    .where('finding_id', '=', findingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Appends one event to a finding's timeline; the unique (finding, seq) refuses a second writer. */
export async function addFindingEvent(
  trx: Tx,
  e: {
    unitId: string;
    findingId: string;
    kind: FindingEventKind;
    actorId: string | null;
    text: string;
    data?: unknown;
    at: string;
  },
): Promise<string> {
  const last = await trx
    .selectFrom('inspection_finding_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('finding_id', '=', e.findingId)
    .executeTakeFirst();
  const id = randomUUID();
  await trx
    .insertInto('inspection_finding_events')
    .values({
      id,
      unit_id: e.unitId,
      finding_id: e.findingId,
      seq: Number(last?.seq ?? 0) + 1,
      kind: e.kind,
      actor_id: e.actorId,
      text: e.text,
      data: JSON.stringify(e.data ?? {}),
      at: e.at,
    })
    .execute();
  return id;
}

/** Division names by id, for the plan's scope. */
export async function divisionNames(db: Q, unitId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('divisions')
    .select(['id', 'name'])
    .where('unit_id', '=', unitId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
