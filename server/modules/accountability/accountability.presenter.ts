import type { CaseDetailDto, CaseNoticeDto, CaseSummaryDto } from '../../../core/contracts/accountability.js';
import type { CaseAbilities } from '../../../core/policies/accountability.js';
import type { CaseRow, CaseTimeline } from './accountability.repository.js';
import { payloadOf } from './evidence.js';

type Person = { id: string; name: string };
type File = CaseTimeline['files'][number];

function attachmentDto(f: File) {
  return { id: f.id, filename: f.filename, size: Number(f.size), fileType: f.file_type, sha256: f.sha256 };
}

export function summaryDto(row: CaseRow, subjects: Person[]): CaseSummaryDto {
  return {
    id: row.id,
    version: Number(row.version),
    kind: row.kind,
    title: row.title,
    status: row.status,
    divisionId: row.division_id,
    divisionName: row.division_name,
    subjects,
    openedBy: row.opener_name,
    openedAt: row.opened_at,
    bundleHash: row.bundle_hash,
    updatedAt: row.updated_at,
  };
}

function decisionOf(row: CaseRow) {
  if (!row.decided_at || !row.decided_measure) return null;
  return {
    measure: row.decided_measure,
    decidedBy: row.decided_by ?? '',
    decidedOn: row.decided_on ?? '',
    meetingId: row.decision_meeting_id,
    meetingReference: row.decision_reference ?? '',
    text: row.decision_text ?? '',
    recordedAt: row.decided_at,
  };
}

/** The whole case, for the supervision office, the discipline secretary and the principal leaders. */
export function detailDto(
  row: CaseRow,
  subjects: Person[],
  t: CaseTimeline,
  measures: string[],
  abilities: CaseAbilities,
): CaseDetailDto {
  return {
    ...summaryDto(row, subjects),
    description: row.description,
    source: { itemId: row.source_item_id, meetingId: row.source_meeting_id, month: row.source_month },
    notice: row.notice_text && row.notified_at ? { text: row.notice_text, at: row.notified_at } : null,
    dismissReason: row.dismiss_reason,
    proposal:
      row.proposed_measure && row.proposed_at
        ? { measure: row.proposed_measure, reason: row.proposal_reason ?? '', at: row.proposed_at }
        : null,
    decision: decisionOf(row),
    timeline: t.events.map((e) => ({
      id: e.id,
      seq: Number(e.seq),
      kind: e.kind,
      actorName: e.actor_name,
      text: e.text,
      data: JSON.parse(e.data) as Record<string, unknown>,
      at: e.created_at,
    })),
    evidence: t.evidence.map((e) => ({
      id: e.id,
      seq: Number(e.seq),
      kind: e.kind,
      sha256: e.sha256,
      prevHash: e.prev_hash,
      actorName: e.actor_name,
      at: e.created_at,
      payload: payloadOf(e.content),
      attachments: t.files.filter((f) => f.evidence_id === e.id).map(attachmentDto),
    })),
    measures,
    abilities,
  };
}

/** What the person concerned reads: the notice, their own statements and the decision — nothing internal. */
export function noticeDto(row: CaseRow, viewerId: string, t: CaseTimeline, abilities: CaseAbilities): CaseNoticeDto {
  const decision = decisionOf(row);
  return {
    id: row.id,
    version: Number(row.version),
    status: row.status,
    notice: { text: row.notice_text ?? '', at: row.notified_at ?? '' },
    statements: t.evidence
      .filter((e) => e.kind === 'statement' && e.actor_id === viewerId)
      .map((e) => {
        const p = payloadOf(e.content) as { text?: unknown } | null;
        return {
          seq: Number(e.seq),
          text: typeof p?.text === 'string' ? p.text : '',
          at: e.created_at,
          attachments: t.files.filter((f) => f.evidence_id === e.id).map(attachmentDto),
        };
      }),
    decision: decision && {
      measure: decision.measure,
      decidedBy: decision.decidedBy,
      decidedOn: decision.decidedOn,
      meetingReference: decision.meetingReference,
      text: decision.text,
      recordedAt: decision.recordedAt,
    },
    abilities: { statement: abilities.statement },
  };
}
