import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Config } from '../config.js';

/** Where checkpoints are appended, one JSON line each, outside the database. */
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
/** The signing key when AUDIT_CHECKPOINT_KEY is not set. */
export const CHECKPOINT_KEY_FILE = 'audit-checkpoint.key';

export interface Checkpoint {
  unitId: string;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  sig: string;
}

export interface CheckpointKey {
  secret: Buffer;
  /** A short fingerprint, stored with each checkpoint, so a key change is visible. */
  id: string;
}

type CheckpointConfig = Pick<Config, 'dataDir' | 'auditCheckpointKey'>;

/**
 * The key from AUDIT_CHECKPOINT_KEY, else from the key file in DATA_DIR. With
 * `create`, a missing key file is made (32 random bytes, mode 0600); without, a
 * missing key is null.
 */
export function checkpointKey(config: CheckpointConfig, create: boolean): CheckpointKey | null {
  let secret: Buffer;
  if (config.auditCheckpointKey) secret = Buffer.from(config.auditCheckpointKey, 'utf8');
  else {
    const file = join(config.dataDir, CHECKPOINT_KEY_FILE);
    if (!existsSync(file)) {
      if (!create) return null;
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    }
    secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
  }
  return { secret, id: createHash('sha256').update(secret).digest('hex').slice(0, 12) };
}

function sign(key: CheckpointKey, c: Omit<Checkpoint, 'keyId' | 'sig'>): string {
  return createHmac('sha256', key.secret)
    .update(`jiyao-audit-checkpoint\n${c.unitId}\n${c.seq}\n${c.hash}\n${c.at}`)
    .digest('hex');
}

export function signatureValid(key: CheckpointKey, c: Checkpoint): boolean {
  const want = Buffer.from(sign(key, c), 'hex');
  const got = Buffer.from(c.sig, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The one line a checkpoint is in the file and in the server log. */
export function checkpointLine(c: Checkpoint): string {
  return JSON.stringify(c);
}

/**
 * Signs the unit's current chain head and stores it in `audit_checkpoints` (in
 * `db`, which may be a transaction). Returns null when the chain is empty or its
 * head is already checkpointed. {@link appendCheckpointFile} writes it outside.
 */
export async function insertCheckpoint(
  db: Kysely<Database>,
  config: CheckpointConfig,
  unitId: string,
  now: Date,
): Promise<Checkpoint | null> {
  const key = checkpointKey(config, true);
  if (!key) return null;
  const head = await db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('unit_id', '=', unitId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!head) return null;
  const base = { unitId, seq: Number(head.seq), hash: head.hash, at: now.toISOString() };
  const c: Checkpoint = { ...base, keyId: key.id, sig: sign(key, base) };
  const res = await db
    .insertInto('audit_checkpoints')
    .values({ unit_id: unitId, seq: c.seq, hash: c.hash, created_at: c.at, key_id: c.keyId, signature: c.sig })
    .onConflict((oc) => oc.columns(['unit_id', 'seq']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1 ? c : null;
}

/** Appends the checkpoint to DATA_DIR/audit-checkpoints.jsonl (after its row committed). */
export function appendCheckpointFile(config: CheckpointConfig, c: Checkpoint): void {
  mkdirSync(config.dataDir, { recursive: true });
  appendFileSync(join(config.dataDir, CHECKPOINT_FILE), `${checkpointLine(c)}\n`, { mode: 0o600 });
}

/** Checkpoints the head now: the row, then the file line. */
export async function writeCheckpoint(
  db: Kysely<Database>,
  config: CheckpointConfig,
  unitId: string,
  now: Date,
): Promise<Checkpoint | null> {
  const c = await insertCheckpoint(db, config, unitId, now);
  if (c) appendCheckpointFile(config, c);
  return c;
}

/** The checkpoints of the file under DATA_DIR (unreadable lines are reported, not skipped silently). */
export function fileCheckpoints(dataDir: string): { items: Checkpoint[]; badLines: number[] } {
  const file = join(dataDir, CHECKPOINT_FILE);
  if (!existsSync(file)) return { items: [], badLines: [] };
  const items: Checkpoint[] = [];
  const badLines: number[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const v = JSON.parse(line) as Partial<Checkpoint>;
        if (
          typeof v.unitId !== 'string' ||
          typeof v.seq !== 'number' ||
          typeof v.hash !== 'string' ||
          typeof v.at !== 'string' ||
          typeof v.keyId !== 'string' ||
          typeof v.sig !== 'string'
        )
          throw new Error('shape');
        items.push(v as Checkpoint);
      } catch {
        badLines.push(i + 1);
      }
    });
  return { items, badLines };
}
