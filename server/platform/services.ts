import type { Transaction } from 'kysely';
import { isUniqueViolation, lockRow, type Db, type LockableTable } from './db/database.js';
import { AppError } from '../../core/errors.js';
import type { Database } from './db/schema.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { BlobStore } from './storage/blob-store.js';
import type { Mailer } from './mail/mailer.js';
import { appendAudit, type AuditInput } from './audit/audit.js';
import { readSettings } from './settings/settings.repository.js';
import type { Actor } from '../../core/policy.js';
import { forgetAllAuth } from './auth/auth-cache.js';

/** What every use case gets: the database, the clock and the configuration. */
export interface Services {
  db: Db;
  clock: Clock;
  config: Config;
  version: string;
  /** Written material (attachments), content-addressed. */
  blobs: BlobStore;
  /** E-mail delivery of notices (off unless SMTP_URL is set). */
  mailer: Mailer;
}

export type Tx = Transaction<Database>;

/**
 * Runs `fn` in one transaction: the change and its audit event commit together.
 * A write refused by a unique constraint — the losing side of a race — is a 409
 * with a code, never a 500, and leaves nothing behind.
 */
export async function inTransaction<T>(s: Services, fn: (trx: Tx) => Promise<T>): Promise<T> {
  try {
    return await s.db.kysely.transaction().execute(fn);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', '有人同时提交了相同的操作，本次未生效，请刷新后查看');
    throw e;
  } finally {
    // A write may change who someone is or whether a session holds: after it
    // commits (or not), this process resolves sessions afresh.
    forgetAllAuth(s.db);
  }
}

/** Appends an audit event in `trx`, with the unit's configured hash algorithm. */
export async function audit(s: Services, trx: Tx, input: Omit<AuditInput, 'at' | 'alg'>): Promise<void> {
  const security = await readSettings(trx, input.unitId, 'security');
  await appendAudit(trx, s.db.kind, { ...input, at: s.clock.now(), alg: security.value.auditHashAlgorithm });
}

/** The audit fields that name who acted, from where. */
export function auditBy(actor: Actor, ip: string | null) {
  return { unitId: actor.unitId, actorId: actor.userId, actorName: actor.displayName, ip };
}

/** Locks a row the use case is about to read and decide on (PostgreSQL `FOR UPDATE`; SQLite is serialised). */
export function lock(s: Services, trx: Tx, table: LockableTable, id: string): Promise<void> {
  return lockRow(s.db, trx, table, id);
}
