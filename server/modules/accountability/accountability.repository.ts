import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CasesTable, Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import type { Actor } from '../../../core/policy.js';
import type { CaseFacts } from '../../../core/policies/accountability.js';
import { AppError } from '../../../core/errors.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';
import type { CaseKind, CaseStatus } from '../../../core/accountability.js';

type Q = Kysely<Database> | Tx;
export type CaseRow = Selectable<CasesTable> & { division_name: string | null; opener_name: string };

/** One case of the unit with its division's and opener's names, or null. */
export async function caseRow(db: Q, unitId: string, id: string): Promise<CaseRow | null> {
  const row = await db
    .selectFrom('cases as c')
    .leftJoin('divisions as d', 'd.id', 'c.division_id')
    .innerJoin('users as o', 'o.id', 'c.opened_by')
    .selectAll('c')
    .select(['d.name as division_name', 'o.display_name as opener_name'])
    .where('c.unit_id', '=', unitId)
    .where('c.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** The persons concerned of some cases, by case, in the order they were named. */
export async function subjectsOf(db: Q, unitId: string, caseIds: readonly string[]) {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('case_subjects as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.case_id', 's.user_id', 'u.display_name'])
    .where('s.unit_id', '=', unitId)
    .where('s.case_id', 'in', [...caseIds])
    .orderBy('s.position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.case_id) ?? [];
    list.push({ id: r.user_id, name: r.display_name });
    out.set(r.case_id, list);
  }
  return out;
}

export function factsOf(row: Pick<CaseRow, 'status'>, subjectIds: readonly string[]): CaseFacts {
  return { status: row.status, subjectIds };
}

/** Active users of the unit with these ids, never the one naming them; any other id is 422. */
export async function checkSubjects(db: Q, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.includes(actor.userId)) throw new AppError('CASE_SUBJECT_INVALID', '不能将本人列为当事人，请回避');
  const unitId = actor.unitId;
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) throw new AppError('CASE_SUBJECT_INVALID');
  return unique;
}

/** Names the persons concerned anew (at opening, or at 立案). */
export async function setSubjects(trx: Tx, unitId: string, caseId: string, ids: readonly string[], at: string) {
  await trx.deleteFrom('case_subjects').where('unit_id', '=', unitId).where('case_id', '=', caseId).execute();
  for (const [i, userId] of ids.entries())
    await trx
      .insertInto('case_subjects')
      .values({
        id: randomUUID(),
        unit_id: unitId,
        case_id: caseId,
        user_id: userId,
        position: i,
        created_at: at,
      })
      .execute();
}

/** The next number of a case's append-only sequence; every writer holds the case's row lock. */
async function nextSeq(trx: Tx, table: 'case_events' | 'case_evidence', unitId: string, caseId: string) {
  const last = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('unit_id', '=', unitId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}

/** Appends a step to the case's timeline. */
export async function addCaseEvent(
  trx: Tx,
  e: { unitId: string; caseId: string; kind: string; actor: Actor | null; text: string; data?: object; at: string },
): Promise<void> {
  await trx
    .insertInto('case_events')
    .values({
      id: randomUUID(),
      unit_id: e.unitId,
      case_id: e.caseId,
      seq: await nextSeq(trx, 'case_events', e.unitId, e.caseId),
      kind: e.kind,
      actor_id: e.actor?.userId ?? null,
      actor_name: e.actor?.displayName ?? '系统',
      text: e.text,
      data: JSON.stringify(e.data ?? {}),
      created_at: e.at,
    })
    .execute();
}

/** The last evidence row of a case (the chain's head), or null. */
export async function lastEvidence(trx: Tx, unitId: string, caseId: string) {
  const r = await trx
    .selectFrom('case_evidence')
    .select(['seq', 'sha256'])
    .where('unit_id', '=', unitId)
    .where('case_id', '=', caseId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { seq: Number(r.seq), sha256: r.sha256 } : null;
}

export async function insertEvidence(
  trx: Tx,
  r: {
    id: string;
    unitId: string;
    caseId: string;
    seq: number;
    kind: 'bundle' | 'statement' | 'fact';
    content: string;
    sha256: string;
    prevHash: string | null;
    actor: Actor;
    at: string;
  },
): Promise<void> {
  await trx
    .insertInto('case_evidence')
    .values({
      id: r.id,
      unit_id: r.unitId,
      case_id: r.caseId,
      seq: r.seq,
      kind: r.kind,
      content: r.content,
      sha256: r.sha256,
      prev_hash: r.prevHash,
      actor_id: r.actor.userId,
      actor_name: r.actor.displayName,
      created_at: r.at,
    })
    .execute();
}

export function evidenceRows(db: Q, unitId: string, caseId: string) {
  return db
    .selectFrom('case_evidence')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

/** Moves the case to its next version with `set`; a stale version is 409 CONFLICT. */
export async function updateCase(
  trx: Tx,
  row: Pick<CaseRow, 'id' | 'version'>,
  set: Partial<Omit<CasesTable, 'id' | 'unit_id' | 'version'>>,
  at: string,
): Promise<void> {
  const res = await trx
    .updateTable('cases')
    .set({ ...set, version: Number(row.version) + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', Number(row.version))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
}

/** Files uploaded to the case by `actorId` and not yet submitted, by id; an unknown or used id is 422. */
export async function unboundAttachments(
  trx: Tx,
  unitId: string,
  caseId: string,
  actorId: string,
  ids: readonly string[],
) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await trx
    .selectFrom('case_attachments')
    .select(['id', 'filename', 'size', 'file_type', 'sha256'])
    .where('unit_id', '=', unitId)
    .where('case_id', '=', caseId)
    .where('uploaded_by', '=', actorId)
    .where('evidence_id', 'is', null)
    .where('id', 'in', unique)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length !== unique.length)
    throw new AppError('VALIDATION_FAILED', '附件不存在、不是本人上传的，或已随其他材料提交');
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    size: Number(r.size),
    fileType: r.file_type,
    sha256: r.sha256,
  }));
}

export async function bindAttachments(trx: Tx, unitId: string, ids: readonly string[], evidenceId: string) {
  if (ids.length === 0) return;
  await trx
    .updateTable('case_attachments')
    .set({ evidence_id: evidenceId })
    .where('unit_id', '=', unitId)
    .where('id', 'in', [...ids])
    .where('evidence_id', 'is', null)
    .execute();
}

export async function timelineOf(db: Q, unitId: string, caseId: string) {
  const [events, evidence, files] = await Promise.all([
    db
      .selectFrom('case_events')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute(),
    evidenceRows(db, unitId, caseId),
    db
      .selectFrom('case_attachments')
      .select(['id', 'evidence_id', 'filename', 'size', 'file_type', 'sha256'])
      .where('unit_id', '=', unitId)
      .where('case_id', '=', caseId)
      .where('evidence_id', 'is not', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  return { events, evidence, files };
}
export type CaseTimeline = Awaited<ReturnType<typeof timelineOf>>;

export interface CaseFilter {
  status?: CaseStatus | undefined;
  kind?: CaseKind | undefined;
  divisionId?: string | undefined;
}

/**
 * A page of the unit's cases, newest first, for those who see cases. A case in
 * which the reader is concerned is left out: they read it as a person concerned.
 */
export async function casePage(db: Q, actor: Actor, f: CaseFilter & PageRequest) {
  let q = db
    .selectFrom('cases as c')
    .leftJoin('divisions as d', 'd.id', 'c.division_id')
    .innerJoin('users as o', 'o.id', 'c.opened_by')
    .selectAll('c')
    .select(['d.name as division_name', 'o.display_name as opener_name'])
    .where('c.unit_id', '=', actor.unitId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_subjects as s')
            .select('s.id')
            .whereRef('s.case_id', '=', 'c.id')
            .where('s.unit_id', '=', actor.unitId)
            .where('s.user_id', '=', actor.userId),
        ),
      ),
    );
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.divisionId) q = q.where('c.division_id', '=', f.divisionId);
  return keysetPage(
    q,
    {
      columns: ['c.opened_at', 'c.id'],
      types: ['string', 'string'],
      direction: 'desc',
      key: (r) => [r.opened_at, r.id],
    },
    f,
  );
}

/** The cases the actor is concerned in and has been told about, newest notice first. */
export async function noticePage(db: Q, actor: Actor, page: PageRequest) {
  return keysetPage(
    db
      .selectFrom('cases as c')
      .innerJoin('case_subjects as s', (j) => j.onRef('s.case_id', '=', 'c.id'))
      .leftJoin('divisions as d', 'd.id', 'c.division_id')
      .innerJoin('users as o', 'o.id', 'c.opened_by')
      .selectAll('c')
      .select(['d.name as division_name', 'o.display_name as opener_name'])
      .where('c.unit_id', '=', actor.unitId)
      .where('s.unit_id', '=', actor.unitId)
      .where('s.user_id', '=', actor.userId)
      .where('c.notified_at', 'is not', null),
    {
      columns: ['c.notified_at', 'c.id'],
      types: ['string', 'string'],
      direction: 'desc',
      key: (r) => [r.notified_at ?? '', r.id],
    },
    page,
  );
}

/** How many cases the actor is concerned in and has been told about (the 我的问责通知 menu entry). */
export async function countNotifiedCases(db: Q, actor: Actor): Promise<number> {
  const r = await db
    .selectFrom('case_subjects as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('s.unit_id', '=', actor.unitId)
    .where('s.user_id', '=', actor.userId)
    .where('c.notified_at', 'is not', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
