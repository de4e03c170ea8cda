import { verifyChain } from './platform/audit/audit.js';
import { writeCheckpoint } from './platform/audit/checkpoints.js';
import { verifyCheckpoints } from './platform/audit/verify-checkpoints.js';
import type { Services } from './platform/services.js';
import { checkUnitIntegrity } from './modules/integrity/integrity.js';

type Out = (line: string) => void;

/**
 * `jiyao audit verify` (R5.7), per unit: the hash chain from its genesis; the
 * chain against its signed checkpoints (a deleted tail or a rebuilt chain); every
 * sealed minutes against its seal; every stored attachment against its SHA-256.
 * Returns the exit code: 1 when anything does not hold.
 */
export async function auditVerify(sv: Services, out: Out): Promise<number> {
  const units = await sv.db.kysely.selectFrom('units').select(['unit_id', 'name']).orderBy('created_at').execute();
  let broken = false;
  const bad = (line: string) => {
    broken = true;
    out(line);
  };
  for (const u of units) {
    const r = await verifyChain(sv.db.kysely, u.unit_id);
    if (r.ok) out(`OK ${u.name}：${r.count} 条事件，哈希链完整`);
    else bad(`BROKEN ${u.name}：第 ${r.brokenAt} 条事件校验失败（${r.reason}）；此前 ${r.count} 条完整`);

    const cp = await verifyCheckpoints(sv.db.kysely, sv.config, u.unit_id);
    for (const p of cp.problems) bad(`BROKEN ${u.name}：${p.message}`);
    if (cp.checkpoints === 0) out(`NOTE ${u.name}：尚无审计检查点（每日自动写入；也可运行 jiyao audit checkpoint）`);
    else if (cp.problems.length === 0 && cp.latest)
      out(`OK ${u.name}：${cp.checkpoints} 个检查点均吻合，最新为第 ${cp.latest.seq} 条事件（${cp.latest.at}）`);

    const integrity = await checkUnitIntegrity(sv.db.kysely, sv.blobs, u.unit_id, sv.clock.now());
    for (const p of integrity.problems) bad(`BROKEN ${u.name}：${p.message}`);
    if (integrity.problems.length === 0)
      out(
        `OK ${u.name}：${integrity.minutes.checked} 份已印发纪要与封存哈希一致，${integrity.blobs.checked} 个附件文件与其 SHA-256 一致`,
      );
  }
  if (units.length === 0) out('OK 数据库中没有单位');
  return broken ? 1 : 0;
}

/** `jiyao audit checkpoint`: signs every unit's chain head now (e.g. from cron, in addition to the daily job). */
export async function auditCheckpoint(sv: Services, out: Out): Promise<number> {
  const units = await sv.db.kysely.selectFrom('units').select(['unit_id', 'name']).orderBy('created_at').execute();
  for (const u of units) {
    const c = await writeCheckpoint(sv.db.kysely, sv.config, u.unit_id, sv.clock.now());
    out(c ? `已写入检查点 ${u.name}：第 ${c.seq} 条事件 ${c.hash}` : `${u.name}：链头已有检查点（或尚无事件），未写入`);
  }
  return 0;
}
