import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { BlobStore } from '../../platform/storage/blob-store.js';
import type { Tx } from '../../platform/services.js';
import { sealHolds } from '../minutes/minutes-seal.js';
import { blobSha256, hashBlob } from './blob-verifier.js';

export type IntegrityProblemKind = 'minutes_content' | 'blob_mismatch' | 'blob_missing';

export interface IntegrityProblem {
  kind: IntegrityProblemKind;
  /** The minutes id, or the attachment id. */
  subjectId: string;
  message: string;
}

export interface IntegrityReport {
  checkedAt: string;
  minutes: { checked: number; mismatched: number };
  blobs: { checked: number; mismatched: number; missing: number };
  problems: IntegrityProblem[];
}

export { blobSha256 } from './blob-verifier.js';

/**
 * R5.7, end to end: every sealed minutes of the unit (issued and superseded) is
 * re-hashed from the stored text and held against its seal, and every stored
 * attachment — and every archive package — is re-hashed from its bytes and held
 * against the SHA-256 it was stored under. Each mismatch is reported by name.
 */
export async function checkUnitIntegrity(
  db: Kysely<Database> | Tx,
  blobs: BlobStore,
  unitId: string,
  now: Date,
): Promise<IntegrityReport> {
  const problems: IntegrityProblem[] = [];
  const minutes = await db
    .selectFrom('minutes as n')
    .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
    .select(['n.id', 'n.meeting_id', 'n.number', 'n.revision', 'n.content', 'n.content_hash', 'n.hash_alg', 'm.title'])
    .where('n.unit_id', '=', unitId)
    .where((eb) => eb.or([eb('n.status', 'in', ['issued', 'superseded']), eb('n.content_hash', 'is not', null)]))
    .orderBy('n.issued_at')
    .execute();
  let mismatched = 0;
  for (const n of minutes) {
    if (sealHolds(n) === true) continue;
    mismatched++;
    problems.push({
      kind: 'minutes_content',
      subjectId: n.id,
      message: `纪要${n.number ?? ''}（${n.title}）的内容与封存哈希不一致（content hash mismatch）`,
    });
  }
  const attachments = await db
    .selectFrom('attachments')
    .select(['id', 'sha256', 'filename'])
    .where('unit_id', '=', unitId)
    .orderBy('created_at')
    .execute();
  const seen = new Map<string, 'ok' | 'mismatch' | 'missing'>();
  let blobMismatch = 0;
  let blobMissing = 0;
  for (const a of attachments) {
    let state = seen.get(a.sha256);
    if (!state) {
      // Always re-read here (the explicit check); the result is what the matrix reuses (blob-verifier).
      state = (await hashBlob(blobs, a.sha256, now)).state;
      seen.set(a.sha256, state);
      if (state === 'missing') blobMissing++;
      if (state === 'mismatch') blobMismatch++;
    }
    if (state === 'mismatch')
      problems.push({
        kind: 'blob_mismatch',
        subjectId: a.id,
        message: `附件“${a.filename}”的文件内容与其 SHA-256 不符（blob hash mismatch）`,
      });
    if (state === 'missing')
      problems.push({
        kind: 'blob_missing',
        subjectId: a.id,
        message: `附件“${a.filename}”的文件缺失（blob missing）`,
      });
  }
  // R5.7: the archive packages (归档信息包) are blobs too, stored under the SHA-256 the ledger holds.
  const packages = await db
    .selectFrom('archives as a')
    .innerJoin('divisions as d', 'd.id', 'a.division_id')
    .select(['a.id', 'a.package_sha256', 'a.year', 'd.name'])
    .where('a.unit_id', '=', unitId)
    .orderBy('a.archived_at')
    .execute();
  for (const p of packages) {
    let state = seen.get(p.package_sha256);
    if (!state) {
      const actual = /^[0-9a-f]{64}$/.test(p.package_sha256) ? await blobSha256(blobs, p.package_sha256) : null;
      state = actual === null ? 'missing' : actual === p.package_sha256 ? 'ok' : 'mismatch';
      seen.set(p.package_sha256, state);
      if (state === 'missing') blobMissing++;
      if (state === 'mismatch') blobMismatch++;
    }
    if (state !== 'ok')
      problems.push({
        kind: state === 'missing' ? 'blob_missing' : 'blob_mismatch',
        subjectId: p.id,
        message: `${p.name} ${p.year} 年度的归档信息包${state === 'missing' ? '文件缺失（blob missing）' : '与归档记录的 SHA-256 不符（blob hash mismatch）'}`,
      });
  }
  return {
    checkedAt: now.toISOString(),
    minutes: { checked: minutes.length, mismatched },
    blobs: { checked: seen.size, mismatched: blobMismatch, missing: blobMissing },
    problems,
  };
}
