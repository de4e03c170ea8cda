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
  return minutesContentHashOf(alg, meetingId, number, revision, JSON.parse(content));
}

/** The same seal from content already parsed (a caller that reads the text anyway parses it once). */
export function minutesContentHashOf(
  alg: string,
  meetingId: string,
  number: string,
  revision: number,
  parsed: unknown,
): string {
  return createHash(alg)
    .update(JSON.stringify([meetingId, number, revision, parsed]))
    .digest('hex');
}

/**
 * Whether sealed minutes still match their seal: re-hashes the stored text. False
 * for a row that was sealed and then edited in the database (or whose hash,
 * number or algorithm was), null for minutes that were never sealed (drafts).
 * `parsed`: the row's text already parsed (never a changed copy), to spare a second parse.
 */
export function sealHolds(row: SealedFields, parsed?: { content: unknown }): boolean | null {
  if (row.content_hash === null && row.hash_alg === null) return null;
  if (!row.content_hash || !row.hash_alg || !row.number) return false;
  try {
    const content = parsed ? parsed.content : JSON.parse(row.content);
    return (
      minutesContentHashOf(row.hash_alg, row.meeting_id, row.number, Number(row.revision), content) === row.content_hash
    );
  } catch {
    return false; // unparsable text or an unknown algorithm: the seal cannot hold
  }
}
