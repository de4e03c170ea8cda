import {
  DISPOSAL_DECISION_LABELS,
  ITEM_STATE_LABELS,
  RETENTION_LABELS,
  type DisposalDecision,
  type ItemState,
  type RetentionPeriod,
} from '../../../core/archive.js';
import type {
  ArchiveDecisionDto,
  ArchiveDetailDto,
  ArchiveItemDto,
  ArchiveSummaryDto,
  CheckReportDto,
} from '../../../core/contracts/archive.js';
import { can, type Actor } from '../../../core/policy.js';
import { HASH_ALG_NAMES, type PackageHashAlg } from '../../documents/archive/sm3.js';
import type { ArchiveRow, DecisionRow, ItemRow } from './archive.repository.js';

export function summaryDto(a: ArchiveRow): ArchiveSummaryDto {
  return {
    id: a.id,
    archivedAt: a.archived_at,
    archivedByName: a.archiver_name,
    itemCount: Number(a.item_count),
    fileCount: Number(a.file_count),
    packageSha256: a.package_sha256,
    packageSize: Number(a.package_size),
    hashAlg: HASH_ALG_NAMES[a.hash_alg as PackageHashAlg] ?? a.hash_alg,
    manifestDigest: a.manifest_digest,
    checkOk: (JSON.parse(a.report) as CheckReportDto).ok,
  };
}

function decisionDto(d: DecisionRow): ArchiveDecisionDto {
  return {
    id: d.id,
    decision: d.decision as DisposalDecision,
    decisionLabel: DISPOSAL_DECISION_LABELS[d.decision as DisposalDecision] ?? d.decision,
    fromRetention: d.from_retention as RetentionPeriod,
    toRetention: (d.to_retention as RetentionPeriod | null) ?? null,
    reason: d.reason,
    appraisers: d.appraisers,
    reference: d.reference,
    decidedByName: d.decider_name,
    decidedAt: d.decided_at,
  };
}

/** An item with its decisions and what the actor may do: appraise once due, destroy unless permanent. */
export function itemDto(actor: Actor, i: ItemRow, decisions: readonly DecisionRow[], today: string): ArchiveItemDto {
  const retention = i.retention as RetentionPeriod;
  const due = i.due_day !== null && i.due_day <= today && i.state === 'kept';
  const appraise = can(actor, 'archive.manage') && due;
  return {
    id: i.id,
    archiveId: i.archive_id,
    divisionName: i.division_name,
    year: Number(i.year),
    seq: Number(i.seq),
    code: i.code,
    title: i.title,
    number: i.number,
    docDate: i.doc_date,
    pages: Number(i.pages),
    retention,
    retentionLabel: RETENTION_LABELS[retention] ?? i.retention,
    dueDay: i.due_day,
    due,
    state: i.state as ItemState,
    stateLabel: ITEM_STATE_LABELS[i.state as ItemState] ?? i.state,
    meetingId: i.meeting_id,
    minutesId: i.minutes_id,
    metadata: JSON.parse(i.metadata) as Record<string, string>,
    version: Number(i.version),
    decisions: decisions.filter((d) => d.item_id === i.id).map(decisionDto),
    abilities: { appraise, destroy: appraise && retention !== 'permanent' },
  };
}

export function detailDto(
  actor: Actor,
  a: ArchiveRow,
  items: readonly ItemRow[],
  decisions: readonly DecisionRow[],
  today: string,
): ArchiveDetailDto {
  return {
    ...summaryDto(a),
    divisionId: a.division_id,
    divisionName: a.division_name,
    year: Number(a.year),
    divisionCode: a.division_code,
    items: items.map((i) => itemDto(actor, i, decisions, today)),
    files: JSON.parse(a.files) as ArchiveDetailDto['files'],
    report: JSON.parse(a.report) as CheckReportDto,
  };
}
