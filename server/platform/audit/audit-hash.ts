import { createHash } from 'node:crypto';
import type { HashAlgorithm } from '../../../core/settings.js';

/** The chain starts from this value: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers, in a fixed order. */
export interface HashedFields {
  unit_id: string;
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: string;
  ip: string | null;
  data: string;
  hash_alg: string;
  prev_hash: string;
}

/**
 * SHA-256 or SM3 (GB/T 32905, through OpenSSL) over a canonical JSON array of the
 * fields. Each event records its algorithm, so a unit can switch without breaking
 * the chain, and any edit of any field, or of the order, breaks verification.
 */
export function hashEvent(e: HashedFields): string {
  const canonical = JSON.stringify([
    e.unit_id,
    e.seq,
    e.occurred_at,
    e.actor_id,
    e.actor_name,
    e.action,
    e.subject_type,
    e.subject_id,
    e.outcome,
    e.ip,
    e.data,
    e.hash_alg,
    e.prev_hash,
  ]);
  return createHash(algorithmName(e.hash_alg as HashAlgorithm))
    .update(canonical, 'utf8')
    .digest('hex');
}

function algorithmName(alg: HashAlgorithm): string {
  if (alg === 'sha256' || alg === 'sm3') return alg;
  throw new Error(`unknown audit hash algorithm: ${String(alg)}`);
}
