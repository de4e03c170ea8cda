import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MatterFlag } from '../../../core/settings.js';
import {
  entryProblems,
  MEETING_DECIDES,
  refuseIncomplete,
  type Attendee,
  type EntryStatus,
  type Opinion,
} from '../../../core/record.js';
import type { RecordEntryDto } from '../../../core/contracts/record.js';
import { audit, auditBy, inTransaction, lock, type Services } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import { internalMeeting } from '../meetings/meetings.repository.js';
import { recordAbilities } from '../../../core/policies/record.js';
import type { MeetingStatus } from '../../../core/meetings.js';
import { attendeesOf, loadRecord } from '../meetings/record.repository.js';
import { emit } from '../../platform/events.js';
import { hasIssuedMinutes } from './record.repository.js';
import { updateVersioned } from '../../platform/db/versioned.js';
import { resolveDecisions, type DecisionInput } from './decision-parties.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { refuseIfArchived } from '../../platform/archive-lock.js';

/** One opinion may be long, but not a book: a clear code, not a silent cut. */
export const MAX_OPINION_CHARS = 5000;
export const MAX_TEXT_CHARS = 20000;

export interface EntryInput {
  version: number;
  status: EntryStatus;
  discussion: string;
  opinions: Array<{ speakerId: string; stance: Opinion['stance']; text: string; reservation?: boolean | undefined }>;
  decisions: DecisionInput[];
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
    const { row } = await internalMeeting(trx, actor, meetingId);
    // Saves of one meeting's record queue here, so a stale version is a 409 with the server's copy.
    await lock(s, trx, 'meetings', meetingId);
    // R5.7: an archived meeting's record is what the archive holds: read-only.
    await refuseIfArchived(s.db, trx, actor.unitId, [meetingId]);
    const amending = row.status === 'closed';
    const may = recordAbilities(actor.userId, {
      meetingStatus: row.status as MeetingStatus,
      recorderId: row.recorder_id,
      minutesIssued: await hasIssuedMinutes(trx, meetingId),
    });
    if (amending) {
      // The record is locked at close; a correction is an amendment with a reason,
      // by the recorder, before the minutes are issued — never a silent edit.
      if (!input.amendmentReason)
        throw new AppError('RECORD_LOCKED', '会议已结束，会议记录已锁定；如需更正，请填写更正理由');
      if (actor.userId !== row.recorder_id) throw new AppError('FORBIDDEN', '只有本次会议的记录人可以更正会议记录');
      if (!may.amend) throw new AppError('RECORD_LOCKED', '纪要已印发，会议记录不能再更正；如需更正请发布纪要更正版');
      if (input.status !== 'recorded') throw new AppError('VALIDATION_FAILED', '会议结束后不能改变议题是否研究');
    } else if (!may.edit) {
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
    const attendees = await attendeesOf(trx, meetingId);
    const opinions = input.opinions.map((o) => speakerOpinion(o, attendees));
    const meetingDay = shanghaiDay(new Date(row.started_at ?? row.starts_at));
    const decisions = await resolveDecisions(trx, actor.unitId, meetingDay, input.decisions);
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
    if (amending) {
      // After close every save is final: the amended entry must be complete (R5.3, R6.1, R4.1).
      const topic = await trx.selectFrom('topics').select('matter_flags').where('id', '=', topicId).executeTakeFirst();
      const flags = JSON.parse(topic?.matter_flags ?? '[]') as MatterFlag[];
      refuseIncomplete([
        {
          title: '',
          problems: entryProblems({ ...input, opinions, decisions, matterFlags: flags }, attendees, MEETING_DECIDES),
        },
      ]);
    }
    const now = s.clock.now().toISOString();
    const values = {
      status: input.status,
      discussion: input.discussion,
      opinions: JSON.stringify(opinions),
      decisions: JSON.stringify(decisions),
      version: currentVersion + 1,
      updated_by: actor.userId,
      updated_at: now,
    };
    if (current) {
      await updateVersioned(trx, 'record_entries', { id: current.id, version: currentVersion }, values);
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
        reservations: opinions.filter((o) => o.reservation).length,
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
    if (amending) await emit(s, trx, 'record.amended', { meetingId, actor, ip });
    await emit(s, trx, 'search.stale', { unitId: actor.unitId, source: 'record', id: meetingId });
    const saved = (await loadRecord(trx, meetingId)).find((e) => e.topicId === topicId);
    if (!saved) throw new AppError('INTERNAL');
    return saved;
  });
}

/**
 * R6.1: a speaker is a participant who is present (marked or checked in) or an
 * observer; someone on leave or absent states no opinion. Every stance but
 * 未发表意见 carries words.
 */
function speakerOpinion(o: EntryInput['opinions'][number], attendees: readonly Attendee[]): Opinion {
  const a = attendees.find((x) => x.userId === o.speakerId);
  if (!a) throw new AppError('VALIDATION_FAILED', '发言人须为本次会议的参会或列席人员（第 6.1 条）');
  if (a.role === 'participant' && !a.present)
    throw new AppError('SPEAKER_NOT_PRESENT', `${a.name}未登记出席（请假或缺席人员不能发表意见），请先登记出席情况`);
  const text = o.text.trim();
  if (o.stance !== 'no_opinion' && text === '')
    throw new AppError('VALIDATION_FAILED', `请填写${a.name}的意见内容；未发言的请选择“未发表意见”`);
  if (o.stance === 'no_opinion' && o.reservation)
    throw new AppError('VALIDATION_FAILED', '“未发表意见”不能同时标为保留意见');
  return {
    speakerId: a.userId,
    speakerName: a.name,
    stance: o.stance,
    text,
    ...(o.reservation ? { reservation: true } : {}),
  };
}
