import { randomUUID } from 'node:crypto';
import { storeUpload } from '../../platform/storage/store-upload.js';
import type { Readable } from 'node:stream';
import type { FindingDetailDto } from '../../../core/contracts/inspections.js';
import { AppError } from '../../../core/errors.js';
import { canStep, type FindingState, type FindingStep } from '../../../core/inspections.js';
import { dateCn } from '../../../core/record.js';
import type { Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { audit, auditBy, inTransaction, lock, type Services, type Tx } from '../../platform/services.js';
import { prefetchText } from '../../platform/storage/extract-text.js';
import { FILE_TYPE_MIME, type FileType } from '../../platform/storage/file-type.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { divisionHeads } from '../distribution/jobs.js';
import { supervisionOfficeUsers } from '../distribution/distribution.js';
import { notify } from '../notices/notices.js';
import { supervisingLeadersOf } from '../tracking/tracking.repository.js';
import { addFindingEvent, findingRow, type FindingRow } from './inspections.repository.js';
import { requireConcluder } from './plan-inspection.js';
import { findingAbilities, viewFinding, visibleFinding } from './view-inspections.js';

const STEP_REFUSED: Record<FindingStep, string> = {
  notify: '该问题已发出整改通知',
  report: '只有整改中的问题才能报送整改报告',
  close: '只有已报送整改报告的问题才能核验',
  return: '只有已报送整改报告的问题才能退回',
};

/** The finding locked, at the version read, in a state the step may start from. */
async function lockedFinding(
  s: Services,
  trx: Tx,
  actor: Actor,
  id: string,
  version: number,
  step: FindingStep,
): Promise<FindingRow> {
  await lock(s, trx, 'inspection_findings', id);
  const row = await findingRow(trx, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', '问题不存在或无权查看');
  if (!canStep(row.state as FindingState, step)) throw new AppError('INVALID_TRANSITION', STEP_REFUSED[step]);
  if (Number(row.version) !== version) throw new AppError('CONFLICT', '该问题已被他人处理，请刷新后查看');
  return row;
}

async function setFinding(trx: Tx, row: FindingRow, at: string, set: Record<string, unknown>) {
  const r = await trx
    .updateTable('inspection_findings')
    .set({ ...set, version: Number(row.version) + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该问题已被他人处理，请刷新后查看');
}

async function deadlineIn(trx: Tx, unitId: string, today: string, workingDays: number): Promise<string> {
  return (await loadCalendar(trx, unitId)).addWorkingDays(today, workingDays).date;
}

/**
 * R6.4: the supervision office sends the 整改通知 to the division head: what was
 * found, what to do, and a deadline N working days out on the unit's calendar.
 * The head and the supervising leaders are told.
 */
export async function notifyFinding(
  s: Services,
  actor: Actor,
  id: string,
  body: { version: number; workingDays: number; text: string },
  ip: string | null,
): Promise<FindingDetailDto> {
  requireConcluder(actor, '整改通知');
  await inTransaction(s, async (trx) => {
    const row = await lockedFinding(s, trx, actor, id, body.version, 'notify');
    const now = s.clock.now();
    const at = now.toISOString();
    const deadline = await deadlineIn(trx, actor.unitId, shanghaiDay(now), body.workingDays);
    await setFinding(trx, row, at, { state: 'notified', deadline, notice_text: body.text, notified_at: at });
    await addFindingEvent(trx, {
      unitId: actor.unitId,
      findingId: id,
      kind: 'notify',
      actorId: actor.userId,
      text: `发出整改通知，整改期限 ${dateCn(deadline)}（${body.workingDays} 个工作日）：${body.text}`,
      data: { deadline, workingDays: body.workingDays },
      at,
    });
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: [
        ...(await divisionHeads(trx, row.division_id)),
        ...(await supervisingLeadersOf(trx, actor.unitId, row.division_id)),
      ],
      kind: 'inspection.rectification',
      subjectType: 'inspection_finding',
      subjectId: id,
      title: `整改通知：${row.inspection_title}`,
      body: `${row.division_name}：专项检查发现问题（${row.clause}）“${row.description}”。${body.text}\n请于 ${dateCn(
        deadline,
      )}前完成整改，并在系统中报送整改报告及佐证材料。`,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.notify',
      subjectType: 'inspection_finding',
      subjectId: id,
      data: { from: 'open', to: 'notified', deadline },
    });
  });
  return viewFinding(s, actor, id);
}

/**
 * R6.4: the division's head (or deputy) replies with the 整改报告 and the files
 * uploaded for it; the supervision office is told.
 */
export async function reportRectification(
  s: Services,
  actor: Actor,
  id: string,
  body: { version: number; text: string; fileIds: string[] },
  ip: string | null,
): Promise<FindingDetailDto> {
  await inTransaction(s, async (trx) => {
    const visible = await visibleFinding(trx, actor, id);
    if (!findingAbilities(actor, visible, shanghaiDay(s.clock.now())).report) {
      if (visible.state !== 'notified') throw new AppError('INVALID_TRANSITION', STEP_REFUSED.report);
      throw new AppError('FORBIDDEN', '整改报告由被检查处室的负责人报送');
    }
    const row = await lockedFinding(s, trx, actor, id, body.version, 'report');
    const files = body.fileIds.length
      ? await trx
          .selectFrom('inspection_finding_files')
          .select(['id', 'filename'])
          .where('finding_id', '=', id)
          .where('event_id', 'is', null)
          .where('id', 'in', body.fileIds)
          .execute()
      : [];
    if (files.length !== new Set(body.fileIds).size)
      throw new AppError('VALIDATION_FAILED', '佐证材料不存在或已随此前的整改报告报送');
    const at = s.clock.now().toISOString();
    await setFinding(trx, row, at, { state: 'reported', report_text: body.text, reported_at: at });
    const eventId = await addFindingEvent(trx, {
      unitId: actor.unitId,
      findingId: id,
      kind: 'report',
      actorId: actor.userId,
      text: `报送整改报告：${body.text}`,
      data: { files: files.map((f) => f.id) },
      at,
    });
    if (files.length)
      await trx
        .updateTable('inspection_finding_files')
        .set({ event_id: eventId })
        .where(
          'id',
          'in',
          files.map((f) => f.id),
        )
        .execute();
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: await supervisionOfficeUsers(trx, actor.unitId),
      kind: 'inspection.report',
      subjectType: 'inspection_finding',
      subjectId: id,
      title: `整改报告待核验：${row.division_name}`,
      body: `${row.division_name}已就专项检查“${row.inspection_title}”发现的问题（${row.clause}）报送整改报告${
        files.length ? `，附佐证材料 ${files.length} 份` : ''
      }，请核验。`,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.report',
      subjectType: 'inspection_finding',
      subjectId: id,
      data: { from: 'notified', to: 'reported', files: files.length },
    });
  });
  return viewFinding(s, actor, id);
}

/** R6.4: the supervision office verifies the rectification and closes the finding. */
export async function closeFinding(
  s: Services,
  actor: Actor,
  id: string,
  body: { version: number; note?: string | undefined },
  ip: string | null,
): Promise<FindingDetailDto> {
  requireConcluder(actor, '整改核验');
  await inTransaction(s, async (trx) => {
    const row = await lockedFinding(s, trx, actor, id, body.version, 'close');
    const at = s.clock.now().toISOString();
    await setFinding(trx, row, at, { state: 'closed', closed_at: at });
    await addFindingEvent(trx, {
      unitId: actor.unitId,
      findingId: id,
      kind: 'close',
      actorId: actor.userId,
      text: `核验通过，整改完成${body.note?.trim() ? `：${body.note.trim()}` : ''}`,
      at,
    });
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: await divisionHeads(trx, row.division_id),
      kind: 'inspection.closed',
      subjectType: 'inspection_finding',
      subjectId: id,
      title: `整改已核验通过：${row.inspection_title}`,
      body: `专项检查发现的问题（${row.clause}）经监察室核验，整改完成。`,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.close',
      subjectType: 'inspection_finding',
      subjectId: id,
      data: { from: 'reported', to: 'closed' },
    });
  });
  return viewFinding(s, actor, id);
}

/** R6.4: the supervision office returns an insufficient rectification with a reason and a new deadline. */
export async function returnFinding(
  s: Services,
  actor: Actor,
  id: string,
  body: { version: number; reason: string; workingDays: number },
  ip: string | null,
): Promise<FindingDetailDto> {
  requireConcluder(actor, '整改核验');
  await inTransaction(s, async (trx) => {
    const row = await lockedFinding(s, trx, actor, id, body.version, 'return');
    const now = s.clock.now();
    const at = now.toISOString();
    const deadline = await deadlineIn(trx, actor.unitId, shanghaiDay(now), body.workingDays);
    await setFinding(trx, row, at, { state: 'notified', deadline });
    await addFindingEvent(trx, {
      unitId: actor.unitId,
      findingId: id,
      kind: 'return',
      actorId: actor.userId,
      text: `整改报告被退回，须于 ${dateCn(deadline)}前重新整改：${body.reason}`,
      data: { deadline, workingDays: body.workingDays },
      at,
    });
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: await divisionHeads(trx, row.division_id),
      kind: 'inspection.returned',
      subjectType: 'inspection_finding',
      subjectId: id,
      title: `整改报告被退回：${row.inspection_title}`,
      body: `监察室退回了整改报告（${row.clause}）：${body.reason}\n请于 ${dateCn(deadline)}前重新整改并报送。`,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.return',
      subjectType: 'inspection_finding',
      subjectId: id,
      data: { from: 'reported', to: 'notified', deadline },
    });
  });
  return viewFinding(s, actor, id);
}

/** A file for the next 整改报告 (evidence), stored by SHA-256 like all material. */
export async function uploadFindingFile(
  s: Services,
  actor: Actor,
  id: string,
  rawName: string,
  data: Buffer,
  ip: string | null,
): Promise<{ id: string; filename: string; fileType: string; size: number }> {
  const check = async (db: Parameters<typeof visibleFinding>[0]) => {
    const row = await visibleFinding(db, actor, id);
    if (!findingAbilities(actor, row, shanghaiDay(s.clock.now())).report) {
      if (row.state !== 'notified') throw new AppError('INVALID_TRANSITION', '只有整改中的问题才能上传整改材料');
      throw new AppError('FORBIDDEN', '整改材料由被检查处室的负责人上传');
    }
  };
  await check(s.db.kysely);
  const { fileType, filename, sha256 } = await storeUpload(s, rawName, data);
  await prefetchText(sha256, fileType, data);
  const fileId = randomUUID();
  await inTransaction(s, async (trx) => {
    await lock(s, trx, 'inspection_findings', id);
    await check(trx);
    await trx
      .insertInto('inspection_finding_files')
      .values({
        id: fileId,
        unit_id: actor.unitId,
        finding_id: id,
        event_id: null,
        sha256,
        size: data.length,
        file_type: fileType,
        filename,
        uploaded_by: actor.userId,
        created_at: s.clock.now().toISOString(),
      })
      .execute();
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'inspection.file_add',
      subjectType: 'inspection_finding',
      subjectId: id,
      data: { fileId, filename, fileType, size: data.length, sha256 },
    });
  });
  return { id: fileId, filename, fileType, size: data.length };
}

/** A reported file, to whoever may see the finding (an unreported one only to its uploader). */
export async function openFindingFile(
  s: Services,
  actor: Actor,
  id: string,
  fileId: string,
): Promise<{ stream: Readable; filename: string; mime: string; size: number }> {
  await visibleFinding(s.db.kysely, actor, id);
  const f = await s.db.kysely
    .selectFrom('inspection_finding_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('finding_id', '=', id)
    .where((eb) => eb.or([eb('event_id', 'is not', null), eb('uploaded_by', '=', actor.userId)]))
    .executeTakeFirst();
  if (!f) throw new AppError('NOT_FOUND', '附件不存在');
  const stream = await s.blobs.open(f.sha256);
  if (!stream) throw new AppError('NOT_FOUND', '附件文件缺失，请联系系统管理员');
  return { stream, filename: f.filename, mime: FILE_TYPE_MIME[f.file_type as FileType], size: Number(f.size) };
}
