import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Services } from '../../platform/services.js';

/** RFC 5545 text escaping. */
function esc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a character. */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length === 0 ? 75 : 74)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new private feed URL for the user; the previous one stops working. */
export async function newFeedToken(s: Services, unitId: string, userId: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await s.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('feed_tokens').where('user_id', '=', userId).execute();
    await trx
      .insertInto('feed_tokens')
      .values({
        token_hash: tokenHash(token),
        unit_id: unitId,
        user_id: userId,
        created_at: s.clock.now().toISOString(),
      })
      .execute();
  });
  return token;
}

/** The user's meetings as an iCalendar feed (the last 90 days and everything ahead). */
export async function feedFor(db: Kysely<Database>, token: string, now: Date): Promise<string | null> {
  const owner = await db
    .selectFrom('feed_tokens')
    .select(['unit_id', 'user_id'])
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!owner) return null;
  const user = await db.selectFrom('users').select('active').where('id', '=', owner.user_id).executeTakeFirst();
  if (!user || Number(user.active) !== 1) return null;
  const since = new Date(now.getTime() - 90 * 86400_000).toISOString();
  const rows = await db
    .selectFrom('meetings as m')
    .innerJoin('participants as p', 'p.meeting_id', 'm.id')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .select(['m.id', 'm.title', 'm.starts_at', 'm.place', 'm.status', 'm.updated_at', 'p.role', 'd.name'])
    .where('m.unit_id', '=', owner.unit_id)
    .where('p.user_id', '=', owner.user_id)
    .where('m.starts_at', '>=', since)
    .orderBy('m.starts_at')
    .execute();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//jiyao//处务会//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:处务会',
    'X-WR-TIMEZONE:Asia/Shanghai',
  ];
  for (const r of rows) {
    const end = new Date(new Date(r.starts_at).getTime() + 2 * 3600_000).toISOString();
    lines.push(
      'BEGIN:VEVENT',
      `UID:${r.id}@jiyao`,
      `DTSTAMP:${stamp(r.updated_at)}`,
      `DTSTART:${stamp(r.starts_at)}`,
      `DTEND:${stamp(end)}`,
      fold(`SUMMARY:${esc(r.role === 'observer' ? `（列席）${r.title}` : r.title)}`),
      fold(`LOCATION:${esc(r.place)}`),
      fold(`DESCRIPTION:${esc(`${r.name}处务会。会议详情、议程和材料请在纪要系统中查看。`)}`),
      `STATUS:${r.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
