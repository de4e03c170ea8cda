import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import { defaultMeetingTitle, type MeetingKind } from '../../../core/meetings.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { formatTime } from './format.js';
import { getMeetingDto, isConvener } from './meetings.repository.js';
import { canSeeDivision } from '../topics/topics.repository.js';
import { notify } from '../notices/notices.js';
import { checkStartsAt, isBackfill } from './backfill.js';
import {
  agendaText,
  bump,
  checkAgenda,
  checkObservers,
  everyone,
  resetReceipts,
  loadForChange,
  resolveRoles,
  setAgenda,
} from './meeting-rules.js';

export interface MeetingInput {
  divisionId: string;
  kind: MeetingKind;
  title?: string | undefined;
  startsAt: string;
  place: string;
  chairId?: string | undefined;
  recorderId?: string | undefined;
  agenda: string[];
  observerIds?: string[] | undefined;
  /** 补录: a meeting already held on paper, entered afterwards (startsAt in the past). */
  backfill?: { reason: string } | undefined;
}

/** The head, or a deputy authorised to convene, calls a meeting (R3.1, R3.2, R3.6). */
export async function createMeeting(
  s: Services,
  actor: Actor,
  input: MeetingInput,
  ip: string | null,
): Promise<MeetingDto> {
  if (!canSeeDivision(actor, input.divisionId)) throw new AppError('NOT_FOUND', '处室不存在或无权查看');
  return inTransaction(s, async (trx) => {
    if (!(await isConvener(trx, actor, input.divisionId)))
      throw new AppError('FORBIDDEN', '只有处室主要负责人或其指定的负责人可以召集处务会（R3.2）');
    // R3.5: the record cannot say a meeting was called for a time already past.
    checkStartsAt(s, new Date(input.startsAt), input.backfill !== undefined);
    const { team, chair, recorder, designatedBy } = await resolveRoles(
      trx,
      actor,
      input.divisionId,
      input.chairId,
      input.recorderId,
    );
    await checkAgenda(s, trx, actor.unitId, input.divisionId, input.agenda);
    const teamIds = new Set(team.map((m) => m.user_id));
    const observers = [...new Set(input.observerIds ?? [])];
    await checkObservers(trx, actor.unitId, input.divisionId, teamIds, observers);
    const division = await trx
      .selectFrom('divisions')
      .select('name')
      .where('id', '=', input.divisionId)
      .executeTakeFirstOrThrow();
    const id = randomUUID();
    const now = s.clock.now().toISOString();
    const startsAt = new Date(input.startsAt);
    await trx
      .insertInto('meetings')
      .values({
        id,
        unit_id: actor.unitId,
        division_id: input.divisionId,
        kind: input.kind,
        title: input.title ?? defaultMeetingTitle(division.name, startsAt, input.kind),
        starts_at: startsAt.toISOString(),
        place: input.place,
        chair_id: chair,
        recorder_id: recorder,
        convened_by: actor.userId,
        chair_designated_by: designatedBy,
        status: 'planned',
        cancel_reason: null,
        notified_at: null,
        started_at: null,
        closed_at: null,
        checkin_secret: randomBytes(32).toString('hex'),
        version: 1,
        created_at: now,
        updated_at: now,
        backfill_reason: input.backfill?.reason ?? null,
        backfill_by: input.backfill ? actor.userId : null,
        backfill_at: input.backfill ? now : null,
      })
      .execute();
    // R3.3: normally all staff of the division attend.
    await trx
      .insertInto('participants')
      .values([
        ...[...teamIds].map((userId) => ({
          id: randomUUID(),
          unit_id: actor.unitId,
          meeting_id: id,
          user_id: userId,
          role: 'participant',
          attendance: null,
          checked_in_at: null,
          marked_by: null,
          notice_read_at: null,
        })),
        ...observers.map((userId) => ({
          id: randomUUID(),
          unit_id: actor.unitId,
          meeting_id: id,
          user_id: userId,
          role: 'observer',
          attendance: null,
          checked_in_at: null,
          marked_by: null,
          notice_read_at: null,
        })),
      ])
      .execute();
    await setAgenda(trx, s, actor, id, input.agenda);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: input.backfill ? 'meeting.backfill' : 'meeting.create',
      subjectType: 'meeting',
      subjectId: id,
      data: {
        ...(input.backfill ? { backfillReason: input.backfill.reason } : {}),
        divisionId: input.divisionId,
        kind: input.kind,
        startsAt: startsAt.toISOString(),
        chair,
        recorder,
        designatedBy,
        agenda: input.agenda,
        observers,
      },
    });
    return getMeetingDto(trx, actor, id, s.clock.now());
  });
}

export interface MeetingUpdate {
  version: number;
  title?: string | undefined;
  startsAt?: string | undefined;
  place?: string | undefined;
  chairId?: string | undefined;
  recorderId?: string | undefined;
  agenda?: string[] | undefined;
  observerIds?: string[] | undefined;
}

/**
 * Changes before the session. Once notified, every change of time, place,
 * chair, recorder, agenda or observers is recorded and re-notified, and the
 * read receipts start over (R2.3).
 */
export async function updateMeeting(
  s: Services,
  actor: Actor,
  id: string,
  u: MeetingUpdate,
  ip: string | null,
): Promise<MeetingDto> {
  return inTransaction(s, async (trx) => {
    const { row } = await loadForChange(trx, actor, id, u.version, 'edit');
    const { team, chair, recorder } = await resolveRoles(
      trx,
      actor,
      row.division_id,
      u.chairId ?? row.chair_id,
      u.recorderId ?? row.recorder_id,
    );
    const changes: Array<{ field: string; before: string | null; after: string | null }> = [];
    const set: Record<string, string | null> = {};
    const track = (
      field: string,
      column: string,
      before: string,
      after: string | undefined,
      show: (v: string) => string = (v) => v,
    ) => {
      if (after === undefined || after === before) return;
      set[column] = after;
      changes.push({ field, before: show(before), after: show(after) });
    };
    const names = new Map(team.map((m) => [m.user_id, m.display_name]));
    const startsAt = u.startsAt === undefined ? undefined : new Date(u.startsAt);
    if (startsAt && startsAt.toISOString() !== row.starts_at) checkStartsAt(s, startsAt, isBackfill(row));
    track('title', 'title', row.title, u.title);
    track('startsAt', 'starts_at', row.starts_at, startsAt?.toISOString(), formatTime);
    track('place', 'place', row.place, u.place);
    track('chair', 'chair_id', row.chair_id, chair, (v) => names.get(v) ?? v);
    track('recorder', 'recorder_id', row.recorder_id, recorder, (v) => names.get(v) ?? v);
    if (u.agenda) {
      await checkAgenda(s, trx, actor.unitId, row.division_id, u.agenda, row.id);
      const before = await agendaText(trx, row.id);
      await setAgenda(trx, s, actor, row.id, u.agenda);
      const after = await agendaText(trx, row.id);
      if (before !== after) changes.push({ field: 'agenda', before, after });
    }
    if (u.observerIds) {
      const wanted = [...new Set(u.observerIds)];
      await checkObservers(trx, actor.unitId, row.division_id, new Set(team.map((m) => m.user_id)), wanted);
      const current = (
        await trx
          .selectFrom('participants')
          .select('user_id')
          .where('meeting_id', '=', row.id)
          .where('role', '=', 'observer')
          .execute()
      ).map((p) => p.user_id);
      const gone = current.filter((x) => !wanted.includes(x));
      const added = wanted.filter((x) => !current.includes(x));
      if (gone.length)
        await trx.deleteFrom('participants').where('meeting_id', '=', row.id).where('user_id', 'in', gone).execute();
      if (added.length) {
        await trx
          .insertInto('participants')
          .values(
            added.map((userId) => ({
              id: randomUUID(),
              unit_id: actor.unitId,
              meeting_id: row.id,
              user_id: userId,
              role: 'observer',
              attendance: null,
              checked_in_at: null,
              marked_by: null,
              notice_read_at: null,
            })),
          )
          .execute();
      }
      if (gone.length || added.length)
        changes.push({ field: 'observers', before: String(current.length), after: String(wanted.length) });
    }
    await bump(trx, s, row, set);
    if (row.status === 'notified' && changes.length > 0) {
      const now = s.clock.now().toISOString();
      await trx
        .insertInto('meeting_changes')
        .values(
          changes.map((c) => ({
            id: randomUUID(),
            unit_id: actor.unitId,
            meeting_id: row.id,
            at: now,
            actor_id: actor.userId,
            ...c,
          })),
        )
        .execute();
      await resetReceipts(trx, row.id, actor.userId, now);
      const labels: Record<string, string> = {
        title: '会议名称',
        startsAt: '时间',
        place: '地点',
        chair: '主持人',
        recorder: '记录人',
        agenda: '议程',
        observers: '列席人员',
      };
      await notify(s, trx, {
        unitId: actor.unitId,
        userIds: (await everyone(trx, row.id)).filter((u) => u !== actor.userId),
        kind: 'meeting.changed',
        subjectType: 'meeting',
        subjectId: row.id,
        title: `会议变更：${set.title ?? row.title}`,
        body: changes.map((c) => `${labels[c.field] ?? c.field}：${c.before ?? ''} → ${c.after ?? ''}`).join('\n'),
      });
    }
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'meeting.update',
      subjectType: 'meeting',
      subjectId: row.id,
      data: { changes },
    });
    return getMeetingDto(trx, actor, row.id, s.clock.now());
  });
}
