import { randomUUID } from 'node:crypto';
import { storeUpload } from '../../platform/storage/store-upload.js';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { Database } from '../../platform/db/schema.js';
import { audit, auditBy, inTransaction, lock, type Services, type Tx } from '../../platform/services.js';
import { FILE_TYPE_MIME, type FileType } from '../../platform/storage/file-type.js';
import { visibleCase } from './view-case.js';

/**
 * A file for a statement (the person concerned) or for new facts (the
 * supervision office, the discipline secretary): recognised by content, stored
 * by SHA-256; it joins the evidence with the statement or fact that names it.
 */
export async function uploadCaseAttachment(
  s: Services,
  actor: Actor,
  id: string,
  rawName: string,
  data: Buffer,
  ip: string | null,
): Promise<{ id: string; filename: string; fileType: string; size: number; sha256: string }> {
  const check = async (db: Kysely<Database> | Tx) => {
    const { abilities } = await visibleCase(db, actor, id);
    if (!abilities.may.statement && !abilities.may.evidence)
      throw new AppError('FORBIDDEN', '只有当事人本人或办理案件的人员可以上传材料');
    if (!abilities.now.statement && !abilities.now.evidence)
      throw new AppError('INVALID_TRANSITION', '该问责案件当前不能上传材料');
  };
  await check(s.db.kysely);
  const { fileType, filename, sha256 } = await storeUpload(s, rawName, data);
  const attId = randomUUID();
  await inTransaction(s, async (trx) => {
    await lock(s, trx, 'cases', id);
    await check(trx);
    await trx
      .insertInto('case_attachments')
      .values({
        id: attId,
        unit_id: actor.unitId,
        case_id: id,
        evidence_id: null,
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
      action: 'case.attachment_add',
      subjectType: 'accountability_case',
      subjectId: id,
      data: { attachmentId: attId, fileType, size: data.length, sha256 },
    });
  });
  return { id: attId, filename, fileType, size: data.length, sha256 };
}

/**
 * A file of the case: those who see the case read the submitted files and
 * their own uploads; a person concerned only the files they uploaded themselves.
 */
export async function openCaseAttachment(
  s: Services,
  actor: Actor,
  id: string,
  attachmentId: string,
): Promise<{ stream: Readable; filename: string; mime: string; size: number }> {
  const { abilities } = await visibleCase(s.db.kysely, actor, id);
  let q = s.db.kysely
    .selectFrom('case_attachments')
    .selectAll()
    .where('unit_id', '=', actor.unitId)
    .where('case_id', '=', id)
    .where('id', '=', attachmentId);
  q =
    abilities.access === 'full'
      ? q.where((eb) => eb.or([eb('evidence_id', 'is not', null), eb('uploaded_by', '=', actor.userId)]))
      : q.where('uploaded_by', '=', actor.userId);
  const att = await q.executeTakeFirst();
  if (!att) throw new AppError('NOT_FOUND', '附件不存在');
  const stream = await s.blobs.open(att.sha256);
  if (!stream) throw new AppError('NOT_FOUND', '附件文件缺失，请联系系统管理员');
  return { stream, filename: att.filename, mime: FILE_TYPE_MIME[att.file_type as FileType], size: Number(att.size) };
}
