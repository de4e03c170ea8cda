import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';

/** Whether minutes of the meeting were ever issued (an issued version, or one a correction superseded). */
export async function hasIssuedMinutes(db: Kysely<Database> | Tx, meetingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('minutes')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('status', 'in', ['issued', 'superseded'])
    .executeTakeFirst();
  return !!row;
}
