import { randomUUID } from 'node:crypto';
import type { FindingBody, InspectionDetailDto, ResultBody } from '../../../core/contracts/inspections.js';
import { AppError } from '../../../core/errors.js';
import { reportNumber } from '../../../core/inspections.js';
import type { Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { addFindingEvent } from './inspections.repository.js';
import { bumpInspection, lockedInspection, requireConcluder, requirePreparer } from './plan-inspection.js';
import { viewInspection } from './view-inspections.js';

/**
 * R6.4: one checklist item's result for one sampled minutes — pass, fail or not
 * applicable, with a comment and links to the evidence. Recorded the first time
 * at version 0, changed at the version read; the second of two at once is 409
 * (the unique (sample, item) key, or the version). Only while the inspection runs.
 */
export async function recordResult(
  s: Services,
  actor: Actor,
  id: string,
  body: ResultBody,
  ip: string | null,
): Promise<InspectionDetailDto> {
  requirePreparer(actor);
  await inTransaction(s, async (trx) => {
    await lockedInspection(s, trx, actor, id, null, ['working'], '只有检查进行中才能填写检查结果');
    const sample = await trx
      .selectFrom('inspection_samples')
      .select('id')
      .where('id', '=', body.sampleId)
      .where('inspection_id', '=', id)
      .executeTakeFirst();
    const item = await trx
      .selectFrom('inspection_items')
      .select(['id', 'clause'])
      .where('id', '=', body.itemId)
      .where('inspection_id', '=', id)
      .executeTakeFirst();
    if (!sample || !item) throw new AppError('VALIDATION_FAILED', '样本或检查项目不属于本次检查');
    if (body.result === 'fail' && !body.comment?.trim()) throw new AppError('VALIDATION_FAILED', '“不符合”须写明情况');
    const at = s.clock.now().toISOString();
    const values = {
      result: body.result,
      comment: body.comment?.trim() ? body.comment.trim() : null,
      evidence: JSON.stringify(body.evidence),
      recorded_by: actor.userId,
      recorded_at: at,
    };
    if (body.version === 0) {
      await trx
        .insertInto('inspection_results')
        .values({
          id: randomUUID(),
          unit_id: actor.unitId,
          inspection_id: id,
          sample_id: body.sampleId,
          item_id: body.itemId,
          ...values,
          version: 1,
        })
        .execute();
    } else {
      const r = await trx
        .updateTable('inspection_results')
        .set({ ...values, version: body.version + 1 })
        .where('sample_id', '=', body.sampleId)
        .where('item_id', '=', body.itemId)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该项结果已被他人修改，请刷新后再试');
    }
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.result',
      subjectType: 'inspection',
      subjectId: id,
      data: { sampleId: body.sampleId, itemId: body.itemId, clause: item.clause, result: body.result },
    });
  });
  return viewInspection(s, actor, id);
}

/**
 * R6.4: a finding — a division, the clause it breaches, what was found and the
 * evidence — registered while the inspection runs (the general office may draft
 * it; the 整改通知 is the supervision office's). Numbered within the inspection.
 */
export async function addFinding(
  s: Services,
  actor: Actor,
  id: string,
  body: FindingBody,
  ip: string | null,
): Promise<InspectionDetailDto> {
  requirePreparer(actor);
  await inTransaction(s, async (trx) => {
    const row = await lockedInspection(s, trx, actor, id, null, ['working'], '只有检查进行中才能登记发现的问题');
    const inScope = (JSON.parse(row.division_ids) as string[]).includes(body.divisionId);
    if (!inScope) throw new AppError('VALIDATION_FAILED', '问题所属处室不在本次检查范围内');
    if (body.sampleId) {
      const sample = await trx
        .selectFrom('inspection_samples')
        .select('division_id')
        .where('id', '=', body.sampleId)
        .where('inspection_id', '=', id)
        .executeTakeFirst();
      if (!sample || sample.division_id !== body.divisionId)
        throw new AppError('VALIDATION_FAILED', '所引样本不属于本次检查中的该处室');
    }
    const last = await trx
      .selectFrom('inspection_findings')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('inspection_id', '=', id)
      .executeTakeFirst();
    const findingId = randomUUID();
    const at = s.clock.now().toISOString();
    const seq = Number(last?.seq ?? 0) + 1;
    await trx
      .insertInto('inspection_findings')
      .values({
        id: findingId,
        unit_id: actor.unitId,
        inspection_id: id,
        seq,
        division_id: body.divisionId,
        sample_id: body.sampleId ?? null,
        clause: body.clause,
        description: body.description,
        evidence: JSON.stringify(body.evidence),
        state: 'open',
        deadline: null,
        notice_text: null,
        notified_at: null,
        report_text: null,
        reported_at: null,
        closed_at: null,
        case_id: null,
        created_by: actor.userId,
        created_at: at,
        version: 1,
        updated_at: at,
      })
      .execute();
    await addFindingEvent(trx, {
      unitId: actor.unitId,
      findingId,
      kind: 'create',
      actorId: actor.userId,
      text: `登记问题（${body.clause}）：${body.description}`,
      at,
    });
    await bumpInspection(trx, row, at);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.finding',
      subjectType: 'inspection',
      subjectId: id,
      data: { findingId, seq, divisionId: body.divisionId, clause: body.clause },
    });
  });
  return viewInspection(s, actor, id);
}

/**
 * R6.4: the supervision office concludes: every sampled minutes has a result for
 * every checklist item, the conclusion is written, and the 通报 takes the next
 * number of the office's own yearly sequence (a counter row, so two conclusions
 * at once never share a number). Findings' rectifications go on after it.
 */
export async function concludeInspection(
  s: Services,
  actor: Actor,
  id: string,
  body: { version: number; summary: string },
  ip: string | null,
): Promise<InspectionDetailDto> {
  requireConcluder(actor, '形成检查通报');
  await inTransaction(s, async (trx) => {
    const row = await lockedInspection(s, trx, actor, id, body.version, ['working'], '只有检查进行中才能形成通报');
    const [samples, items, results] = await Promise.all([
      trx
        .selectFrom('inspection_samples')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('inspection_id', '=', id)
        .executeTakeFirst(),
      trx
        .selectFrom('inspection_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('inspection_id', '=', id)
        .executeTakeFirst(),
      trx
        .selectFrom('inspection_results')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('inspection_id', '=', id)
        .executeTakeFirst(),
    ]);
    const total = Number(samples?.n ?? 0) * Number(items?.n ?? 0);
    const done = Number(results?.n ?? 0);
    if (done < total)
      throw new AppError('INSPECTION_INCOMPLETE', `检查清单尚有 ${total - done} 项未填写结果，不能形成通报`);
    const now = s.clock.now();
    const at = now.toISOString();
    const year = Number(shanghaiDay(now).slice(0, 4));
    const counter = await trx
      .insertInto('inspection_counters')
      .values({ unit_id: actor.unitId, year, last_seq: 1 })
      .onConflict((oc) =>
        oc.columns(['unit_id', 'year']).doUpdateSet((eb) => ({ last_seq: eb('inspection_counters.last_seq', '+', 1) })),
      )
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const seq = Number(counter.last_seq);
    const number = reportNumber(year, seq);
    await bumpInspection(trx, row, at, {
      state: 'concluded',
      summary: body.summary,
      report_year: year,
      report_seq: seq,
      report_number: number,
      concluded_by: actor.userId,
      concluded_at: at,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.conclude',
      subjectType: 'inspection',
      subjectId: id,
      data: { from: 'working', to: 'concluded', number, results: done },
    });
  });
  return viewInspection(s, actor, id);
}
