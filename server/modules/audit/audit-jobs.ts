import type { Job } from '../../platform/jobs/scheduler.js';
import { once } from '../../platform/jobs/scheduler.js';
import {
  appendCheckpointFile,
  checkpointLine,
  insertCheckpoint,
  type Checkpoint,
} from '../../platform/audit/checkpoints.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';

/**
 * R5.7: once a day per unit the audit chain's head is signed and kept in three
 * places — `audit_checkpoints`, DATA_DIR/audit-checkpoints.jsonl and the server
 * log — so deleting the newest events from the database alone cannot go unseen.
 * Claimed per unit and day: several servers write one checkpoint.
 */
export const auditCheckpointJob: Job = {
  name: 'audit.checkpoint',
  async run(s, now, log) {
    const today = shanghaiDay(now);
    const units = await s.db.kysely.selectFrom('units').select('unit_id').execute();
    let n = 0;
    for (const { unit_id: unitId } of units) {
      let written: Checkpoint | null = null;
      await once(s, 'audit.checkpoint', `${unitId}:${today}`, unitId, async (trx) => {
        written = await insertCheckpoint(trx, s.config, unitId, now);
      });
      const c = written as Checkpoint | null;
      if (!c) continue;
      appendCheckpointFile(s.config, c);
      log(`审计检查点 audit checkpoint ${checkpointLine(c)}`);
      n++;
    }
    return n;
  },
};
