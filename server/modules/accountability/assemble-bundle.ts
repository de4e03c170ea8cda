import type { Services, Tx } from '../../platform/services.js';
import { AppError } from '../../../core/errors.js';
import { monthBounds, shanghaiMonth } from '../../../core/shanghai-time.js';
import { OPEN_STATUSES, type TrackingStatus } from '../../../core/tracking.js';
import { toNumber } from '../../platform/db/database.js';
import { monthlyTally } from '../meetings/monthly.repository.js';
import { ensureDistribution } from '../distribution/distribution.js';
import { sealHolds } from '../minutes/minutes-seal.js';
import { headOf } from '../tracking/tracking.repository.js';
import { itemDto } from '../tracking/tracking.presenter.js';
import { lightContext } from '../tracking/view-item.js';
import { factsOf, itemRow } from '../tracking/tracking.repository.js';
import type { Actor } from '../../../core/policy.js';

/**
 * What a breach's source gives a new case (R6.3): the division it concerns,
 * the persons concerned by default, a title, the key that allows one open case
 * per breach, and the evidence bundle assembled from stored data — never from
 * what the client sends. A source that is no breach is 422 CASE_SOURCE_INVALID.
 */
export interface CaseSource {
  divisionId: string | null;
  defaultSubjects: string[];
  title: string;
  sourceKey: string | null;
  itemId: string | null;
  meetingId: string | null;
  month: string | null;
  /** The inspection finding the case is about (R6.4), which then names the case. */
  findingId?: string;
  bundle: Record<string, unknown>;
}

const BUNDLE_NOTE =
  '本证据由系统在登记时依据已存储的数据自动汇集并固定（规范化 JSON，SHA-256），此后只能追加，不能替换。';

async function userNames(trx: Tx, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The issued minutes as evidence: number, issue, seal, and whether the seal still holds. */
async function minutesEvidence(trx: Tx, minutesId: string) {
  const n = await trx
    .selectFrom('minutes as n')
    .leftJoin('users as u', 'u.id', 'n.issued_by')
    .select([
      'n.id',
      'n.meeting_id',
      'n.number',
      'n.revision',
      'n.status',
      'n.content',
      'n.content_hash',
      'n.hash_alg',
      'n.issued_at',
      'u.display_name as issued_by_name',
    ])
    .where('n.id', '=', minutesId)
    .executeTakeFirst();
  if (!n) return null;
  return {
    id: n.id,
    number: n.number,
    revision: Number(n.revision),
    status: n.status,
    issuedAt: n.issued_at,
    issuedBy: n.issued_by_name,
    contentHash: n.content_hash,
    hashAlg: n.hash_alg,
    sealHolds: sealHolds(n),
  };
}

async function meetingEvidence(trx: Tx, meetingId: string) {
  const m = await trx
    .selectFrom('meetings as m')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .leftJoin('users as c', 'c.id', 'm.chair_id')
    .select([
      'm.id',
      'm.unit_id',
      'm.division_id',
      'd.name as division_name',
      'm.kind',
      'm.title',
      'm.status',
      'm.starts_at',
      'm.started_at',
      'm.closed_at',
      'm.backfill_at',
      'c.display_name as chair_name',
    ])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  return m ?? null;
}

/** A tracked item overdue, or refused (退回) or denied an extension: the decision, minutes, timeline, reminders. */
async function itemSource(s: Services, trx: Tx, actor: Actor, itemId: string): Promise<CaseSource> {
  const row = await itemRow(trx, actor.unitId, itemId);
  if (!row) throw new AppError('NOT_FOUND', '督办事项不存在或无权查看');
  const ctx = await lightContext(trx, actor.unitId, s.clock.now());
  const facts = await factsOf(trx, row, ctx.today);
  const item = itemDto(actor, row, facts, ctx);
  const [events, files, extensions, reminders, meeting, minutes] = await Promise.all([
    trx.selectFrom('tracking_events').selectAll().where('item_id', '=', itemId).orderBy('seq').execute(),
    trx
      .selectFrom('tracking_attachments')
      .select(['id', 'event_id', 'filename', 'size', 'file_type', 'sha256'])
      .where('item_id', '=', itemId)
      .where('event_id', 'is not', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    trx
      .selectFrom('tracking_extensions')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    trx
      .selectFrom('notices as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.kind', 'n.user_id', 'u.display_name', 'n.title', 'n.body', 'n.created_at', 'n.read_at'])
      .where('n.unit_id', '=', actor.unitId)
      .where('n.subject_type', '=', 'tracking_item')
      .where('n.subject_id', '=', itemId)
      .orderBy('n.created_at')
      .orderBy('n.id')
      .execute(),
    meetingEvidence(trx, row.source_meeting_id),
    minutesEvidence(trx, row.source_minutes_id),
  ]);
  const overdue = OPEN_STATUSES.includes(row.status as TrackingStatus) && !!row.deadline && ctx.today > row.deadline;
  const refused = events.some((e) => e.kind === 'return' || e.kind === 'extension_reject');
  if (!overdue && !refused)
    throw new AppError('CASE_SOURCE_INVALID', '该督办事项既未逾期，也没有被退回或不予延期的记录，不能据此登记问责');
  const names = await userNames(trx, [...extensions.flatMap((x) => [x.requested_by, x.decided_by])]);
  const head = await headOf(trx, row.responsible_division_id ?? row.division_id);
  return {
    divisionId: row.division_id,
    defaultSubjects: row.responsible_user_id ? [row.responsible_user_id] : head ? [head] : [],
    title: `督办事项${overdue ? '逾期未办结' : '办理不到位'}：${row.topic_title}`.slice(0, 200),
    sourceKey: `item:${row.id}`,
    itemId: row.id,
    meetingId: null,
    month: null,
    bundle: {
      note: BUNDLE_NOTE,
      breach: overdue ? 'overdue' : 'refused',
      item: {
        id: item.id,
        status: item.status,
        light: item.light,
        overdueWorkingDays: item.overdueWorkingDays,
        divisionId: item.divisionId,
        divisionName: item.divisionName,
        responsibleUserId: item.responsibleUserId,
        responsibleDivisionId: item.responsibleDivisionId,
        responsibleName: item.responsibleName,
        coResponsible: item.coResponsible,
        originalDeadline: item.originalDeadline,
        deadline: item.deadline,
        extensions: item.extensions,
        matterFlags: item.matterFlags,
        lastActivityDay: item.lastActivityDay,
        createdAt: item.createdAt,
        closedAt: item.closedAt,
        asOf: ctx.today,
      },
      decision: {
        meeting: meeting && {
          id: meeting.id,
          title: meeting.title,
          kind: meeting.kind,
          divisionName: meeting.division_name,
          chair: meeting.chair_name,
          startsAt: meeting.starts_at,
          startedAt: meeting.started_at,
        },
        topicId: row.topic_id,
        topicTitle: row.topic_title,
        index: Number(row.decision_index),
        text: row.decision_text,
        wording: row.wording,
        note: row.note,
      },
      minutes,
      timeline: events.map((e) => ({
        seq: Number(e.seq),
        kind: e.kind,
        actorId: e.actor_id,
        actorName: e.actor_name,
        text: e.text,
        data: JSON.parse(e.data) as unknown,
        at: e.created_at,
        attachments: files
          .filter((f) => f.event_id === e.id)
          .map((f) => ({ filename: f.filename, size: Number(f.size), fileType: f.file_type, sha256: f.sha256 })),
      })),
      reminders: reminders.map((n) => ({
        noticeId: n.id,
        kind: n.kind,
        recipientId: n.user_id,
        recipientName: n.display_name,
        title: n.title,
        body: n.body,
        sentAt: n.created_at,
        readAt: n.read_at,
      })),
      extensions: extensions.map((x) => ({
        id: x.id,
        requestedBy: names.get(x.requested_by) ?? x.requested_by,
        reason: x.reason,
        fromDeadline: x.from_deadline,
        newDeadline: x.new_deadline,
        status: x.status,
        decidedBy: x.decided_by ? (names.get(x.decided_by) ?? x.decided_by) : null,
        decidedAt: x.decided_at,
        note: x.note,
        requestedAt: x.created_at,
      })),
    },
  };
}

/** R3.5: a division of the unit that did not hold its meetings in a month that is over. */
async function monthlySource(
  s: Services,
  trx: Tx,
  actor: Actor,
  divisionId: string,
  month: string,
): Promise<CaseSource> {
  const division = await trx
    .selectFrom('divisions')
    .select(['id', 'name', 'kind'])
    .where('unit_id', '=', actor.unitId)
    .where('id', '=', divisionId)
    .executeTakeFirst();
  if (!division) throw new AppError('NOT_FOUND', '处室不存在');
  const now = s.clock.now();
  if (division.kind === 'leadership' || month >= shanghaiMonth(now))
    throw new AppError('CASE_SOURCE_INVALID', '只能就已经结束的月份、未按要求召开处务会的处室登记问责');
  const [tally] = await monthlyTally(trx, actor.unitId, [{ id: division.id, name: division.name }], month, now);
  if (!tally || tally.verdict !== 'missed')
    throw new AppError('CASE_SOURCE_INVALID', `${division.name}${month} 已按要求召开处务会，不能据此登记问责`);
  const b = monthBounds(month);
  const meetings = await trx
    .selectFrom('meetings as m')
    .select((eb) => [
      'm.id',
      'm.kind',
      'm.title',
      'm.status',
      'm.starts_at',
      'm.started_at',
      'm.cancel_reason',
      eb
        .selectFrom('agenda_items as a')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('a.meeting_id', '=', 'm.id')
        .where('a.outcome', '=', 'discussed')
        .as('discussed'),
    ])
    .where('m.unit_id', '=', actor.unitId)
    .where('m.division_id', '=', division.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('m.starts_at', '>=', b.from), eb('m.starts_at', '<', b.to)]),
        eb.and([eb('m.started_at', '>=', b.from), eb('m.started_at', '<', b.to)]),
      ]),
    )
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .execute();
  const head = await headOf(trx, division.id);
  return {
    divisionId: division.id,
    defaultSubjects: head ? [head] : [],
    title: `${division.name}${month}未按要求召开处务会`,
    sourceKey: `monthly:${division.id}:${month}`,
    itemId: null,
    meetingId: null,
    month,
    bundle: {
      note: BUNDLE_NOTE,
      breach: 'monthly_meeting',
      division: { id: division.id, name: division.name },
      month,
      required: tally.required,
      held: tally.held,
      verdict: tally.verdict,
      meetings: meetings.map((m) => ({
        id: m.id,
        kind: m.kind,
        title: m.title,
        status: m.status,
        startsAt: m.starts_at,
        startedAt: m.started_at,
        cancelReason: m.cancel_reason,
        discussedTopics: toNumber(m.discussed ?? 0),
      })),
    },
  };
}

/** R5.8–R5.10: a held meeting whose minutes went out after the deadline, or have not gone out past it. */
async function minutesLateSource(s: Services, trx: Tx, actor: Actor, meetingId: string): Promise<CaseSource> {
  const meeting = await meetingEvidence(trx, meetingId);
  if (!meeting || meeting.unit_id !== actor.unitId) throw new AppError('NOT_FOUND', '会议不存在或无权查看');
  if (meeting.status !== 'in_session' && meeting.status !== 'closed')
    throw new AppError('CASE_SOURCE_INVALID', '会议尚未召开或已取消，没有纪要分送时限');
  const d = await ensureDistribution(s, trx, meetingId);
  const nowIso = s.clock.now().toISOString();
  const late = d.issued_at ? d.issued_at > d.deadline : d.deadline < nowIso;
  if (!late) throw new AppError('CASE_SOURCE_INVALID', '该会议纪要未超过分送时限，不能据此登记问责');
  const [minutes, entries] = await Promise.all([
    d.minutes_id ? minutesEvidence(trx, d.minutes_id) : Promise.resolve(null),
    trx
      .selectFrom('distribution_entries as e')
      .leftJoin('users as u', 'u.id', 'e.recipient_id')
      .leftJoin('divisions as dv', 'dv.id', 'e.recipient_division_id')
      .select([
        'e.minutes_id',
        'e.purpose',
        'e.recipient_role',
        'u.display_name as recipient_name',
        'dv.name as recipient_division',
        'e.due_date',
        'e.deadline',
        'e.sent_at',
        'e.read_at',
        'e.received_at',
      ])
      .where('e.unit_id', '=', actor.unitId)
      .where('e.meeting_id', '=', meetingId)
      .orderBy('e.sent_at')
      .orderBy('e.id')
      .execute(),
  ]);
  const head = await headOf(trx, meeting.division_id);
  return {
    divisionId: meeting.division_id,
    defaultSubjects: head ? [head] : [],
    title: `${meeting.division_name}会议纪要逾期分送：${meeting.title}`.slice(0, 200),
    sourceKey: `minutes_late:${meeting.id}`,
    itemId: null,
    meetingId: meeting.id,
    month: null,
    bundle: {
      note: BUNDLE_NOTE,
      breach: 'minutes_late',
      meeting: {
        id: meeting.id,
        title: meeting.title,
        kind: meeting.kind,
        divisionName: meeting.division_name,
        chair: meeting.chair_name,
        status: meeting.status,
        startsAt: meeting.starts_at,
        startedAt: meeting.started_at,
        closedAt: meeting.closed_at,
        backfilledAt: meeting.backfill_at,
      },
      distribution: {
        meetingDay: d.meeting_day,
        workingDays: Number(d.working_days),
        dueDate: d.due_date,
        deadline: d.deadline,
        provisional: Number(d.provisional) === 1,
        status: d.status,
        issuedAt: d.issued_at,
        overdueAt: d.overdue_at,
        asOf: nowIso,
      },
      minutes,
      entries: entries.map((e) => ({
        minutesId: e.minutes_id,
        purpose: e.purpose,
        recipientRole: e.recipient_role,
        recipient: e.recipient_name ?? e.recipient_division,
        dueDate: e.due_date,
        deadline: e.deadline,
        sentAt: e.sent_at,
        readAt: e.read_at,
        receivedAt: e.received_at,
      })),
    },
  };
}

/** Another breach, or a free lead: what the opener wrote is the evidence. */
async function freeSource(trx: Tx, actor: Actor, divisionId: string | undefined, breach: 'other' | 'lead') {
  if (divisionId) {
    const d = await trx
      .selectFrom('divisions')
      .select('id')
      .where('unit_id', '=', actor.unitId)
      .where('id', '=', divisionId)
      .executeTakeFirst();
    if (!d) throw new AppError('NOT_FOUND', '处室不存在');
  }
  return {
    divisionId: divisionId ?? null,
    defaultSubjects: [],
    title: '',
    sourceKey: null,
    itemId: null,
    meetingId: null,
    month: null,
    bundle: { note: BUNDLE_NOTE, breach },
  } satisfies CaseSource;
}

/**
 * A finding of an inspection (R6.4): the finding, its inspection and the whole
 * rectification timeline as stored; the persons concerned default to the
 * division's head. One open case per finding.
 */
async function findingSource(trx: Tx, actor: Actor, findingId: string): Promise<CaseSource> {
  const f = await trx
    .selectFrom('inspection_findings as f')
    .innerJoin('inspections as i', 'i.id', 'f.inspection_id')
    .innerJoin('divisions as d', 'd.id', 'f.division_id')
    .select([
      'f.id',
      'f.seq',
      'f.division_id',
      'f.clause',
      'f.description',
      'f.evidence',
      'f.state',
      'f.deadline',
      'f.notice_text',
      'f.notified_at',
      'f.report_text',
      'f.reported_at',
      'f.closed_at',
      'f.created_at',
      'i.id as inspection_id',
      'i.title as inspection_title',
      'i.report_number',
      'd.name as division_name',
    ])
    .where('f.unit_id', '=', actor.unitId)
    .where('f.id', '=', findingId)
    .executeTakeFirst();
  if (!f) throw new AppError('NOT_FOUND', '问题不存在或无权查看');
  if (f.state === 'closed') throw new AppError('CASE_SOURCE_INVALID', '该问题已整改完成，不能据此登记问责');
  const events = await trx
    .selectFrom('inspection_finding_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.seq', 'e.kind', 'e.text', 'e.at', 'u.display_name as actor_name'])
    .where('e.finding_id', '=', findingId)
    .orderBy('e.seq')
    .execute();
  const heads = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('division_id', '=', f.division_id)
    .where('position', '=', 'head')
    .execute();
  return {
    divisionId: f.division_id,
    defaultSubjects: heads.map((h) => h.user_id),
    title: `专项检查发现问题未落实整改：${f.division_name}（${f.clause}）`,
    sourceKey: `finding:${f.id}`,
    itemId: null,
    meetingId: null,
    month: null,
    findingId: f.id,
    bundle: {
      note: BUNDLE_NOTE,
      breach: 'finding',
      inspection: { id: f.inspection_id, title: f.inspection_title, reportNumber: f.report_number },
      finding: {
        id: f.id,
        seq: Number(f.seq),
        division: f.division_name,
        clause: f.clause,
        description: f.description,
        evidence: JSON.parse(f.evidence) as unknown,
        state: f.state,
        deadline: f.deadline,
        noticeText: f.notice_text,
        notifiedAt: f.notified_at,
        reportText: f.report_text,
        reportedAt: f.reported_at,
        createdAt: f.created_at,
      },
      timeline: events.map((e) => ({ seq: Number(e.seq), kind: e.kind, text: e.text, at: e.at, actor: e.actor_name })),
    },
  };
}

export type SourceInput =
  | { kind: 'item'; itemId: string }
  | { kind: 'monthly_meeting'; divisionId: string; month: string }
  | { kind: 'minutes_late'; meetingId: string }
  | { kind: 'finding'; findingId: string }
  | { kind: 'other' | 'lead'; divisionId?: string | undefined };

export function assembleSource(s: Services, trx: Tx, actor: Actor, input: SourceInput): Promise<CaseSource> {
  switch (input.kind) {
    case 'item':
      return itemSource(s, trx, actor, input.itemId);
    case 'monthly_meeting':
      return monthlySource(s, trx, actor, input.divisionId, input.month);
    case 'minutes_late':
      return minutesLateSource(s, trx, actor, input.meetingId);
    case 'finding':
      return findingSource(trx, actor, input.findingId);
    case 'other':
    case 'lead':
      return freeSource(trx, actor, input.divisionId, input.kind);
  }
}
