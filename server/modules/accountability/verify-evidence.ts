import type { EvidenceCheckDto } from '../../../core/contracts/accountability.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { evidenceRows } from './accountability.repository.js';
import { checkEvidence } from './evidence.js';
import { visibleCase } from './view-case.js';

/**
 * 校验 (R6.3): the case's evidence recomputed from what is stored now — every
 * row's hash, the chain, and the bundle against the hash frozen at opening.
 * Those who see the case check it; a person concerned does not (403).
 */
export async function verifyEvidence(s: Services, actor: Actor, id: string): Promise<EvidenceCheckDto> {
  const db = s.db.kysely;
  const { row, abilities } = await visibleCase(db, actor, id);
  if (!abilities.may.verify) throw new AppError('FORBIDDEN', '当事人不能校验案件证据');
  const rows = await evidenceRows(db, actor.unitId, id);
  return { ...checkEvidence(id, row.bundle_hash, rows), checkedAt: s.clock.now().toISOString() };
}
