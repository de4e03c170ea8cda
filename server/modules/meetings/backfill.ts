import type { Readable } from 'node:stream';
import { storeUpload } from '../../platform/storage/store-upload.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import { meetingAllows, type MeetingStatus } from '../../../core/meetings.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { FILE_TYPE_MIME, type FileType } from '../../platform/storage/file-type.js';
import { toNumber } from '../../platform/db/database.js';
import { getMeetingDto, isConvener, readableMeeting, type MeetingRow } from './meetings.repository.js';
import { bump } from './meeting-rules.js';

/*
 * 补录 (R3.5): the record cannot lie about when a meeting took place. A meeting
 * is scheduled for now or later; one held on paper is entered afterwards only as
 * a backfill, with a reason and the paper minutes, and is marked as such.
 */

/** Clock skew between a browser and the server: a start this little in the past is still "now". */
export const SCHEDULE_GRACE_MS = 5 * 60_000;

/** A new or moved start: in the future for a meeting, in the past for a backfill. */
export function checkStartsAt(s: Services, startsAt: Date, backfill: boolean): void {
  const now = s.clock.now().getTime();
  if (backfill) {
    if (startsAt.getTime() > now) throw new AppError('BACKFILL_IN_FUTURE');
  } else if (startsAt.getTime() < now - SCHEDULE_GRACE_MS) {
    throw new AppError('MEETING_IN_PAST');
  }
}

export function isBackfill(row: Pick<MeetingRow, 'backfill_at'>): boolean {
  return row.backfill_at !== null;
}

/** A backfill rests on its paper minutes: without them it is neither started nor closed. */
export function requirePaperMinutes(row: MeetingRow): void {
  if (isBackfill(row) && !row.paper_minutes_sha256) throw new AppError('PAPER_MINUTES_REQUIRED');
}

/** The convener attaches (or, before the record is opened, replaces) the paper minutes of a backfill. */
export async function uploadPaperMinutes(
  s: Services,
  actor: Actor,
  id: string,
  rawName: string,
  data: Buffer,
  ip: string | null,
): Promise<MeetingDto> {
  const { row } = await readableMeeting(s.db.kysely, actor, id);
  if (!(await isConvener(s.db.kysely, actor, row.division_id)))
    throw new AppError('FORBIDDEN', '只有处室主要负责人或其指定的负责人可以上传纸质会议记录');
  if (!isBackfill(row)) throw new AppError('INVALID_TRANSITION', '只有补录的会议需要上传纸质会议记录');
  if (!meetingAllows(row.status as MeetingStatus, 'edit'))
    throw new AppError('INVALID_TRANSITION', '会议记录已开始录入，纸质会议记录不能再更换');
  const { fileType, filename, sha256 } = await storeUpload(
    s,
    rawName,
    data,
    '不允许的文件类型：纸质会议记录请上传扫描件或照片（PDF、PNG、JPG）或 Word、OFD 文件',
  );
  return inTransaction(s, async (trx) => {
    const { row: cur } = await readableMeeting(trx, actor, id);
    if (!meetingAllows(cur.status as MeetingStatus, 'edit')) throw new AppError('CONFLICT');
    const now = s.clock.now().toISOString();
    // Kept in the store: a replaced scan stays traceable through the audit trail.
    await bump(trx, s, cur, {
      paper_minutes_sha256: sha256,
      paper_minutes_filename: filename,
      paper_minutes_type: fileType,
      paper_minutes_size: data.length,
      paper_minutes_by: actor.userId,
      paper_minutes_at: now,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.paper_minutes',
      subjectType: 'meeting',
      subjectId: cur.id,
      data: {
        filename,
        fileType,
        size: data.length,
        sha256,
        replaced: cur.paper_minutes_sha256 ?? null,
      },
    });
    return getMeetingDto(trx, actor, cur.id, s.clock.now());
  });
}

/** Whoever may read the meeting may read the paper minutes it rests on. */
export async function openPaperMinutes(
  s: Services,
  actor: Actor,
  id: string,
): Promise<{ stream: Readable; filename: string; mime: string; size: number }> {
  const { row } = await readableMeeting(s.db.kysely, actor, id);
  if (!row.paper_minutes_sha256 || !row.paper_minutes_filename || !row.paper_minutes_type)
    throw new AppError('NOT_FOUND', '尚未上传纸质会议记录');
  const stream = await s.blobs.open(row.paper_minutes_sha256);
  if (!stream) throw new AppError('NOT_FOUND', '纸质会议记录文件缺失，请联系系统管理员');
  return {
    stream,
    filename: row.paper_minutes_filename,
    mime: FILE_TYPE_MIME[row.paper_minutes_type as FileType],
    size: toNumber(row.paper_minutes_size ?? 0),
  };
}
