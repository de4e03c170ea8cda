import type { Transaction } from 'kysely';
import type { Db } from './db/database.js';
import type { Database } from './db/schema.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { BlobStore } from './storage/blob-store.js';
import type { Mailer } from './mail/mailer.js';
import { appendAudit, type AuditInput } from './audit/audit.js';
import { readSettings } from '../modules/settings/settings.repository.js';
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

/** Runs `fn` in one transaction: the change and its audit event commit together. */
export async function inTransaction<T>(s: Services, fn: (trx: Tx) => Promise<T>): Promise<T> {
  try {
    return await s.db.kysely.transaction().execute(fn);
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
