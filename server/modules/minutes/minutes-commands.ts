import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MinutesDto } from '../../../core/contracts-topics.js';
import { draftMinutes, integrityProblems, dissentSentence, type MinutesContent } from '../../../core/record.js';
import { shanghaiDay } from '../../../core/meetings.js';
import { formatMinutesNumber } from '../../../core/settings.js';
import { positionIn } from '../../../core/topics.js';
import { audit, auditBy, inTransaction, type Services, type Tx } from '../../platform/services.js';
import { readSettings } from '../settings/settings.repository.js';
import { isConvener, meetingDto, readableMeeting } from '../meetings/meetings.repository.js';
import { asRecordEntries, loadRecord } from '../record/record.js';
import { minutesDto, readableMinutes, type MinutesRow } from './minutes.repository.js';
import { distributeMinutes } from '../distribution/distribution.js';
import { minutesContentHash } from './minutes-seal.js';

async function requireDrafter(trx: Tx, actor: Actor, recorderId: string, divisionId: string) {
  if (actor.userId !== recorderId && !(await isConvener(trx, actor, divisionId))) {
    throw new AppError('FORBIDDEN', '纪要由记录人或会议召集人起草');
  }
}

/** R5.1: the draft is compiled from the locked record, the attendance and the meeting's facts. */
export async function createMinutes(
  s: Services,
  actor: Actor,
  meetingId: string,
  ip: string | null,
): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row: meeting, myRole } = await readableMeeting(trx, actor, meetingId);
    await requireDrafter(trx, actor, meeting.recorder_id, meeting.division_id);
    if (meeting.status !== 'closed') throw new AppError('INVALID_TRANSITION', '会议结束、记录锁定后才能起草纪要');
    const existing = await trx
      .selectFrom('minutes')
      .select(['id', 'status'])
      .where('meeting_id', '=', meetingId)
      .where('revision', '=', 0)
      .executeTakeFirst();
    if (existing) throw new AppError('ALREADY_EXISTS', '本次会议已有纪要', { id: existing.id });
    const dto = await meetingDto(trx, actor, meeting, myRole, s.clock.now());
    const leaders = await trx
      .selectFrom('unit_role_divisions as rd')
      .innerJoin('unit_roles as r', 'r.id', 'rd.unit_role_id')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('u.display_name')
      .where('rd.division_id', '=', meeting.division_id)
      .where('r.role', '=', 'supervising_leader')
      .execute();
    const people = dto.participants;
    const attended = (p: (typeof people)[number]) => p.finalAttendance === 'present' || p.finalAttendance === 'late';
    const observers = people.filter((p) => p.role === 'observer');
    const content = draftMinutes({
      divisionName: dto.divisionName,
      meetingDay: shanghaiDay(new Date(meeting.starts_at)),
      chairName: dto.chairName,
      place: meeting.place,
      entries: asRecordEntries(await loadRecord(trx, meetingId)),
      present: people.filter((p) => p.role === 'participant' && attended(p)).map((p) => p.name),
      leave: people.filter((p) => p.finalAttendance === 'leave').map((p) => p.name),
      observers: (observers.some(attended) ? observers.filter(attended) : observers).map((p) => p.name),
      recorder: dto.recorderName,
      supervisingLeaders: leaders.map((l) => l.display_name),
    });
    const id = randomUUID();
    const now = s.clock.now().toISOString();
    await trx
      .insertInto('minutes')
      .values({
        id,
        unit_id: actor.unitId,
        meeting_id: meetingId,
        division_id: meeting.division_id,
        status: 'draft',
        content: JSON.stringify(content),
        version: 1,
        number_year: null,
        number_seq: null,
        number: null,
        revision: 0,
        supersedes_id: null,
        content_hash: null,
        hash_alg: null,
        created_by: actor.userId,
        issued_by: null,
        issued_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'minutes.create',
      subjectType: 'minutes',
      subjectId: id,
      data: { meetingId },
    });
    return minutesDto(trx, actor, id, s.clock.now());
  });
}

async function load(trx: Tx, actor: Actor, id: string, version: number | null) {
  const { row, meeting } = await readableMinutes(trx, actor, id);
  if (row.status === 'issued' || row.status === 'superseded') throw new AppError('MINUTES_IMMUTABLE');
  if (version !== null && Number(row.version) !== version) throw new AppError('CONFLICT');
  return { row, meeting };
}

async function setStatus(
  trx: Tx,
  s: Services,
  row: MinutesRow,
  status: string,
  extra: Record<string, string | number | null> = {},
) {
  const res = await trx
    .updateTable('minutes')
    .set({ status, version: Number(row.version) + 1, updated_at: s.clock.now().toISOString(), ...extra })
    .where('id', '=', row.id)
    .where('version', '=', Number(row.version))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
}

/** The drafter polishes the wording; dissents and decisions are checked again at issue (R5.4). */
export async function updateMinutes(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; opening: string; sections: MinutesContent['sections'] },
  ip: string | null,
): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row, meeting } = await load(trx, actor, id, input.version);
    await requireDrafter(trx, actor, meeting.recorder_id, row.division_id);
    if (row.status !== 'draft') throw new AppError('INVALID_TRANSITION', '纪要已送审，退回后才能修改');
    const content = {
      ...(JSON.parse(row.content) as MinutesContent),
      opening: input.opening,
      sections: input.sections,
    };
    await setStatus(trx, s, row, 'draft', { content: JSON.stringify(content) });
    await audit(s, trx, { ...auditBy(actor, ip), action: 'minutes.update', subjectType: 'minutes', subjectId: id });
    return minutesDto(trx, actor, id, s.clock.now());
  });
}

export async function submitMinutes(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row, meeting } = await load(trx, actor, id, version);
    await requireDrafter(trx, actor, meeting.recorder_id, row.division_id);
    if (row.status !== 'draft') throw new AppError('INVALID_TRANSITION', '纪要已送审');
    await setStatus(trx, s, row, 'in_review');
    await audit(s, trx, { ...auditBy(actor, ip), action: 'minutes.submit', subjectType: 'minutes', subjectId: id });
    return minutesDto(trx, actor, id, s.clock.now());
  });
}

export async function returnMinutes(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row, meeting } = await load(trx, actor, id, version);
    if (positionIn(actor, row.division_id) !== 'head' && actor.userId !== meeting.chair_id)
      throw new AppError('FORBIDDEN', '由主持人或处室主要负责人审核纪要');
    if (row.status !== 'in_review') throw new AppError('INVALID_TRANSITION', '纪要不在审核中');
    await setStatus(trx, s, row, 'draft');
    await audit(s, trx, { ...auditBy(actor, ip), action: 'minutes.return', subjectType: 'minutes', subjectId: id });
    return minutesDto(trx, actor, id, s.clock.now());
  });
}

/**
 * Issue (R5.5–R5.7): the head signs; every dissent and decision of the record
 * must be in the text; the division's next number of the year is taken in the
 * same transaction (gapless: a rolled-back issue returns its number); a content
 * hash seals the minutes. Issuing twice changes nothing.
 */
export async function issueMinutes(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row, meeting } = await readableMinutes(trx, actor, id);
    if (positionIn(actor, row.division_id) !== 'head') throw new AppError('FORBIDDEN', '纪要由处室主要负责人签发');
    if (row.status === 'issued') return minutesDto(trx, actor, id, s.clock.now());
    if (row.status !== 'in_review') throw new AppError('INVALID_TRANSITION', '纪要须先送审，才能签发');
    if (Number(row.version) !== version) throw new AppError('CONFLICT');
    const content = JSON.parse(row.content) as MinutesContent;
    const problems = integrityProblems(content, asRecordEntries(await loadRecord(trx, row.meeting_id)));
    if (problems.dissents.length > 0) {
      throw new AppError(
        'DISSENT_MISSING',
        `纪要须如实、完整地记载不同意见（第 5.4 条），缺少：${problems.dissents.map((o) => dissentSentence(o)).join('；')}`,
        { dissents: problems.dissents },
      );
    }
    if (problems.decisions.length > 0) {
      throw new AppError('DECISION_MISSING', `纪要缺少议定事项：${problems.decisions.map((d) => d.text).join('；')}`, {
        decisions: problems.decisions,
      });
    }
    const now = s.clock.now();
    let year = Number(row.number_year ?? 0);
    let seq = Number(row.number_seq ?? 0);
    if (!row.supersedes_id) {
      year = Number(shanghaiDay(now).slice(0, 4));
      const counter = await trx
        .insertInto('minutes_counters')
        .values({ unit_id: actor.unitId, division_id: row.division_id, year, last_seq: 1 })
        .onConflict((oc) =>
          oc.columns(['division_id', 'year']).doUpdateSet({ last_seq: sql<number>`minutes_counters.last_seq + 1` }),
        )
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      seq = Number(counter.last_seq);
    }
    const regime = (await readSettings(trx, actor.unitId, 'regime')).value;
    const rev = Number(row.revision);
    const number =
      formatMinutesNumber(regime.numberingPattern, year, seq) + (rev > 0 ? `（更正${rev > 1 ? rev : ''}）` : '');
    const alg = (await readSettings(trx, actor.unitId, 'security')).value.auditHashAlgorithm;
    const hash = minutesContentHash(alg, row.meeting_id, number, Number(row.revision), row.content);
    await setStatus(trx, s, row, 'issued', {
      number,
      number_year: year,
      number_seq: seq,
      content_hash: hash,
      hash_alg: alg,
      issued_by: actor.userId,
      issued_at: now.toISOString(),
    });
    if (row.supersedes_id)
      await trx
        .updateTable('minutes')
        .set({ status: 'superseded', updated_at: now.toISOString() })
        .where('id', '=', row.supersedes_id)
        .execute();
    // R5.8–R5.10: distributed in the same transaction as the issue.
    const distribution = await distributeMinutes(s, trx, actor, {
      id,
      meeting_id: row.meeting_id,
      division_id: row.division_id,
      revision: rev,
      number,
      title: meeting.title,
    });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'minutes.issue',
      subjectType: 'minutes',
      subjectId: id,
      data: { number, contentHash: hash, hashAlg: alg, supersedes: row.supersedes_id, distribution },
    });
    return minutesDto(trx, actor, id, s.clock.now());
  });
}

/** R5.7: a correction is a new version that keeps the number and supersedes the old one on issue. */
export async function correctMinutes(s: Services, actor: Actor, id: string, ip: string | null): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row } = await readableMinutes(trx, actor, id);
    if (positionIn(actor, row.division_id) !== 'head') throw new AppError('FORBIDDEN', '更正由处室主要负责人发起');
    if (row.status !== 'issued') throw new AppError('INVALID_TRANSITION', '只能更正现行有效的已印发纪要');
    const open = await trx
      .selectFrom('minutes')
      .select('id')
      .where('supersedes_id', '=', id)
      .where('status', 'in', ['draft', 'in_review'])
      .executeTakeFirst();
    if (open) throw new AppError('ALREADY_EXISTS', '已有正在办理的更正版', { id: open.id });
    const newId = randomUUID();
    const now = s.clock.now().toISOString();
    await trx
      .insertInto('minutes')
      .values({
        id: newId,
        unit_id: actor.unitId,
        meeting_id: row.meeting_id,
        division_id: row.division_id,
        status: 'draft',
        content: row.content,
        version: 1,
        number_year: row.number_year,
        number_seq: row.number_seq,
        number: null,
        revision: Number(row.revision) + 1,
        supersedes_id: id,
        content_hash: null,
        hash_alg: null,
        created_by: actor.userId,
        issued_by: null,
        issued_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'minutes.correct',
      subjectType: 'minutes',
      subjectId: newId,
      data: { supersedes: id },
    });
    return minutesDto(trx, actor, newId, s.clock.now());
  });
}
