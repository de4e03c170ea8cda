import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { toNumber } from '../../platform/db/database.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';

export interface AuditFilter extends PageRequest {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  outcome?: 'success' | 'failure';
  subjectType?: string;
  subjectId?: string;
}

/** A page of the unit's audit events, newest first: by seq, the (unit_id, seq) key's order. */
export async function auditPage(db: Kysely<Database>, unitId: string, f: AuditFilter) {
  let q = db.selectFrom('audit_events').where('unit_id', '=', unitId);
  if (f.from) q = q.where('occurred_at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('occurred_at', '<=', new Date(f.to).toISOString());
  if (f.action) q = q.where('action', '=', f.action);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.actor) {
    const a = f.actor;
    q = q.where((eb) => eb.or([eb('actor_id', '=', a), eb('actor_name', '=', a)]));
  }
  const page = await keysetPage(
    q.selectAll(),
    { columns: ['seq'], types: ['number'], direction: 'desc', key: (r) => [toNumber(r.seq)] },
    f,
  );
  return {
    rows: page.items.map(
      (r) => ({ ...r, seq: toNumber(r.seq), outcome: r.outcome === 'failure' ? 'failure' : 'success' }) as const,
    ),
    nextCursor: page.nextCursor,
  };
}
export type AuditRow = Awaited<ReturnType<typeof auditPage>>['rows'][number];
