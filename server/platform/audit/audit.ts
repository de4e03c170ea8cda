import type { AuditAction, AuditSubject } from '../../../core/audit-events.js';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database, AuditEventRow } from '../db/schema.js';
import type { DbKind } from '../db/database.js';
import { GENESIS_HASH, hashEvent } from './audit-hash.js';
import type { HashAlgorithm } from '../../../core/settings.js';

export interface AuditInput {
  unitId: string;
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  subjectType?: AuditSubject | null;
  subjectId?: string | null;
  outcome?: 'success' | 'failure';
  ip?: string | null;
  data?: Record<string, unknown>;
  at: Date;
  alg: HashAlgorithm;
}

/**
 * Appends one event to the unit's chain. Call it inside the transaction of the
 * change it records, so the two commit or roll back together. On PostgreSQL the
 * unit row is locked first, which orders concurrent writers; SQLite transactions
 * are already serialised (BEGIN IMMEDIATE). The (unit_id, seq) key makes a fork
 * impossible even if both failed.
 */
export async function appendAudit(trx: Transaction<Database>, kind: DbKind, input: AuditInput): Promise<AuditEventRow> {
  if (kind === 'postgres') {
    // NO KEY UPDATE: orders audit writers without conflicting with the KEY SHARE
    // locks that foreign keys to `units` take earlier in the same transactions.
    await sql`select unit_id from units where unit_id = ${input.unitId} for no key update`.execute(trx);
  }
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('unit_id', '=', input.unitId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields = {
    unit_id: input.unitId,
    seq: (last ? Number(last.seq) : 0) + 1,
    occurred_at: input.at.toISOString(),
    actor_id: input.actorId,
    actor_name: input.actorName,
    action: input.action,
    subject_type: input.subjectType ?? null,
    subject_id: input.subjectId ?? null,
    outcome: input.outcome ?? 'success',
    ip: input.ip ?? null,
    data: JSON.stringify(input.data ?? {}),
    hash_alg: input.alg,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const row = { ...fields, hash: hashEvent(fields) };
  await trx.insertInto('audit_events').values(row).execute();
  return row;
}

export interface VerifyResult {
  unitId: string;
  ok: boolean;
  count: number;
  /** The first sequence number whose event does not verify. */
  brokenAt?: number;
  reason?: string;
}

/** Re-computes a unit's chain from the genesis value, in pages. */
export async function verifyChain(db: Kysely<Database>, unitId: string): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expected = 1;
  const page = 2000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(page)
      .execute();
    for (const raw of rows) {
      const r = { ...raw, seq: Number(raw.seq) };
      if (r.seq !== expected) return broken(unitId, expected, expected - 1, `缺少序号 ${expected} 的事件`);
      if (r.prev_hash !== prev) return broken(unitId, r.seq, expected - 1, '前一事件哈希不符');
      let h: string;
      try {
        h = hashEvent(r);
      } catch {
        return broken(unitId, r.seq, expected - 1, `未知哈希算法 ${r.hash_alg}`);
      }
      if (h !== r.hash) return broken(unitId, r.seq, expected - 1, '事件内容与哈希不符（已被篡改）');
      prev = r.hash;
      expected++;
    }
    if (rows.length < page) break;
  }
  return { unitId, ok: true, count: expected - 1 };
}

function broken(unitId: string, seq: number, count: number, reason: string): VerifyResult {
  return { unitId, ok: false, count, brokenAt: seq, reason };
}
