import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, type EvidenceEnvelope, type EvidenceKind } from '../../../core/accountability.js';
import type { Actor } from '../../../core/policy.js';
import type { Tx } from '../../platform/services.js';
import { insertEvidence, lastEvidence } from './accountability.repository.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The stored text of an evidence row (canonical JSON of its envelope) and its SHA-256. */
export function sealEvidence(env: EvidenceEnvelope): { content: string; sha256: string } {
  const content = canonicalJson(env);
  return { content, sha256: sha256Hex(content) };
}

/**
 * Appends one row to a case's evidence (R6.3): the payload in its envelope,
 * chained to the previous row's hash, never replacing anything. The caller
 * holds the case's row lock (or has just created the case); the unique
 * (case, seq) key refuses a second writer all the same. Returns the row's id, place and hash.
 */
export async function appendEvidence(
  trx: Tx,
  e: { unitId: string; caseId: string; kind: EvidenceKind; payload: unknown; actor: Actor; at: string },
): Promise<{ id: string; seq: number; sha256: string }> {
  const prev = await lastEvidence(trx, e.unitId, e.caseId);
  const seq = (prev?.seq ?? 0) + 1;
  const prevHash = prev?.sha256 ?? null;
  const sealed = sealEvidence({
    caseId: e.caseId,
    seq,
    kind: e.kind,
    prevHash,
    at: e.at,
    actorId: e.actor.userId,
    payload: e.payload,
  });
  const id = randomUUID();
  await insertEvidence(trx, {
    id,
    unitId: e.unitId,
    caseId: e.caseId,
    seq,
    kind: e.kind,
    content: sealed.content,
    sha256: sealed.sha256,
    prevHash,
    actor: e.actor,
    at: e.at,
  });
  return { id, seq, sha256: sealed.sha256 };
}

interface StoredEvidence {
  seq: number | string;
  kind: EvidenceKind;
  content: string;
  sha256: string;
  prev_hash: string | null;
}

/** The payload of a stored row, or null when its text no longer parses. */
export function payloadOf(content: string): unknown {
  try {
    return (JSON.parse(content) as { payload?: unknown }).payload ?? null;
  } catch {
    return null;
  }
}

/** The stored text is the canonical envelope of this case, at this place, of this kind, with this link. */
function envelopeHolds(caseId: string, place: number, r: StoredEvidence): boolean {
  try {
    const env = JSON.parse(r.content) as Partial<EvidenceEnvelope>;
    return (
      canonicalJson(env) === r.content &&
      env.caseId === caseId &&
      env.seq === Number(r.seq) &&
      Number(r.seq) === place &&
      env.kind === r.kind &&
      (env.prevHash ?? null) === (r.prev_hash ?? null)
    );
  } catch {
    return false;
  }
}

/**
 * Recomputes a case's evidence from what is stored: each row's hash from its
 * text, its text being the canonical envelope of this case at this place, and
 * its link to the row before; the first row's hash against the bundle hash
 * frozen on the case at opening. Any difference is a mismatch.
 */
export function checkEvidence(caseId: string, bundleHash: string, rows: readonly StoredEvidence[]) {
  let prev: string | null = null;
  const checked = rows.map((r, i) => {
    const seq = Number(r.seq);
    const recomputed = sha256Hex(r.content);
    const chained = (r.prev_hash ?? null) === prev;
    const wellFormed = envelopeHolds(caseId, i + 1, r);
    prev = r.sha256;
    return {
      seq,
      kind: r.kind,
      sha256: r.sha256,
      recomputed,
      wellFormed,
      chained,
      ok: wellFormed && chained && recomputed === r.sha256,
    };
  });
  const first = checked[0];
  const recomputedBundleHash = first && first.kind === 'bundle' ? first.recomputed : null;
  const match = checked.length > 0 && checked.every((r) => r.ok) && recomputedBundleHash === bundleHash;
  return {
    result: match ? ('match' as const) : ('mismatch' as const),
    bundleHash,
    recomputedBundleHash,
    rows: checked,
  };
}
