import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MatterFlag } from '../../../core/settings.js';
import type { Decision, EntryStatus, Opinion, RecordEntry } from '../../../core/record.js';
import type { RecordEntryDto } from '../../../core/contracts-topics.js';
import type { Database } from '../../platform/db/schema.js';
import { audit, auditBy, inTransaction, type Services, type Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import { readableMeeting, type MeetingRow } from '../meetings/meetings.repository.js';

type Q = Kysely<Database> | Tx;

/** One opinion may be long, but not a book: a clear code, not a silent cut. */
export const MAX_OPINION_CHARS = 5000;
export const MAX_TEXT_CHARS = 20000;

/** The record of a meeting, one entry per agenda topic (blank where nothing is recorded yet). */
export async function loadRecord(db: Q, meetingId: string): Promise<RecordEntryDto[]> {
  const [agenda, entries] = await Promise.all([
    db
      .selectFrom('agenda_items as a')
      .innerJoin('topics as t', 't.id', 'a.topic_id')
      .select(['a.topic_id', 't.title', 't.matter_flags', 'a.outcome'])
      .where('a.meeting_id', '=', meetingId)
      .orderBy('a.position')
      .execute(),
    db
      .selectFrom('record_entries as r')
      .innerJoin('users as u', 'u.id', 'r.updated_by')
      .selectAll('r')
      .select('u.display_name')
      .where('r.meeting_id', '=', meetingId)
      .execute(),
  ]);
  return agenda.map((a) => {
    const e = entries.find((x) => x.topic_id === a.topic_id);
    const outcomeStatus = a.outcome === 'deferred' || a.outcome === 'not_discussed' ? (a.outcome as EntryStatus) : null;
    return {
      topicId: a.topic_id,
      topicTitle: a.title,
      matterFlags: JSON.parse(a.matter_flags) as MatterFlag[],
      status: (e?.status as EntryStatus | undefined) ?? outcomeStatus,
      discussion: e?.discussion ?? '',
      opinions: e ? (JSON.parse(e.opinions) as Opinion[]) : [],
      decisions: e ? (JSON.parse(e.decisions) as Decision[]) : [],
      version: e ? toNumber(e.version) : 0,
      updatedAt: e?.updated_at ?? null,
      updatedBy: e?.display_name ?? null,
    };
  });
}

export function asRecordEntries(dtos: readonly RecordEntryDto[]): RecordEntry[] {
  return dtos.map((d) => ({
    topicId: d.topicId,
    topicTitle: d.topicTitle,
    matterFlags: d.matterFlags,
    status: d.status ?? 'not_discussed',
    discussion: d.discussion,
    opinions: d.opinions,
    decisions: d.decisions,
  }));
}

/** R5.2: the designated recorder of this meeting keeps the record, while the meeting is in session. */
export function canRecord(actor: Actor, row: MeetingRow): boolean {
  return actor.userId === row.recorder_id && row.status === 'in_session';
}

export interface EntryInput {
  version: number;
  status: EntryStatus;
  discussion: string;
  opinions: Array<{ speakerId: string; stance: Opinion['stance']; text: string }>;
  decisions: Decision[];
  amendmentReason?: string | undefined;
}

/**
 * Saves one topic's entry. Each save names the version it edits; a stale save is
 * 409 CONFLICT with the server's copy, so two people never overwrite each other
 * silently. Closing the meeting locks the record.
 */
export async function saveEntry(
  s: Services,
  actor: Actor,
  meetingId: string,
  topicId: string,
  input: EntryInput,
  ip: string | null,
): Promise<RecordEntryDto> {
  for (const o of input.opinions) {
    if ([...o.text].length > MAX_OPINION_CHARS)
      throw new AppError('TEXT_TOO_LONG', `单条意见不能超过 ${MAX_OPINION_CHARS} 字，请分条记录`);
  }
  if ([...input.discussion].length > MAX_TEXT_CHARS)
    throw new AppError('TEXT_TOO_LONG', `讨论情况不能超过 ${MAX_TEXT_CHARS} 字`);
  for (const d of input.decisions) {
    if ([...d.text].length > MAX_OPINION_CHARS)
      throw new AppError('TEXT_TOO_LONG', `单条议定事项不能超过 ${MAX_OPINION_CHARS} 字`);
  }
  return inTransaction(s, async (trx) => {
    const { row } = await readableMeeting(trx, actor, meetingId);
    const amending = row.status === 'closed';
    if (amending) {
      // The record is locked at close; a correction is an amendment with a reason,
      // by the recorder, before the minutes are issued — never a silent edit.
      if (!input.amendmentReason)
        throw new AppError('RECORD_LOCKED', '会议已结束，会议记录已锁定；如需更正，请填写更正理由');
      if (actor.userId !== row.recorder_id) throw new AppError('FORBIDDEN', '只有本次会议的记录人可以更正会议记录');
      const issued = await trx
        .selectFrom('minutes')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .where('status', 'in', ['issued', 'superseded'])
        .executeTakeFirst();
      if (issued) throw new AppError('RECORD_LOCKED', '纪要已印发，会议记录不能再更正；如需更正请发布纪要更正版');
      if (input.status !== 'recorded') throw new AppError('VALIDATION_FAILED', '会议结束后不能改变议题是否研究');
    } else if (!canRecord(actor, row)) {
      if (row.status !== 'in_session') throw new AppError('INVALID_TRANSITION', '会议开始后才能记录');
      throw new AppError('FORBIDDEN', '只有本次会议的记录人可以记录（第 5.2 条）');
    }
    const onAgenda = await trx
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('topic_id', '=', topicId)
      .executeTakeFirst();
    if (!onAgenda) throw new AppError('NOT_FOUND', '该议题不在本次会议议程中');
    const people = await trx
      .selectFrom('participants as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.user_id', 'u.display_name'])
      .where('p.meeting_id', '=', meetingId)
      .execute();
    const names = new Map(people.map((p) => [p.user_id, p.display_name]));
    const opinions: Opinion[] = input.opinions.map((o) => {
      const speakerName = names.get(o.speakerId);
      if (!speakerName) throw new AppError('VALIDATION_FAILED', '发言人须为本次会议的参会或列席人员（第 6.1 条）');
      return { speakerId: o.speakerId, speakerName, stance: o.stance, text: o.text };
    });
    const current = await trx
      .selectFrom('record_entries')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('topic_id', '=', topicId)
      .executeTakeFirst();
    const currentVersion = current ? toNumber(current.version) : 0;
    if (currentVersion !== input.version) {
      const copy = (await loadRecord(trx, meetingId)).find((e) => e.topicId === topicId);
      throw new AppError('CONFLICT', '记录已被他人修改，请合并后再保存', { current: copy });
    }
    const now = s.clock.now().toISOString();
    const values = {
      status: input.status,
      discussion: input.discussion,
      opinions: JSON.stringify(opinions),
      decisions: JSON.stringify(input.decisions),
      version: currentVersion + 1,
      updated_by: actor.userId,
      updated_at: now,
    };
    if (current) {
      const res = await trx
        .updateTable('record_entries')
        .set(values)
        .where('id', '=', current.id)
        .where('version', '=', currentVersion)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    } else {
      await trx
        .insertInto('record_entries')
        .values({ id: randomUUID(), unit_id: actor.unitId, meeting_id: meetingId, topic_id: topicId, ...values })
        .execute();
    }
    const outcome = input.status === 'recorded' ? 'discussed' : input.status;
    await trx
      .updateTable('agenda_items')
      .set({ outcome })
      .where('meeting_id', '=', meetingId)
      .where('topic_id', '=', topicId)
      .execute();
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: amending ? 'record.amend' : 'record.save',
      subjectType: 'meeting',
      subjectId: meetingId,
      data: {
        topicId,
        version: currentVersion + 1,
        status: input.status,
        opinions: opinions.length,
        dissents: opinions.filter((o) => o.stance === 'against').length,
        decisions: input.decisions.length,
        ...(amending
          ? {
              reason: input.amendmentReason,
              before: current
                ? {
                    discussion: current.discussion,
                    opinions: JSON.parse(current.opinions) as unknown,
                    decisions: JSON.parse(current.decisions) as unknown,
                  }
                : null,
            }
          : {}),
      },
    });
    const saved = (await loadRecord(trx, meetingId)).find((e) => e.topicId === topicId);
    if (!saved) throw new AppError('INTERNAL');
    return saved;
  });
}
