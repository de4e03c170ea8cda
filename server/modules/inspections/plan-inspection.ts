import { randomBytes, randomUUID } from 'node:crypto';
import type { CreateInspectionBody, InspectionDetailDto } from '../../../core/contracts/inspections.js';
import { COMPLIANCE_CHECKS, monthsBetween, type ComplianceCheck } from '../../../core/compliance.js';
import { AppError } from '../../../core/errors.js';
import { defaultChecklist, INSPECTION_LIMITS, type ChecklistItemDraft } from '../../../core/inspections.js';
import { can, type Actor } from '../../../core/policy.js';
import { audit, auditBy, inTransaction, lock, type Services, type Tx } from '../../platform/services.js';
import { activeDivisions } from '../meetings/meeting-list.repository.js';
import { inspectionRow, type InspectionRow } from './inspections.repository.js';
import { drawSample, newSeed, sampleCandidates } from './sample.js';
import { viewInspection } from './view-inspections.js';

export const UNSEEN = '专项检查不存在或无权查看';

/** Readers of inspections: those who read the compliance matrix (R6.4); anyone else 404. */
export function requireReader(actor: Actor): void {
  if (!can(actor, 'oversight.read')) throw new AppError('NOT_FOUND', UNSEEN);
}

/** The supervision office and the general office prepare; a reader who may not gets 403. */
export function requirePreparer(actor: Actor): void {
  requireReader(actor);
  if (!can(actor, 'inspection.prepare')) throw new AppError('FORBIDDEN', '专项检查由监察室组织实施，办公室协助');
}

/** Only the supervision office concludes, notifies and verifies. */
export function requireConcluder(actor: Actor, what: string): void {
  requireReader(actor);
  if (!can(actor, 'inspection.conclude')) throw new AppError('FORBIDDEN', `${what}由监察室办理`);
}

/** The inspection locked for a change at the version the client read, in the state the step needs. */
export async function lockedInspection(
  s: Services,
  trx: Tx,
  actor: Actor,
  id: string,
  version: number | null,
  states: readonly string[],
  stateMessage: string,
): Promise<InspectionRow> {
  await lock(s, trx, 'inspections', id);
  const row = await inspectionRow(trx, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', UNSEEN);
  if (!states.includes(row.state)) throw new AppError('INVALID_TRANSITION', stateMessage);
  if (version !== null && Number(row.version) !== version)
    throw new AppError('CONFLICT', '专项检查已被他人修改，请刷新后再试');
  return row;
}

export async function bumpInspection(trx: Tx, row: InspectionRow, at: string, set: Partial<InspectionRow> = {}) {
  const r = await trx
    .updateTable('inspections')
    .set({ ...set, version: Number(row.version) + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '专项检查已被他人修改，请刷新后再试');
}

/** The divisions in scope, validated against the org: active divisions that meet, in org order. */
async function scopeDivisions(trx: Tx, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const all = (await activeDivisions(trx, actor.unitId)).filter((d) => d.kind !== 'leadership');
  const wanted = new Set(ids);
  if (wanted.size !== ids.length) throw new AppError('VALIDATION_FAILED', '检查范围中有重复的处室');
  const known = new Set(all.map((d) => d.id));
  const unknown = ids.filter((i) => !known.has(i));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', '检查范围中有不存在或已停用的处室');
  return all.filter((d) => wanted.has(d.id)).map((d) => d.id);
}

async function replaceSample(
  trx: Tx,
  unitId: string,
  inspectionId: string,
  seed: string,
  divisionIds: string[],
  from: string,
  to: string,
  size: number,
) {
  await trx.deleteFrom('inspection_samples').where('inspection_id', '=', inspectionId).execute();
  const drawn = drawSample(seed, divisionIds, await sampleCandidates(trx, unitId, divisionIds, from, to), size);
  if (drawn.length)
    await trx
      .insertInto('inspection_samples')
      .values(
        drawn.map((c, i) => ({
          id: randomUUID(),
          unit_id: unitId,
          inspection_id: inspectionId,
          division_id: c.divisionId,
          minutes_id: c.minutesId,
          seq: i + 1,
        })),
      )
      .execute();
  return drawn.length;
}

async function replaceChecklist(trx: Tx, unitId: string, inspectionId: string, items: ChecklistItemDraft[]) {
  await trx.deleteFrom('inspection_items').where('inspection_id', '=', inspectionId).execute();
  await trx
    .insertInto('inspection_items')
    .values(
      items.map((it, i) => ({
        id: randomUUID(),
        unit_id: unitId,
        inspection_id: inspectionId,
        seq: i + 1,
        clause: it.clause,
        text: it.text,
      })),
    )
    .execute();
}

/**
 * R6.4: the office (or the general office, preparing) plans an inspection: the
 * divisions, the months and the checks in scope, the default checklist of those
 * checks, and a sample of each division's issued minutes of the period drawn
 * with a recorded seed — given, to reproduce an earlier draw, or new.
 */
export async function createInspection(
  s: Services,
  actor: Actor,
  body: CreateInspectionBody,
  ip: string | null,
): Promise<InspectionDetailDto> {
  requirePreparer(actor);
  if (monthsBetween(body.from, body.to).length > INSPECTION_LIMITS.maxMonths)
    throw new AppError('VALIDATION_FAILED', `检查期间最长 ${INSPECTION_LIMITS.maxMonths} 个月`);
  const checks = COMPLIANCE_CHECKS.filter((c) => body.checks.includes(c));
  if (checks.length !== body.checks.length) throw new AppError('VALIDATION_FAILED', '检查项目有重复');
  const id = randomUUID();
  const seed = body.seed ?? newSeed(randomBytes(8));
  await inTransaction(s, async (trx) => {
    const divisionIds = await scopeDivisions(trx, actor, body.divisionIds);
    const at = s.clock.now().toISOString();
    await trx
      .insertInto('inspections')
      .values({
        id,
        unit_id: actor.unitId,
        title: body.title,
        from_month: body.from,
        to_month: body.to,
        division_ids: JSON.stringify(divisionIds),
        checks: JSON.stringify(checks),
        sample_size: body.sampleSize,
        seed,
        state: 'planning',
        summary: null,
        report_year: null,
        report_seq: null,
        report_number: null,
        created_by: actor.userId,
        created_at: at,
        started_at: null,
        concluded_by: null,
        concluded_at: null,
        version: 1,
        updated_at: at,
      })
      .execute();
    await replaceChecklist(trx, actor.unitId, id, defaultChecklist(checks));
    const drawn = await replaceSample(trx, actor.unitId, id, seed, divisionIds, body.from, body.to, body.sampleSize);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.plan',
      subjectType: 'inspection',
      subjectId: id,
      data: { from: body.from, to: body.to, divisions: divisionIds.length, checks, seed, drawn },
    });
  });
  return viewInspection(s, actor, id);
}

/** Draws the sample again while the plan is open: with a given seed (reproducing a draw) or a new one. */
export async function redrawSample(
  s: Services,
  actor: Actor,
  id: string,
  body: { version: number; seed?: string | undefined },
  ip: string | null,
): Promise<InspectionDetailDto> {
  requirePreparer(actor);
  await inTransaction(s, async (trx) => {
    const row = await lockedInspection(s, trx, actor, id, body.version, ['planning'], '检查已开始，样本不能重新抽取');
    const seed = body.seed ?? newSeed(randomBytes(8));
    const divisionIds = JSON.parse(row.division_ids) as string[];
    const drawn = await replaceSample(
      trx,
      actor.unitId,
      id,
      seed,
      divisionIds,
      row.from_month,
      row.to_month,
      Number(row.sample_size),
    );
    await bumpInspection(trx, row, s.clock.now().toISOString(), { seed });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.sample',
      subjectType: 'inspection',
      subjectId: id,
      data: { seed, drawn },
    });
  });
  return viewInspection(s, actor, id);
}

/** Replaces the checklist while the plan is open. */
export async function setChecklist(
  s: Services,
  actor: Actor,
  id: string,
  body: { version: number; items: ChecklistItemDraft[] },
  ip: string | null,
): Promise<InspectionDetailDto> {
  requirePreparer(actor);
  await inTransaction(s, async (trx) => {
    const row = await lockedInspection(s, trx, actor, id, body.version, ['planning'], '检查已开始，检查清单不能修改');
    await replaceChecklist(trx, actor.unitId, id, body.items);
    await bumpInspection(trx, row, s.clock.now().toISOString());
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.checklist',
      subjectType: 'inspection',
      subjectId: id,
      data: { items: body.items.length },
    });
  });
  return viewInspection(s, actor, id);
}

/** Starts the inspection: scope, checklist and sample are fixed from now on. */
export async function startInspection(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<InspectionDetailDto> {
  requirePreparer(actor);
  await inTransaction(s, async (trx) => {
    const row = await lockedInspection(s, trx, actor, id, version, ['planning'], '检查已开始');
    const n = await trx
      .selectFrom('inspection_samples')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('inspection_id', '=', id)
      .executeTakeFirst();
    if (Number(n?.n ?? 0) === 0)
      throw new AppError(
        'INSPECTION_EMPTY_SAMPLE',
        '检查期间内所选处室没有已签发的纪要，无法开始检查；请调整检查期间或处室',
      );
    const at = s.clock.now().toISOString();
    await bumpInspection(trx, row, at, { state: 'working', started_at: at });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.start',
      subjectType: 'inspection',
      subjectId: id,
      data: { from: 'planning', to: 'working' },
    });
  });
  return viewInspection(s, actor, id);
}

export const checksOf = (row: InspectionRow) => JSON.parse(row.checks) as ComplianceCheck[];
