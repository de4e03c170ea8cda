import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** Answers when the database does (a trivial query). */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
