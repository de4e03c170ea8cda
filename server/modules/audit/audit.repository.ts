import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { toNumber } from '../../platform/db/database.js';

export interface AuditFilter {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  outcome?: 'success' | 'failure';
  subjectType?: string;
  subjectId?: string;
  page: number;
  pageSize: number;
}

/** A page of the unit's audit events, newest first, and how many match. */
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
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map(
      (r) => ({ ...r, seq: toNumber(r.seq), outcome: r.outcome === 'failure' ? 'failure' : 'success' }) as const,
    ),
    total: toNumber(count.n),
  };
}
export type AuditRow = Awaited<ReturnType<typeof auditPage>>['rows'][number];
