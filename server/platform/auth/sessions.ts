import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Tx } from '../services.js';
import type { SecuritySettings } from '../../../core/settings.js';

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** Sessions live in the database, so several server processes share them. */
export async function createSession(
  trx: Tx,
  user: { id: string; unit_id: string },
  security: SecuritySettings,
  now: Date,
  ip: string | null,
  userAgent: string | null,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + security.sessionAbsoluteHours * 3600_000).toISOString();
  await trx
    .insertInto('sessions')
    .values({
      id: tokenId(token),
      unit_id: user.unit_id,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface SessionView {
  id: string;
  unitId: string;
  userId: string;
  csrfToken: string;
  lastSeenAt: string;
  expiresAt: string;
  mustChangePassword: boolean;
  userActive: boolean;
}

export async function findSession(db: Kysely<Database>, token: string): Promise<SessionView | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.unit_id',
      's.user_id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'u.must_change_password',
      'u.active',
    ])
    .where('s.id', '=', tokenId(token))
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    unitId: row.unit_id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    mustChangePassword: Number(row.must_change_password) === 1,
    userActive: Number(row.active) === 1,
  };
}

/** Idle and absolute expiry, per the unit's security settings. */
export function sessionExpired(s: SessionView, security: SecuritySettings, now: Date): boolean {
  const idleLimit = new Date(s.lastSeenAt).getTime() + security.sessionIdleMinutes * 60_000;
  return now.getTime() >= idleLimit || now.getTime() >= new Date(s.expiresAt).getTime();
}

/** Activity is written at most every 30 s: a read request should not always be a write. */
export const TOUCH_INTERVAL_MS = 30_000;

export async function touchSession(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<Database> | Tx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Kysely<Database> | Tx, userId: string, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}
