import { randomUUID } from 'node:crypto';
import { storeUpload } from '../../platform/storage/store-upload.js';
import type { Readable } from 'node:stream';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { canRun } from '../../../core/tracking.js';
import { audit, auditBy, inTransaction, lock, type Services } from '../../platform/services.js';
import { prefetchText } from '../../platform/storage/extract-text.js';
import { FILE_TYPE_MIME, type FileType } from '../../platform/storage/file-type.js';
import { visibleItem } from './view-item.js';
import { refuseIfArchived } from '../../platform/archive-lock.js';

/**
 * A file for a progress or completion report (evidence), recognised by content
 * and stored by SHA-256 like written material; it joins the timeline with the
 * report that names it.
 */
export async function uploadItemAttachment(
  s: Services,
  actor: Actor,
  id: string,
  rawName: string,
  data: Buffer,
  ip: string | null,
): Promise<{ id: string; filename: string; fileType: string; size: number }> {
  const check = async (db: Parameters<typeof visibleItem>[0]) => {
    const { row, abilities } = await visibleItem(db, actor, id, shanghaiDay(s.clock.now()));
    if (!abilities.may.report)
      throw new AppError('FORBIDDEN', '只有责任人、协办人（或责任处室负责人）可以上传办理材料');
    await refuseIfArchived(s.db, db, actor.unitId, [row.source_meeting_id]);
    if (!canRun(row.status, 'report')) throw new AppError('INVALID_TRANSITION', '该督办事项当前不能上传办理材料');
  };
  await check(s.db.kysely);
  const { fileType, filename, sha256 } = await storeUpload(s, rawName, data);
  // R1.3: read for the search index now; the report that binds the file indexes it.
  await prefetchText(sha256, fileType, data);
  const attId = randomUUID();
  await inTransaction(s, async (trx) => {
    await lock(s, trx, 'tracking_items', id);
    await check(trx);
    await trx
      .insertInto('tracking_attachments')
      .values({
        id: attId,
        unit_id: actor.unitId,
        item_id: id,
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
      action: 'tracking.attachment_add',
      subjectType: 'tracking_item',
      subjectId: id,
      data: { attachmentId: attId, filename, fileType, size: data.length, sha256 },
    });
  });
  return { id: attId, filename, fileType, size: data.length };
}

/** A reported file, to whoever may see the item. */
export async function openItemAttachment(
  s: Services,
  actor: Actor,
  id: string,
  attachmentId: string,
): Promise<{ stream: Readable; filename: string; mime: string; size: number }> {
  await visibleItem(s.db.kysely, actor, id, shanghaiDay(s.clock.now()));
  const att = await s.db.kysely
    .selectFrom('tracking_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('item_id', '=', id)
    .where((eb) => eb.or([eb('event_id', 'is not', null), eb('uploaded_by', '=', actor.userId)]))
    .executeTakeFirst();
  if (!att) throw new AppError('NOT_FOUND', '附件不存在');
  const stream = await s.blobs.open(att.sha256);
  if (!stream) throw new AppError('NOT_FOUND', '附件文件缺失，请联系系统管理员');
  return { stream, filename: att.filename, mime: FILE_TYPE_MIME[att.file_type as FileType], size: Number(att.size) };
}
