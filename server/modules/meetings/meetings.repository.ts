import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { toNumber } from '../../platform/db/database.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import type { Actor } from '../../../core/policy.js';
import { AppError } from '../../../core/errors.js';
import {
  attendanceCounts,
  finalAttendance,
  type Attendance,
  type MeetingKind,
  type MeetingStatus,
} from '../../../core/meetings.js';
import { holdsPower, isImportantMatter } from '../../../core/topics.js';
import { canDecideLeave, meetingAbilities } from '../../../core/policies/meeting.js';
import type { MatterFlag } from '../../../core/settings.js';
import { canSeeDivision, loadDelegations } from '../topics/topics.repository.js';
import { inMeetingOrder } from '../org/org.repository.js';

type Q = Kysely<Database> | Tx;

export async function meetingRow(db: Q, unitId: string, id: string) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .selectAll('m')
    .select('d.name as division_name')
    .where('m.unit_id', '=', unitId)
    .where('m.id', '=', id)
    .executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingRow>>>;

/**
 * The meeting if the actor may see it: members and leaders of the division per
 * their scope, and everyone invited (observers see this meeting and nothing else
 * of the division, R3.4).
 */
export async function readableMeeting(
  db: Q,
  actor: Actor,
  id: string,
): Promise<{ row: MeetingRow; myRole: 'participant' | 'observer' | null }> {
  const row = await meetingRow(db, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', '会议不存在或无权查看');
  const me = await db
    .selectFrom('participants')
    .select('role')
    .where('meeting_id', '=', id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  const myRole = (me?.role as 'participant' | 'observer' | undefined) ?? null;
  if (!myRole && !canSeeDivision(actor, row.division_id)) throw new AppError('NOT_FOUND', '会议不存在或无权查看');
  return { row, myRole };
}

/**
 * The meeting if the actor may see its internals — the record, the drafts, who
 * asked for leave, the receipts: everyone who reads it but an observer from
 * outside the division, who sees the meeting and its materials only (R3.4).
 */
export async function internalMeeting(db: Q, actor: Actor, id: string) {
  const readable = await readableMeeting(db, actor, id);
  if (readable.myRole === 'observer' && !canSeeDivision(actor, readable.row.division_id))
    throw new AppError('NOT_FOUND', '会议记录不存在或无权查看');
  return readable;
}

/** R3.2: the head, or a deputy the head authorised to convene. */
export async function isConvener(db: Q, actor: Actor, divisionId: string): Promise<boolean> {
  return holdsPower(actor, divisionId, await loadDelegations(db, actor.unitId, divisionId), 'convene');
}

export async function meetingDto(
  db: Q,
  actor: Actor,
  row: MeetingRow,
  myRole: 'participant' | 'observer' | null,
  at: Date,
  opts: { full?: boolean } = {},
): Promise<MeetingDto> {
  const [agenda, participants, leaves, changes, people, convener, attachments] = await Promise.all([
    db
      .selectFrom('agenda_items as a')
      .innerJoin('topics as t', 't.id', 'a.topic_id')
      .select(['a.topic_id', 't.title', 'a.position', 'a.outcome', 't.matter_flags', 't.important'])
      .where('a.meeting_id', '=', row.id)
      .orderBy('a.position')
      .execute(),
    db
      .selectFrom('participants as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.user_id', 'u.display_name', 'p.role', 'p.attendance', 'p.checked_in_at', 'p.notice_read_at'])
      .where('p.meeting_id', '=', row.id)
      .execute(),
    db.selectFrom('leave_requests').selectAll().where('meeting_id', '=', row.id).orderBy('created_at').execute(),
    db.selectFrom('meeting_changes').selectAll().where('meeting_id', '=', row.id).orderBy('at').execute(),
    db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', [row.chair_id, row.recorder_id, row.backfill_by ?? row.chair_id])
      .execute(),
    isConvener(db, actor, row.division_id),
    db
      .selectFrom('attachments as f')
      .innerJoin('agenda_items as a', 'a.topic_id', 'f.topic_id')
      .innerJoin('users as u', 'u.id', 'f.uploaded_by')
      .select([
        'f.id',
        'f.topic_id',
        'f.filename',
        'f.file_type',
        'f.size',
        'f.sha256',
        'u.display_name',
        'f.created_at',
      ])
      .where('a.meeting_id', '=', row.id)
      .where('f.deleted_at', 'is', null)
      .execute(),
  ]);
  const divisionOf = await db
    .selectFrom('memberships as m')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .select(['m.user_id', 'd.name'])
    .where('m.user_id', 'in', participants.length ? participants.map((p) => p.user_id) : ['-'])
    .execute();
  const name = (id: string) => people.find((p) => p.id === id)?.display_name ?? '';
  const status = row.status as MeetingStatus;
  const head = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('division_id', '=', row.division_id)
    .where('position', '=', 'head')
    .executeTakeFirst();
  const facts = {
    status,
    chairId: row.chair_id,
    recorderId: row.recorder_id,
    startsAt: row.starts_at,
    headId: head?.user_id ?? null,
    backfill: row.backfill_at !== null,
    hasPaperMinutes: row.paper_minutes_sha256 !== null,
  };
  const latestLeave = (userId: string) => [...leaves].reverse().find((l) => l.user_id === userId) ?? null;
  // Members first, then observers; each in rank order (head, deputies, staff by the admin's number).
  const ranked = await inMeetingOrder(db, actor.unitId, row.division_id, participants);
  const rows = ranked.map((p) => {
    const leave = latestLeave(p.user_id);
    const role = p.role as 'participant' | 'observer';
    const attendance = (p.attendance as Attendance | null) ?? null;
    const leaveApproved = leave?.status === 'approved';
    return {
      userId: p.user_id,
      name: p.display_name,
      role,
      divisionName: divisionOf.find((d) => d.user_id === p.user_id)?.name ?? null,
      attendance,
      // Settled at close; observers are invited, not obliged (R3.4): never flagged absent.
      finalAttendance:
        status !== 'closed'
          ? null
          : role === 'observer'
            ? attendance
            : finalAttendance({ role, attendance, leaveApproved }),
      checkedInAt: p.checked_in_at,
      noticeReadAt: p.notice_read_at,
      leave: leave
        ? {
            id: leave.id,
            reason: leave.reason,
            status: leave.status as 'pending' | 'approved' | 'rejected',
            note: leave.decision_note,
            decidedAt: leave.decided_at,
            canDecide: canDecideLeave(actor.userId, facts, {
              userId: leave.user_id,
              status: leave.status as 'pending' | 'approved' | 'rejected',
            }),
          }
        : null,
      leaveApproved,
    };
  });
  const backfill = row.backfill_at !== null;
  const paper = row.paper_minutes_sha256
    ? {
        filename: row.paper_minutes_filename ?? '',
        fileType: row.paper_minutes_type ?? '',
        size: toNumber(row.paper_minutes_size ?? 0),
        sha256: row.paper_minutes_sha256,
        at: row.paper_minutes_at ?? '',
      }
    : null;
  const abilities = meetingAbilities(
    {
      userId: actor.userId,
      convener,
      role: myRole,
      seesDivision: canSeeDivision(actor, row.division_id),
    },
    facts,
    at,
    leaves.some((l) => l.user_id === actor.userId && l.status !== 'rejected'),
  );
  // R3.4: an observer sees the counts and their own line, not who asked for leave and why.
  const visible = opts.full || abilities.readInternals ? rows : rows.filter((p) => p.userId === actor.userId);
  return {
    id: row.id,
    divisionId: row.division_id,
    divisionName: row.division_name,
    kind: row.kind as MeetingKind,
    title: row.title,
    startsAt: row.starts_at,
    place: row.place,
    chairId: row.chair_id,
    chairName: name(row.chair_id),
    recorderId: row.recorder_id,
    recorderName: name(row.recorder_id),
    convenedBy: row.convened_by,
    chairDesignatedBy: row.chair_designated_by,
    status,
    cancelReason: row.cancel_reason,
    notifiedAt: row.notified_at,
    startedAt: row.started_at,
    closedAt: row.closed_at,
    backfill: backfill
      ? {
          reason: row.backfill_reason ?? '',
          byName: name(row.backfill_by ?? ''),
          at: row.backfill_at ?? '',
          paperMinutes: paper,
        }
      : null,
    version: toNumber(row.version),
    agenda: agenda.map((a) => ({
      topicId: a.topic_id,
      title: a.title,
      position: toNumber(a.position),
      outcome: a.outcome,
      importantMatter: isImportantMatter({
        important: toNumber(a.important) === 1,
        matterFlags: JSON.parse(a.matter_flags) as MatterFlag[],
      }),
      attachments: attachments
        .filter((f) => f.topic_id === a.topic_id)
        .map((f) => ({
          id: f.id,
          filename: f.filename,
          fileType: f.file_type,
          size: toNumber(f.size),
          sha256: f.sha256,
          uploadedBy: f.display_name,
          createdAt: f.created_at,
        })),
    })),
    participants: visible.map(({ leaveApproved: _l, ...p }) => p),
    counts: attendanceCounts(rows),
    changes: changes.map((c) => ({ at: c.at, field: c.field, before: c.before, after: c.after })),
    myRole,
    abilities: {
      edit: abilities.edit,
      notify: abilities.notify,
      start: abilities.start,
      close: abilities.close,
      cancel: abilities.cancel,
      markAttendance: abilities.markAttendance,
      requestLeave: abilities.requestLeave,
      decideLeave: rows.some((p) => p.leave?.canDecide),
      showCheckin: abilities.showCheckin,
      readRecord: abilities.readInternals,
      uploadPaperMinutes: abilities.uploadPaperMinutes,
    },
  };
}

export async function getMeetingDto(db: Q, actor: Actor, id: string, at: Date): Promise<MeetingDto> {
  const { row, myRole } = await readableMeeting(db, actor, id);
  return meetingDto(db, actor, row, myRole, at);
}
