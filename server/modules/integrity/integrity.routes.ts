import { z } from 'zod';
import { id } from '../../../core/contracts/common.js';
import { integrityReportDto, minutesIntegrityDto } from '../../../core/contracts/integrity.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { readableMinutes } from '../minutes/minutes.repository.js';
import { sealHolds } from '../minutes/minutes-seal.js';
import { checkUnitIntegrity } from './integrity.js';

const tags = ['integrity'];

/** R5.7: are the archived minutes and the stored material still what was sealed and stored? */
export function integrityRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/integrity',
    {
      config: { requires: 'integrity.read' },
      schema: {
        tags,
        summary: '完整性校验：重新计算全部已印发纪要和附件文件的哈希（监察室）',
        response: { 200: integrityReportDto },
      },
    },
    async (req) => {
      const r = await checkUnitIntegrity(s.db.kysely, s.blobs, actorOf(req).unitId, s.clock.now());
      return { ok: r.problems.length === 0, ...r };
    },
  );

  app.get(
    '/api/minutes/:id/integrity',
    {
      schema: {
        tags,
        summary: '单份纪要的完整性校验（可查看该纪要者）',
        params: z.strictObject({ id }),
        response: { 200: minutesIntegrityDto },
      },
    },
    async (req) => {
      const { row } = await readableMinutes(s.db.kysely, actorOf(req), req.params.id);
      const seal = sealHolds(row);
      return {
        minutesId: row.id,
        sealed: seal !== null,
        verified: seal === true,
        checkedAt: s.clock.now().toISOString(),
        contentHash: row.content_hash,
        hashAlg: row.hash_alg,
        message:
          seal === null
            ? '纪要尚未签发，未封存'
            : seal
              ? '完整性校验通过'
              : '内容与封存哈希不一致（content hash mismatch）',
      };
    },
  );
}
