import { createHash } from 'node:crypto';

/** The fields of a minutes row its seal covers. */
export interface SealedFields {
  meeting_id: string;
  number: string | null;
  revision: number | string;
  content: string;
  content_hash: string | null;
  hash_alg: string | null;
}

/**
 * R5.7: the content hash that seals issued minutes — the meeting, the number, the
 * revision and the content (as parsed JSON, so only a change of meaning counts).
 */
export function minutesContentHash(
  alg: string,
  meetingId: string,
  number: string,
  revision: number,
  content: string,
): string {
  return createHash(alg)
    .update(JSON.stringify([meetingId, number, revision, JSON.parse(content)]))
    .digest('hex');
}

/**
 * Whether sealed minutes still match their seal: re-hashes the stored text. False
 * for a row that was sealed and then edited in the database (or whose hash,
 * number or algorithm was), null for minutes that were never sealed (drafts).
 */
export function sealHolds(row: SealedFields): boolean | null {
  if (row.content_hash === null && row.hash_alg === null) return null;
  if (!row.content_hash || !row.hash_alg || !row.number) return false;
  try {
    return (
      minutesContentHash(row.hash_alg, row.meeting_id, row.number, Number(row.revision), row.content) ===
      row.content_hash
    );
  } catch {
    return false; // unparsable text or an unknown algorithm: the seal cannot hold
  }
}
