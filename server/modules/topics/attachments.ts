import { randomUUID } from 'node:crypto';
import { storeUpload } from '../../platform/storage/store-upload.js';
import type { Readable } from 'node:stream';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { canTransition, type TopicStatus } from '../../../core/topics.js';
import { audit, auditBy, inTransaction, lock, type Services } from '../../platform/services.js';
import { prefetchText } from '../../platform/storage/extract-text.js';
import { FILE_TYPE_MIME, type FileType } from '../../platform/storage/file-type.js';
import { readableTopic } from './topics.repository.js';
import { recordTopicEvent } from './topic-commands.js';
import { toNumber } from '../../platform/db/database.js';
import { refuseIfTopicArchived } from '../../platform/archive-lock.js';

/**
 * Written material (R2.3, R2.4): recognised by content, stored by SHA-256, listed
 * under a sanitised name, readable by whoever may read the topic.
 */
export async function uploadAttachment(
  s: Services,
  actor: Actor,
  topicId: string,
  rawName: string,
  data: Buffer,
  ip: string | null,
): Promise<{ id: string; filename: string; fileType: FileType; size: number; sha256: string }> {
  const topic = await readableTopic(s.db.kysely, actor, topicId);
  if (topic.proposer_id !== actor.userId) throw new AppError('FORBIDDEN', '只有提出人可以上传书面材料');
  // R5.7: a topic of an archived meeting keeps the materials the archive holds.
  await refuseIfTopicArchived(s.db, s.db.kysely, actor.unitId, topicId);
  if (!canTransition(topic.status as TopicStatus, 'edit')) {
    throw new AppError('INVALID_TRANSITION', '议题已提交，不能再修改书面材料');
  }
  const { fileType, filename, sha256 } = await storeUpload(
    s,
    rawName,
    data,
    '不允许的文件类型：仅支持 PDF、Word（docx/doc）、Excel（xlsx/xls）、WPS、OFD、PNG、JPG 和文本文件',
  );
  // R1.3: the text for the search index is read here, not under the transaction's write lock.
  await prefetchText(sha256, fileType, data);
  const id = randomUUID();
  await inTransaction(s, async (trx) => {
    // The proposer may be submitting at this moment: the topic's state is read again under its lock.
    await lock(s, trx, 'topics', topicId);
    await refuseIfTopicArchived(s.db, trx, actor.unitId, topicId);
    const now = await trx.selectFrom('topics').select('status').where('id', '=', topicId).executeTakeFirstOrThrow();
    if (!canTransition(now.status as TopicStatus, 'edit'))
      throw new AppError('INVALID_TRANSITION', '议题已提交，不能再修改书面材料');
    await trx
      .insertInto('attachments')
      .values({
        id,
        unit_id: actor.unitId,
        topic_id: topicId,
        sha256,
        size: data.length,
        file_type: fileType,
        filename,
        uploaded_by: actor.userId,
        created_at: s.clock.now().toISOString(),
        deleted_at: null,
      })
      .execute();
    await recordTopicEvent(trx, s, actor, topicId, actor.unitId, 'attachment_added', filename);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'topic.attachment_add',
      subjectType: 'topic',
      subjectId: topicId,
      data: { attachmentId: id, filename, fileType, size: data.length, sha256 },
    });
  });
  return { id, filename, fileType, size: data.length, sha256 };
}

export async function removeAttachment(
  s: Services,
  actor: Actor,
  topicId: string,
  attachmentId: string,
  ip: string | null,
): Promise<void> {
  await inTransaction(s, async (trx) => {
    await lock(s, trx, 'topics', topicId);
    const topic = await readableTopic(trx, actor, topicId);
    const att = await trx
      .selectFrom('attachments')
      .select(['id', 'filename'])
      .where('id', '=', attachmentId)
      .where('topic_id', '=', topicId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!att) throw new AppError('NOT_FOUND', '附件不存在');
    if (topic.proposer_id !== actor.userId) throw new AppError('FORBIDDEN', '只有提出人可以删除书面材料');
    await refuseIfTopicArchived(s.db, trx, actor.unitId, topicId);
    if (!canTransition(topic.status as TopicStatus, 'edit'))
      throw new AppError('INVALID_TRANSITION', '议题已提交，不能再修改书面材料');
    // Kept in the store and the table: what was once attached stays traceable.
    const gone = await trx
      .updateTable('attachments')
      .set({ deleted_at: s.clock.now().toISOString() })
      .where('id', '=', attachmentId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    // A concurrent removal of the same file got there first.
    if (Number(gone.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', '附件不存在');
    await recordTopicEvent(trx, s, actor, topicId, actor.unitId, 'attachment_removed', att.filename);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'topic.attachment_remove',
      subjectType: 'topic',
      subjectId: topicId,
      data: { attachmentId, filename: att.filename },
    });
  });
}

export async function openAttachment(
  s: Services,
  actor: Actor,
  topicId: string,
  attachmentId: string,
): Promise<{ stream: Readable; filename: string; mime: string; size: number }> {
  await readableTopic(s.db.kysely, actor, topicId);
  const att = await s.db.kysely
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('topic_id', '=', topicId)
    .where('unit_id', '=', actor.unitId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!att) throw new AppError('NOT_FOUND', '附件不存在');
  const stream = await s.blobs.open(att.sha256);
  if (!stream) throw new AppError('NOT_FOUND', '附件文件缺失，请联系系统管理员');
  return { stream, filename: att.filename, mime: FILE_TYPE_MIME[att.file_type as FileType], size: toNumber(att.size) };
}
