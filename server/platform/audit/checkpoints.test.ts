import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../test/harness.js';
import { Scheduler } from '../jobs/scheduler.js';
import { auditCheckpointJob } from '../../modules/audit/audit-jobs.js';
import { auditVerify } from '../../cli-audit.js';
import { verifyChain } from './audit.js';
import { CHECKPOINT_FILE } from './checkpoints.js';
import { audit, inTransaction } from '../services.js';

/** R5.7: the audit chain is anchored by signed checkpoints kept in the database, a file and the log. */
describe('R5.7: audit checkpoints', () => {
  let h: Harness;
  let unitId: string;
  const logged: string[] = [];
  const verify = async () => {
    const lines: string[] = [];
    const code = await auditVerify(h.s, (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  };
  const lastSeq = async () =>
    Number(
      (
        await h.s.db.kysely
          .selectFrom('audit_events')
          .select('seq')
          .where('unit_id', '=', unitId)
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow()
      ).seq,
    );
  const fileLines = () =>
    readFileSync(join(h.s.config.dataDir, CHECKPOINT_FILE), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { unitId: string; seq: number; hash: string });

  beforeAll(async () => {
    h = await makeHarness({ env: { AUDIT_CHECKPOINT_KEY: 'k'.repeat(40) } });
    unitId = (await h.s.db.kysely.selectFrom('units').select('unit_id').executeTakeFirstOrThrow()).unit_id;
    await h.login('head');
    await h.login('staff');
  });
  afterAll(async () => h.close());

  let checkpointed = 0;
  it('the daily job signs the head once a day: a row, a line in the file, a line in the server log', async () => {
    h.clock.set('2026-11-02T09:00:00+08:00');
    const jobs = new Scheduler(h.s, [auditCheckpointJob], undefined, (m) => logged.push(m));
    checkpointed = await lastSeq();
    expect((await jobs.tick()).jobs).toEqual({ 'audit.checkpoint': 1 });
    expect((await jobs.tick()).jobs).toEqual({ 'audit.checkpoint': 0 }); // claimed for the day
    const rows = await h.s.db.kysely.selectFrom('audit_checkpoints').selectAll().execute();
    expect(rows.map((r) => [r.unit_id, Number(r.seq), r.created_at])).toEqual([
      [unitId, checkpointed, '2026-11-02T01:00:00.000Z'],
    ]);
    expect(fileLines()).toEqual([expect.objectContaining({ unitId, seq: checkpointed, hash: rows[0]?.hash })]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`"seq":${checkpointed}`);
    const v = await verify();
    expect(v.code).toBe(0);
    expect(v.out).toContain(
      `OK 示范市商务局：1 个检查点均吻合，最新为第 ${checkpointed} 条事件（2026-11-02T01:00:00.000Z）`,
    );
  });

  it('deleting the last events in the database: the chain still verifies, the checkpoint names the truncation', async () => {
    await h.login('recorder');
    await h.login('deputy');
    expect(await lastSeq()).toBe(checkpointed + 2);
    await h.s.db.kysely
      .deleteFrom('audit_events')
      .where('unit_id', '=', unitId)
      .where('seq', '>', checkpointed - 3)
      .execute();
    expect((await verifyChain(h.s.db.kysely, unitId)).ok).toBe(true); // what verify alone used to say
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.out).toContain(
      `BROKEN 示范市商务局：审计日志尾部被截断（truncated tail）：2026-11-02T01:00:00.000Z 的检查点记录到第 ${checkpointed} 条事件，数据库中只剩 ${checkpointed - 3} 条`,
    );
  });

  it('deleting the checkpoint rows too: the file still holds the anchor', async () => {
    await h.s.db.kysely.deleteFrom('audit_checkpoints').execute();
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.out).toContain(`审计日志尾部被截断（truncated tail）`);
    expect(v.out).toContain(
      `BROKEN 示范市商务局：2026-11-02T01:00:00.000Z 的检查点（第 ${checkpointed} 条事件）在检查点文件中，但已从数据库删除（checkpoint row deleted）`,
    );
  });

  it('new events written in the place of the deleted ones: the hash at the checkpoint differs', async () => {
    for (let i = 0; i < 5; i++)
      await inTransaction(h.s, (trx) =>
        audit(h.s, trx, { unitId, actorId: null, actorName: '替身', action: 'user.update', ip: null }),
      );
    expect((await verifyChain(h.s.db.kysely, unitId)).ok).toBe(true);
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.out).not.toContain('truncated tail');
    expect(v.out).toContain(
      `BROKEN 示范市商务局：第 ${checkpointed} 条事件的哈希与 2026-11-02T01:00:00.000Z 的检查点不符（chain rewritten）`,
    );
  });

  it('a checkpoint row written without the key is reported as forged', async () => {
    const head = await lastSeq();
    await h.s.db.kysely
      .insertInto('audit_checkpoints')
      .values({
        unit_id: unitId,
        seq: head,
        hash: 'f'.repeat(64),
        created_at: '2026-11-03T01:00:00.000Z',
        key_id: 'forged',
        signature: 'ab'.repeat(32),
      })
      .execute();
    const v = await verify();
    expect(v.out).toContain(
      `BROKEN 示范市商务局：第 ${head} 条事件的检查点签名无效（forged checkpoint；来源：数据库；密钥指纹 forged）`,
    );
  });
});
