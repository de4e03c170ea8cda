import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { candidatesFor, type LineState, type RegisterKind, type ScoredCandidate } from '../../../core/registers.js';
import { contentTokens } from '../../../core/search.js';
import { toNumber } from '../../platform/db/database.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { textTools } from '../search/segmenter.js';
import type { RegisterLineDto } from '../../../core/contracts/registers.js';
import { audit, auditBy, inTransaction, type Services, type Tx } from '../../platform/services.js';
import { insertDecision, lineRow, reviewLine, type LineRow } from './registers.repository.js';
import { lineDto } from './registers.presenter.js';
import { candidateTopics, requireManager, UNSEEN } from './import-register.js';

type Review =
  | { action: 'confirm'; version: number; topicId?: string | undefined; reason?: string | undefined }
  | { action: 'dismiss'; version: number; reason: string };

/**
 * R4.1: a reviewer of the supervision office or the general office confirms a line's
 * proposed match (or another of its candidates) or dismisses it with a reason — then the
 * line is a finding. Only a proposed line at the version the reviewer read changes; the
 * second of two reviewers at once gets 409 CONFLICT. The decision is kept (one row per
 * line and version) and audited (ids and states only).
 */
export async function reviewRegisterLine(
  s: Services,
  actor: Actor,
  id: string,
  review: Review,
  ip: string | null,
): Promise<RegisterLineDto> {
  requireManager(actor);
  return inTransaction(s, async (trx) => {
    const line = await lineRow(trx, actor.unitId, id);
    if (!line) throw new AppError('NOT_FOUND', UNSEEN);
    if (line.state !== 'proposed' && Number(line.version) === review.version)
      throw new AppError('INVALID_TRANSITION', '只能复核待复核的匹配');
    const candidates = JSON.parse(line.candidates) as ScoredCandidate[];
    let chosen: ScoredCandidate | null = null;
    if (review.action === 'confirm') {
      const topicId = review.topicId ?? line.topic_id;
      chosen = candidates.find((c) => c.topicId === topicId) ?? null;
      if (!chosen) throw new AppError('VALIDATION_FAILED', '只能确认为该事项的候选议题之一');
    }
    const confirm = review.action === 'confirm';
    const topicId = confirm ? (chosen?.topicId ?? null) : line.topic_id;
    return writeReview(s, trx, actor, ip, line, review.version, ['proposed'], {
      set: {
        state: confirm ? 'confirmed' : 'dismissed',
        topic_id: topicId,
        score: confirm ? (chosen?.score ?? null) : line.score,
      },
      action: review.action,
      reason: review.reason?.trim() ? review.reason.trim() : null,
      audit: {
        action: confirm ? 'register.confirm' : 'register.dismiss',
        data: { lineId: id, line: Number(line.line_no), topicId, to: confirm ? 'confirmed' : 'dismissed' },
      },
    });
  });
}

/**
 * R4.1: a reviewer takes back a decision or a finding — a confirmed match found wrong, a
 * dismissal made in error, or a meeting since backfilled (补录) that decided the matter.
 * The line is matched again against the division's decided topics as they stand now and
 * goes back to review (待复核), or stays a finding when no candidate is found. The reason is
 * required and kept with the line's decisions; the line's version decides between two
 * reviewers at once (409).
 */
export async function reopenRegisterLine(
  s: Services,
  actor: Actor,
  id: string,
  body: { version: number; reason: string },
  ip: string | null,
): Promise<RegisterLineDto> {
  requireManager(actor);
  const reason = body.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', '请填写重新复核的理由');
  const tools = textTools();
  return inTransaction(s, async (trx) => {
    const line = await lineRow(trx, actor.unitId, id);
    if (!line) throw new AppError('NOT_FOUND', UNSEEN);
    if (line.state === 'proposed' && Number(line.version) === body.version)
      throw new AppError('INVALID_TRANSITION', '该事项正待复核，请直接确认或驳回');
    const kind = line.kind as RegisterKind;
    const regime = (await readSettings(trx, actor.unitId, 'regime')).value;
    const candidates = candidatesFor(
      {
        divisionId: line.division_id,
        day: line.day,
        amountFen: line.amount_fen === null ? null : toNumber(line.amount_fen),
        tokens: contentTokens(line.subject, tools),
      },
      kind,
      await candidateTopics(trx, actor.unitId, kind, [line.division_id], tools),
      regime.registerFundsTolerancePercent,
    );
    const best = candidates[0];
    const state = best ? 'proposed' : 'finding';
    return writeReview(s, trx, actor, ip, line, body.version, ['confirmed', 'dismissed', 'finding'], {
      set: {
        state,
        topic_id: best?.topicId ?? null,
        score: best?.score ?? null,
        candidates: JSON.stringify(candidates),
      },
      action: 'reopen',
      reason,
      audit: {
        action: 'register.reopen',
        data: { lineId: id, line: Number(line.line_no), from: line.state, to: state, candidates: candidates.length },
      },
    });
  });
}

/**
 * A review's writes, the same for every kind of review: the line changes only from `from` at
 * the version read (else 409 CONFLICT: another reviewer was first); the decision row (one per
 * line and version) and the audit event follow; the line is read back for the answer.
 */
async function writeReview(
  s: Services,
  trx: Tx,
  actor: Actor,
  ip: string | null,
  line: LineRow,
  version: number,
  from: readonly LineState[],
  w: {
    set: { state: LineState; topic_id: string | null; score: number | null; candidates?: string };
    action: 'confirm' | 'dismiss' | 'reopen';
    reason: string | null;
    audit: { action: 'register.confirm' | 'register.dismiss' | 'register.reopen'; data: Record<string, unknown> };
  },
): Promise<RegisterLineDto> {
  const at = s.clock.now().toISOString();
  const ok = await reviewLine(trx, actor.unitId, line.id, version, from, {
    ...w.set,
    by: actor.userId,
    at,
    reason: w.reason,
  });
  if (!ok) throw new AppError('CONFLICT', '该事项已被他人复核或已更新，请刷新后查看');
  await insertDecision(trx, {
    id: randomUUID(),
    unit_id: actor.unitId,
    line_id: line.id,
    seq: version,
    action: w.action,
    topic_id: w.set.topic_id,
    reason: w.reason,
    actor_id: actor.userId,
    at,
  });
  await audit(s, trx, {
    ...auditBy(actor, ip),
    action: w.audit.action,
    subjectType: 'register',
    subjectId: line.register_id,
    data: w.audit.data,
  });
  const after = await lineRow(trx, actor.unitId, line.id);
  if (!after) throw new AppError('INTERNAL');
  return lineDto(actor, after);
}
