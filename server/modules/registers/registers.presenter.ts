import type { RegisterDto, RegisterLineDto } from '../../../core/contracts/registers.js';
import { can, type Actor } from '../../../core/policy.js';
import {
  LINE_STATE_LABELS,
  REGISTER_KIND_LABELS,
  type LineState,
  type RegisterKind,
  type ScoredCandidate,
} from '../../../core/registers.js';
import { fenToYuan } from '../../../core/topics.js';
import { toNumber } from '../../platform/db/database.js';
import type { LineRow, RegisterRow } from './registers.repository.js';

export function registerDto(r: RegisterRow, counts: Record<LineState, number> | undefined): RegisterDto {
  return {
    id: r.id,
    kind: r.kind as RegisterKind,
    kindLabel: REGISTER_KIND_LABELS[r.kind as RegisterKind],
    filename: r.filename,
    lineCount: Number(r.line_count),
    skippedLines: Number(r.skipped_lines),
    importedAt: r.imported_at,
    importedByName: r.importer_name,
    counts: counts ?? { proposed: 0, confirmed: 0, finding: 0, dismissed: 0 },
  };
}

/** A line with its match and what the actor may do to it (the page shows only that). */
export function lineDto(actor: Actor, r: LineRow): RegisterLineDto {
  const candidates = JSON.parse(r.candidates) as ScoredCandidate[];
  const state = r.state as LineState;
  const match =
    state === 'proposed' || state === 'confirmed' ? (candidates.find((c) => c.topicId === r.topic_id) ?? null) : null;
  const manager = can(actor, 'register.manage');
  const open = state === 'proposed' && manager;
  return {
    id: r.id,
    registerId: r.register_id,
    lineNo: Number(r.line_no),
    kind: r.kind as RegisterKind,
    divisionId: r.division_id,
    divisionName: r.division_name,
    day: r.day,
    amountYuan: r.amount_fen === null ? null : fenToYuan(toNumber(r.amount_fen)),
    subject: r.subject,
    state,
    stateLabel: LINE_STATE_LABELS[state],
    match,
    candidates,
    reviewedByName: r.reviewer_name,
    reviewedAt: r.reviewed_at,
    reviewReason: r.review_reason,
    version: Number(r.version),
    abilities: { confirm: open, dismiss: open, reopen: manager && state !== 'proposed' },
  };
}
