import { createHash } from 'node:crypto';
import { BLOCKER_KINDS, type BlockerKind } from '../../../core/archive.js';
import { PURPOSE_LABELS, RECIPIENT_ROLE_LABELS, type DistributionPurpose } from '../../../core/distribution.js';
import {
  ATTENDANCE_LABELS,
  finalAttendance,
  MEETING_KIND_LABELS,
  type Attendance,
  type MeetingKind,
} from '../../../core/meetings.js';
import { decisionSentence, STANCE_LABELS, type Decision, type Opinion, type Stance } from '../../../core/record.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { TRACKING_EVENT_LABELS, TRACKING_STATUS_LABELS, type TrackingStatus } from '../../../core/tracking.js';
import type { ArchiveBlockerDto } from '../../../core/contracts/archive.js';
import type { MeetingFacts, ReceiptFacts, TrackedFacts } from '../../documents/archive/item-documents.js';
import type { Tx } from '../../platform/services.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { sealHolds } from '../minutes/minutes-seal.js';
import {
  agendaRows,
  attachmentRows,
  blockerRows,
  leaveRows,
  meetingRows,
  participantRows,
  receiptRows,
  recordRows,
  trackedRows,
  yearMinutes,
} from './archive.repository.js';

type Q = Kysely<Database> | Tx;

/**
 * R5.7: everything a division-year's archive holds, read from the database — per meeting whose
 * minutes are numbered in the year: every issued version, the record and attendance, the topics'
 * materials (by SHA-256; the bytes are read when packing), the distribution receipts and the tracked
 * items' outcomes. Plain data: its digest is compared once more inside the archiving transaction,
 * so nothing packed can have changed before the archive is recorded.
 */
export interface ItemFacts {
  meeting: MeetingFacts;
  numberSeq: number;
  categories: string[];
  versions: Array<{
    id: string;
    revision: number;
    number: string;
    status: string;
    issuedAt: string;
    issuedByName: string;
    content: string;
    sealOk: boolean;
  }>;
  materials: Array<{
    id: string;
    topicTitle: string;
    filename: string;
    fileType: string;
    sha256: string;
    size: number;
  }>;
  /** 补录: the paper minutes the meeting was entered from. */
  paperMinutes: { filename: string; fileType: string; sha256: string } | null;
  receipts: ReceiptFacts[];
  tracked: TrackedFacts[];
}

const ENTRY_STATUS_LABELS: Record<string, string> = { recorded: '已记录', not_discussed: '未研究', deferred: '暂缓' };
const LEAVE_LABELS: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '未批准' };

export async function gatherYear(db: Q, unitId: string, divisionId: string, year: number): Promise<ItemFacts[]> {
  const versions = await yearMinutes(db, unitId, divisionId, year);
  const meetingIds = [...new Set(versions.map((v) => v.meeting_id))];
  const [meetings, participants, leaves, agenda, records, receipts, tracked] = await Promise.all([
    meetingRows(db, unitId, meetingIds),
    participantRows(db, unitId, meetingIds),
    leaveRows(db, unitId, meetingIds),
    agendaRows(db, unitId, meetingIds),
    recordRows(db, unitId, meetingIds),
    receiptRows(
      db,
      unitId,
      versions.map((v) => v.id),
    ),
    trackedRows(db, unitId, meetingIds),
  ]);
  const attachments = await attachmentRows(db, unitId, [...new Set(agenda.map((a) => a.topic_id))]);
  const items: ItemFacts[] = [];
  for (const meetingId of meetingIds) {
    const m = meetings.find((x) => x.id === meetingId);
    if (!m) continue;
    const mine = versions.filter((v) => v.meeting_id === meetingId);
    const approved = new Set(
      leaves.filter((l) => l.meeting_id === meetingId && l.status === 'approved').map((l) => l.user_id),
    );
    const topics = agenda.filter((a) => a.meeting_id === meetingId);
    const meeting: MeetingFacts = {
      id: m.id,
      title: m.title,
      kindLabel: MEETING_KIND_LABELS[m.kind as MeetingKind] ?? m.kind,
      startsAt: m.starts_at,
      day: shanghaiDay(new Date(m.starts_at)),
      place: m.place,
      chair: m.chair_name,
      recorder: m.recorder_name,
      closedAt: m.closed_at,
      backfillReason: m.backfill_reason,
      participants: participants
        .filter((p) => p.meeting_id === meetingId)
        .map((p) => ({
          name: p.display_name,
          role: p.role === 'observer' ? '列席' : '参会',
          attendance:
            p.role === 'observer'
              ? p.attendance === 'present' || p.attendance === 'late'
                ? '出席'
                : '未出席'
              : ATTENDANCE_LABELS[
                  finalAttendance({
                    role: 'participant',
                    attendance: p.attendance as Attendance | null,
                    leaveApproved: approved.has(p.user_id),
                  })
                ].replace('缺席（未请假）', '缺席'),
          checkedInAt: p.checked_in_at,
        })),
      leaves: leaves
        .filter((l) => l.meeting_id === meetingId)
        .map((l) => ({
          name: l.display_name,
          reason: l.reason,
          status: LEAVE_LABELS[l.status] ?? l.status,
          decidedBy: l.decider_name,
          decidedAt: l.decided_at,
        })),
      record: topics.map((t) => {
        const e = records.find((r) => r.meeting_id === meetingId && r.topic_id === t.topic_id);
        const status =
          e?.status ?? (t.outcome === 'deferred' || t.outcome === 'not_discussed' ? t.outcome : 'not_discussed');
        return {
          topicTitle: t.title,
          category: t.category,
          status: ENTRY_STATUS_LABELS[status] ?? status,
          discussion: e?.discussion ?? '',
          opinions: e
            ? (JSON.parse(e.opinions) as Opinion[]).map((o) => ({
                speaker: o.speakerName,
                stance: STANCE_LABELS[o.stance as Stance] ?? o.stance,
                text: o.text,
                reservation: o.reservation === true,
              }))
            : [],
          decisions: e ? (JSON.parse(e.decisions) as Decision[]).map((d) => decisionSentence(d)) : [],
        };
      }),
    };
    items.push({
      meeting,
      numberSeq: Number(mine[0]?.number_seq ?? 0),
      categories: [...new Set(topics.map((t) => t.category))],
      versions: mine.map((v) => ({
        id: v.id,
        revision: Number(v.revision),
        number: v.number ?? '',
        status: v.status,
        issuedAt: v.issued_at ?? '',
        issuedByName: v.issued_by_name ?? '',
        content: v.content,
        sealOk: sealHolds({ ...v, meeting_id: v.meeting_id }) === true,
      })),
      materials: topics.flatMap((t) =>
        attachments
          .filter((a) => a.topic_id === t.topic_id)
          .map((a) => ({
            id: a.id,
            topicTitle: t.title,
            filename: a.filename,
            fileType: a.file_type,
            sha256: a.sha256,
            size: Number(a.size),
          })),
      ),
      paperMinutes:
        m.paper_minutes_sha256 && m.paper_minutes_filename && m.paper_minutes_type
          ? { filename: m.paper_minutes_filename, fileType: m.paper_minutes_type, sha256: m.paper_minutes_sha256 }
          : null,
      receipts: receipts
        .filter((r) => mine.some((v) => v.id === r.minutes_id))
        .map((r) => ({
          minutesNumber: mine.find((v) => v.id === r.minutes_id)?.number ?? '',
          purpose: PURPOSE_LABELS[r.purpose as DistributionPurpose] ?? r.purpose,
          recipient:
            r.recipient_name ?? r.recipient_division ?? RECIPIENT_ROLE_LABELS[r.recipient_role] ?? r.recipient_role,
          sentAt: r.sent_at,
          dueDate: r.due_date,
          readAt: r.read_at,
          readComment: r.read_comment,
          receivedAt: r.received_at,
          receivedBy: r.receiver_name,
        })),
      tracked: tracked.items
        .filter((i) => i.source_meeting_id === meetingId)
        .map((i) => ({
          decision: i.decision_text,
          topicTitle: i.topic_title,
          responsible: i.responsible_name,
          coResponsible: i.co_responsible,
          deadline: i.deadline,
          originalDeadline: i.original_deadline,
          extensions: Number(i.extensions),
          status: TRACKING_STATUS_LABELS[i.status as TrackingStatus] ?? i.status,
          closedAt: i.closed_at,
          terminationReference: i.termination_reference,
          events: tracked.events
            .filter((e) => e.item_id === i.id)
            .map((e) => ({
              at: e.created_at,
              actor: e.actor_name,
              kind: TRACKING_EVENT_LABELS[e.kind] ?? e.kind,
              text: e.text,
            })),
        })),
    });
  }
  return items.sort((a, b) => a.numberSeq - b.numberSeq);
}

/** The digest of what is packed: any change to it between packing and recording is a conflict. */
export function factsDigest(items: readonly ItemFacts[]): string {
  return createHash('sha256').update(JSON.stringify(items)).digest('hex');
}

/** A division-year's blockers in words, with where to fix each (meeting, minutes or tracked item). */
export async function blockersOf(
  db: Q,
  unitId: string,
  year: number,
  divisionId: string | null,
): Promise<Map<string, ArchiveBlockerDto[]>> {
  const rows = await blockerRows(db, unitId, year, divisionId);
  const out = new Map<string, ArchiveBlockerDto[]>();
  const add = (division: string, kind: BlockerKind, message: string, link: string | null) => {
    if (!BLOCKER_KINDS.includes(kind)) return;
    out.set(division, [...(out.get(division) ?? []), { kind, message, link }]);
  };
  for (const m of rows.meetings) {
    const day = shanghaiDay(new Date(m.starts_at));
    if (m.draft_id)
      add(m.division_id, 'minutes_unissued', `${day}「${m.title}」的纪要尚未印发`, `/minutes/${m.draft_id}`);
    else if (m.status === 'closed')
      add(m.division_id, 'meeting_without_minutes', `${day}「${m.title}」尚未起草纪要`, `/meetings/${m.id}`);
    else
      add(m.division_id, 'meeting_without_minutes', `${day}「${m.title}」尚未召开完毕，也未取消`, `/meetings/${m.id}`);
  }
  for (const c of rows.corrections)
    add(
      c.division_id,
      'minutes_unissued',
      `${shanghaiDay(new Date(c.starts_at))}「${c.title}」的纪要更正版尚未印发`,
      `/minutes/${c.id}`,
    );
  for (const i of rows.items)
    add(
      i.division_id,
      'item_open',
      `${i.source_number}的督办事项“${i.decision_text.slice(0, 40)}”${i.status === 'completed' ? '待监察室核验' : '尚未办结'}`,
      `/tracking/${i.id}`,
    );
  return out;
}
