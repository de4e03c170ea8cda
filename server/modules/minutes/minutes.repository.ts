import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import { normalizeContent, type MinutesContent } from '../../../core/minutes.js';
import { minutesAbilities } from '../../../core/policies/minutes.js';
import { positionIn } from '../../../core/topics.js';
import { internalMeeting, isConvener, meetingRow } from '../meetings/meetings.repository.js';
import { sealHolds } from './minutes-seal.js';

type Q = Kysely<Database> | Tx;
export type MinutesStatus = MinutesDto['status'];

export async function minutesRow(db: Q, unitId: string, id: string) {
  return db.selectFrom('minutes').selectAll().where('unit_id', '=', unitId).where('id', '=', id).executeTakeFirst();
}
export type MinutesRow = NonNullable<Awaited<ReturnType<typeof minutesRow>>>;

/**
 * Minutes are readable by whoever may read their meeting, and by everyone they
 * were distributed to (R5.8–R5.10), also from outside the division.
 */
export async function readableMinutes(db: Q, actor: Actor, id: string) {
  const row = await minutesRow(db, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', '纪要不存在或无权查看');
  const readable = await internalMeeting(db, actor, row.meeting_id).catch(() => null);
  if (readable) return { row, meeting: readable.row };
  if (row.status === 'issued' || row.status === 'superseded') {
    const officeIds = actor.memberships.map((m) => m.divisionId);
    const entry = await db
      .selectFrom('distribution_entries')
      .select('id')
      .where('minutes_id', '=', id)
      .where((eb) =>
        eb.or([
          eb('recipient_id', '=', actor.userId),
          ...(officeIds.length > 0 ? [eb('recipient_division_id', 'in', officeIds)] : []),
        ]),
      )
      .executeTakeFirst();
    if (entry) {
      const meeting = await meetingRow(db, actor.unitId, row.meeting_id);
      if (meeting) return { row, meeting };
    }
  }
  throw new AppError('NOT_FOUND', '纪要不存在或无权查看');
}

export async function minutesDto(db: Q, actor: Actor, id: string, now: Date = new Date()): Promise<MinutesDto> {
  const { row, meeting } = await readableMinutes(db, actor, id);
  const [division, issuer, successor, convener, instructions] = await Promise.all([
    db.selectFrom('divisions').select('name').where('id', '=', row.division_id).executeTakeFirstOrThrow(),
    row.issued_by
      ? db.selectFrom('users').select('display_name').where('id', '=', row.issued_by).executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('minutes')
      .select('id')
      .where('unit_id', '=', actor.unitId)
      .where('supersedes_id', '=', row.id)
      .where('status', '=', 'issued')
      .executeTakeFirst(),
    isConvener(db, actor, row.division_id),
    // Leaders' 批示: what the reported leaders wrote with 已阅, for the division to see.
    db
      .selectFrom('distribution_entries as e')
      .innerJoin('users as u', 'u.id', 'e.recipient_id')
      .select(['u.display_name', 'e.read_comment', 'e.read_at'])
      .where('e.minutes_id', '=', row.id)
      .where('e.purpose', '=', 'report')
      .where('e.read_comment', 'is not', null)
      .orderBy('e.read_at')
      .execute(),
  ]);
  const status = row.status as MinutesStatus;
  // R5.7: re-hashed on every read (one row, cheap), so a change behind the API shows.
  const seal = sealHolds(row);
  let content: MinutesContent;
  try {
    content = normalizeContent(JSON.parse(row.content));
  } catch {
    throw new AppError('MINUTES_CORRUPT', undefined, { id: row.id });
  }
  return {
    id: row.id,
    meetingId: row.meeting_id,
    meetingTitle: meeting.title,
    divisionId: row.division_id,
    divisionName: division.name,
    status,
    content,
    version: toNumber(row.version),
    number: row.number,
    revision: toNumber(row.revision),
    supersedesId: row.supersedes_id,
    supersededById: successor?.id ?? null,
    contentHash: row.content_hash,
    hashAlg: row.hash_alg,
    issuedAt: row.issued_at,
    issuedByName: issuer?.display_name ?? null,
    issueComment: row.issue_comment,
    instructions: instructions.map((i) => ({
      name: i.display_name,
      comment: i.read_comment ?? '',
      at: i.read_at ?? '',
    })),
    integrity: seal === null ? null : { verified: seal, checkedAt: now.toISOString() },
    abilities: minutesAbilities(
      {
        isRecorder: actor.userId === meeting.recorder_id,
        isConvener: convener,
        isHead: positionIn(actor, row.division_id) === 'head',
        isChair: actor.userId === meeting.chair_id,
      },
      status,
    ),
  };
}
