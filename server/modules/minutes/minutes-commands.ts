import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import {
  draftMinutes,
  integrityProblems,
  MINUTES_STEP_LABELS,
  normalizeContent,
  rerender,
  sectionsMatch,
  type IntegrityProblem,
  type MinutesContent,
} from '../../../core/minutes.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { formatMinutesNumber } from '../../../core/settings.js';
import { positionIn } from '../../../core/topics.js';
import { emit } from '../../platform/events.js';
import { audit, auditBy, inTransaction, lock, type Services, type Tx } from '../../platform/services.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { internalMeeting, isConvener, readableMeeting } from '../meetings/meetings.repository.js';
import { minutesDto, readableMinutes, type MinutesRow } from './minutes.repository.js';
import { distributeMinutes } from '../distribution/distribution.js';
import { composeInput } from './compose.js';
import { notify, settleNotices } from '../notices/notices.js';
import { minutesContentHash } from './minutes-seal.js';
import { updateVersioned } from '../../platform/db/versioned.js';
import { refuseIfArchived } from '../../platform/archive-lock.js';

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
    const { row: meeting } = await internalMeeting(trx, actor, meetingId);
    await requireDrafter(trx, actor, meeting.recorder_id, meeting.division_id);
    // One draft per meeting: concurrent requests queue here, the later ones find the first.
    await lock(s, trx, 'meetings', meetingId);
    // After the row lock, never before: two share locks both waiting to upgrade would deadlock.
    await refuseIfArchived(s.db, trx, actor.unitId, [meetingId]);
    if (meeting.status !== 'closed') throw new AppError('INVALID_TRANSITION', '会议结束、记录锁定后才能起草纪要');
    const existing = await trx
      .selectFrom('minutes')
      .select(['id', 'status'])
      .where('meeting_id', '=', meetingId)
      .where('revision', '=', 0)
      .executeTakeFirst();
    if (existing) throw new AppError('ALREADY_EXISTS', '本次会议已有纪要', { id: existing.id });
    const { input } = await composeInput(trx, actor, meeting, s.clock.now());
    const content = draftMinutes(input);
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

async function load(s: Services, trx: Tx, actor: Actor, id: string, version: number | null) {
  const { row, meeting } = await readableMinutes(trx, actor, id);
  // R5.7: nothing of an archived year changes, whatever state the minutes are in.
  await refuseIfArchived(s.db, trx, actor.unitId, [row.meeting_id]);
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
  await updateVersioned(
    trx,
    'minutes',
    { id: row.id, version: Number(row.version) },
    { status, updated_at: s.clock.now().toISOString(), ...extra },
  );
}

/**
 * The drafter writes the narrative around the bound blocks; the sections stay
 * the discussed topics in agenda order with their titles (R5.5), and nothing of
 * the record's decisions and differing opinions can be edited here (R5.4).
 */
export async function updateMinutes(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; sections: Array<{ topicId: string; heading?: string | undefined; narrative: string }> },
  ip: string | null,
): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row, meeting } = await load(s, trx, actor, id, input.version);
    await requireDrafter(trx, actor, meeting.recorder_id, row.division_id);
    if (row.status !== 'draft') throw new AppError('INVALID_TRANSITION', '纪要已提交签发，退回后才能修改');
    const stored = normalizeContent(JSON.parse(row.content));
    if (!sectionsMatch(stored.sections, input.sections)) throw new AppError('MINUTES_FORMAT');
    const content: MinutesContent = {
      ...stored,
      sections: stored.sections.map((sec, i) => ({ ...sec, narrative: input.sections[i]?.narrative.trim() ?? '' })),
    };
    await setStatus(trx, s, row, 'draft', { content: JSON.stringify(content) });
    await audit(s, trx, { ...auditBy(actor, ip), action: 'minutes.update', subjectType: 'minutes', subjectId: id });
    return minutesDto(trx, actor, id, s.clock.now());
  });
}

/**
 * After the record was amended, an unissued draft is rendered again from it:
 * the blocks follow the record, the drafter's narrative stays.
 */
export async function rerenderDrafts(s: Services, trx: Tx, actor: Actor, meetingId: string, ip: string | null) {
  const open = await trx
    .selectFrom('minutes')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('status', 'in', ['draft', 'in_review'])
    .execute();
  if (open.length === 0) return;
  const { row: meeting } = await readableMeeting(trx, actor, meetingId);
  const { input } = await composeInput(trx, actor, meeting, s.clock.now());
  for (const row of open) {
    const content = rerender(normalizeContent(JSON.parse(row.content)), input);
    await setStatus(trx, s, row, row.status, { content: JSON.stringify(content) });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'minutes.rerender',
      subjectType: 'minutes',
      subjectId: row.id,
      data: { meetingId },
    });
  }
}

export async function submitMinutes(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row, meeting } = await load(s, trx, actor, id, version);
    await requireDrafter(trx, actor, meeting.recorder_id, row.division_id);
    if (row.status !== 'draft') throw new AppError('INVALID_TRANSITION', '纪要已提交签发');
    await setStatus(trx, s, row, 'in_review');
    // The head signs (R5.5–R5.7): told at once that the draft waits for the signature.
    const heads = await trx
      .selectFrom('memberships')
      .select('user_id')
      .where('division_id', '=', row.division_id)
      .where('position', '=', 'head')
      .execute();
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: heads.map((h) => h.user_id).filter((u) => u !== actor.userId),
      kind: 'minutes.submitted',
      subjectType: 'minutes',
      subjectId: id,
      title: `纪要${MINUTES_STEP_LABELS.in_review}：${meeting.title}`,
      body: `${actor.displayName}已将会议纪要提交签发，请审核签发。`,
    });
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
    const { row, meeting } = await load(s, trx, actor, id, version);
    if (positionIn(actor, row.division_id) !== 'head' && actor.userId !== meeting.chair_id)
      throw new AppError('FORBIDDEN', '由主持人或处室主要负责人审核纪要');
    if (row.status !== 'in_review') throw new AppError('INVALID_TRANSITION', '纪要不在审核中');
    await setStatus(trx, s, row, 'draft');
    await settleNotices(s, trx, { subjectType: 'minutes', subjectId: id, kinds: ['minutes.submitted'] });
    await audit(s, trx, { ...auditBy(actor, ip), action: 'minutes.return', subjectType: 'minutes', subjectId: id });
    return minutesDto(trx, actor, id, s.clock.now());
  });
}

const KIND_LABELS = { decision: '议定事项', dissent: '不同意见', abstention: '弃权意见', reservation: '保留意见' };

/** R5.4: any bound block missing, altered, moved or invented refuses the issue. */
function refuseUnfaithful(problems: IntegrityProblem[]): void {
  if (problems.length === 0) return;
  const list = problems.map((p) => `${p.problem === 'missing' ? '缺少' : '不应出现'}${KIND_LABELS[p.kind]}“${p.text}”`);
  const opinions = problems.some((p) => p.kind !== 'decision');
  throw new AppError(
    opinions ? 'DISSENT_MISSING' : 'DECISION_MISSING',
    `纪要须与会议记录一致（第 5.4 条）：${list.join('；')}`,
    { problems },
  );
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
  comment?: string,
): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    const { row, meeting } = await readableMinutes(trx, actor, id);
    if (positionIn(actor, row.division_id) !== 'head') throw new AppError('FORBIDDEN', '纪要由处室主要负责人签发');
    await refuseIfArchived(s.db, trx, actor.unitId, [row.meeting_id]);
    if (row.status === 'issued') return minutesDto(trx, actor, id, s.clock.now());
    if (row.status !== 'in_review') throw new AppError('INVALID_TRANSITION', '纪要须先提交签发，才能签发');
    if (Number(row.version) !== version) throw new AppError('CONFLICT');
    const stored = normalizeContent(JSON.parse(row.content));
    const { input, recipients } = await composeInput(trx, actor, meeting, s.clock.now());
    refuseUnfaithful(integrityProblems(stored, input.entries));
    if (!sectionsMatch(draftMinutes(input).sections, stored.sections)) throw new AppError('MINUTES_FORMAT');
    // The server's parts are rendered once more from the facts of this moment —
    // the 分送 line from the recipients it is about to distribute to.
    const content = rerender(stored, input);
    const sealed = JSON.stringify(content);
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
    const hash = minutesContentHash(alg, row.meeting_id, number, Number(row.revision), sealed);
    await setStatus(trx, s, row, 'issued', {
      content: sealed,
      number,
      number_year: year,
      number_seq: seq,
      content_hash: hash,
      hash_alg: alg,
      issued_by: actor.userId,
      issued_at: now.toISOString(),
      // Beside the sealed text, not in it: the comment is the issuer's, not the minutes'.
      issue_comment: comment || null,
    });
    if (row.supersedes_id)
      await trx
        .updateTable('minutes')
        .set({ status: 'superseded', updated_at: now.toISOString() })
        .where('id', '=', row.supersedes_id)
        .execute();
    await settleNotices(s, trx, { subjectType: 'minutes', subjectId: id, kinds: ['minutes.submitted'] });
    await settleNotices(s, trx, { subjectType: 'meeting', subjectId: row.meeting_id, kinds: ['minutes.reminder'] });
    // R5.8–R5.10: distributed in the same transaction as the issue.
    const distribution = await distributeMinutes(
      s,
      trx,
      actor,
      {
        id,
        meeting_id: row.meeting_id,
        division_id: row.division_id,
        revision: rev,
        number,
        title: meeting.title,
      },
      recipients,
    );
    // R1.3: findable at once; the version it corrects is found marked as superseded.
    await emit(s, trx, 'search.stale', { unitId: actor.unitId, source: 'minutes', id });
    if (row.supersedes_id)
      await emit(s, trx, 'search.stale', { unitId: actor.unitId, source: 'minutes', id: row.supersedes_id });
    // R6.2: the decisions become tracked items in this same transaction.
    const tracked = row.supersedes_id ? 0 : await emit(s, trx, 'minutes.issued', { minutesId: id, actor, ip });
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'minutes.issue',
      subjectType: 'minutes',
      subjectId: id,
      data: {
        number,
        contentHash: hash,
        hashAlg: alg,
        supersedes: row.supersedes_id,
        distribution,
        ...(comment ? { comment } : {}),
        tracked,
        recordVersions: Object.fromEntries(content.sections.map((x) => [x.topicId, x.recordVersion])),
      },
    });
    return minutesDto(trx, actor, id, s.clock.now());
  });
}

/** R5.7: a correction is a new version that keeps the number and supersedes the old one on issue. */
export async function correctMinutes(s: Services, actor: Actor, id: string, ip: string | null): Promise<MinutesDto> {
  return inTransaction(s, async (trx) => {
    await lock(s, trx, 'minutes', id);
    const { row, meeting } = await readableMinutes(trx, actor, id);
    if (positionIn(actor, row.division_id) !== 'head') throw new AppError('FORBIDDEN', '更正由处室主要负责人发起');
    // R5.7: an archived year's minutes are corrected no more: the archive holds every version.
    await refuseIfArchived(s.db, trx, actor.unitId, [row.meeting_id]);
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
    const { input } = await composeInput(trx, actor, meeting, s.clock.now());
    const content = rerender(normalizeContent(JSON.parse(row.content)), input);
    await trx
      .insertInto('minutes')
      .values({
        id: newId,
        unit_id: actor.unitId,
        meeting_id: row.meeting_id,
        division_id: row.division_id,
        status: 'draft',
        content: JSON.stringify(content),
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
