import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Config } from '../config.js';
import { checkpointKey, fileCheckpoints, signatureValid, type Checkpoint } from './checkpoints.js';

export type CheckpointProblemKind =
  'truncated' | 'rewritten' | 'bad_signature' | 'row_deleted' | 'unreadable' | 'no_key';

export interface CheckpointProblem {
  kind: CheckpointProblemKind;
  seq: number | null;
  message: string;
}

export interface CheckpointReport {
  /** Distinct checkpoints found (database and file). */
  checkpoints: number;
  /** The newest checkpoint with a valid signature. */
  latest: { seq: number; at: string } | null;
  problems: CheckpointProblem[];
}

/**
 * Holds a unit's chain against its checkpoints, from the table and from the file
 * under DATA_DIR: the chain must still reach every checkpointed sequence number
 * with the checkpointed hash. This catches what re-hashing the chain cannot: the
 * last events deleted (the rest still chains), or the whole chain rebuilt.
 */
export async function verifyCheckpoints(
  db: Kysely<Database>,
  config: Pick<Config, 'dataDir' | 'auditCheckpointKey'>,
  unitId: string,
): Promise<CheckpointReport> {
  const problems: CheckpointProblem[] = [];
  const rows = await db.selectFrom('audit_checkpoints').selectAll().where('unit_id', '=', unitId).execute();
  const file = fileCheckpoints(config.dataDir);
  for (const n of file.badLines)
    problems.push({ kind: 'unreadable', seq: null, message: `检查点文件第 ${n} 行无法读取（unreadable line）` });
  const all = new Map<string, { c: Checkpoint; inDb: boolean; inFile: boolean }>();
  const add = (c: Checkpoint, where: 'db' | 'file') => {
    const k = `${c.seq}|${c.hash}|${c.at}|${c.sig}`;
    const e = all.get(k) ?? { c, inDb: false, inFile: false };
    if (where === 'db') e.inDb = true;
    else e.inFile = true;
    all.set(k, e);
  };
  for (const r of rows)
    add({ unitId, seq: Number(r.seq), hash: r.hash, at: r.created_at, keyId: r.key_id, sig: r.signature }, 'db');
  for (const c of file.items) if (c.unitId === unitId) add(c, 'file');
  if (all.size === 0) return { checkpoints: 0, latest: null, problems };

  const key = checkpointKey(config, false);
  if (!key) {
    problems.push({
      kind: 'no_key',
      seq: null,
      message: `找不到检查点密钥（AUDIT_CHECKPOINT_KEY 或 DATA_DIR/audit-checkpoint.key），无法校验 ${all.size} 个检查点（checkpoint key missing）`,
    });
    return { checkpoints: all.size, latest: null, problems };
  }
  const head = await db
    .selectFrom('audit_events')
    .select('seq')
    .where('unit_id', '=', unitId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const last = head ? Number(head.seq) : 0;
  const valid: Checkpoint[] = [];
  for (const { c, inDb, inFile } of all.values()) {
    if (!signatureValid(key, c)) {
      problems.push({
        kind: 'bad_signature',
        seq: c.seq,
        message: `第 ${c.seq} 条事件的检查点签名无效（forged checkpoint；来源：${inDb ? '数据库' : ''}${inDb && inFile ? '、' : ''}${inFile ? '检查点文件' : ''}；密钥指纹 ${c.keyId}）`,
      });
      continue;
    }
    valid.push(c);
    if (inFile && !inDb)
      problems.push({
        kind: 'row_deleted',
        seq: c.seq,
        message: `${c.at} 的检查点（第 ${c.seq} 条事件）在检查点文件中，但已从数据库删除（checkpoint row deleted）`,
      });
  }
  valid.sort((a, b) => b.seq - a.seq || b.at.localeCompare(a.at));
  const newest = valid[0];
  if (newest && newest.seq > last) {
    problems.push({
      kind: 'truncated',
      seq: newest.seq,
      message: `审计日志尾部被截断（truncated tail）：${newest.at} 的检查点记录到第 ${newest.seq} 条事件，数据库中只剩 ${last} 条`,
    });
  }
  const reached = valid.filter((c) => c.seq <= last);
  const hashes = new Map<number, string>();
  for (let i = 0; i < reached.length; i += 500) {
    const seqs = reached.slice(i, i + 500).map((c) => c.seq);
    const found = await db
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .where('unit_id', '=', unitId)
      .where('seq', 'in', seqs)
      .execute();
    for (const f of found) hashes.set(Number(f.seq), f.hash);
  }
  for (const c of reached) {
    const h = hashes.get(c.seq);
    if (h !== c.hash)
      problems.push({
        kind: 'rewritten',
        seq: c.seq,
        message: `第 ${c.seq} 条事件${h ? '的哈希' : '已缺失，'}与 ${c.at} 的检查点不符（chain rewritten）`,
      });
  }
  return { checkpoints: all.size, latest: newest ? { seq: newest.seq, at: newest.at } : null, problems };
}
