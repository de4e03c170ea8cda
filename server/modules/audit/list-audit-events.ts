import type { Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { auditPage, type AuditFilter } from './audit.repository.js';
import { auditSubjectNames } from './audit-names.js';
import { auditEventDto } from './audit.presenter.js';

/** A page of the audit log for the audit admin: labels and object names, no business content. */
export async function listAuditEvents(s: Services, actor: Actor, f: AuditFilter) {
  const { rows, nextCursor } = await auditPage(s.db.kysely, actor.unitId, f);
  const names = await auditSubjectNames(
    s.db.kysely,
    actor.unitId,
    rows.map((r) => ({ type: r.subject_type, id: r.subject_id })),
  );
  return {
    items: rows.map((r) => auditEventDto(r, names.get(`${r.subject_type}:${r.subject_id}`) ?? null)),
    nextCursor,
  };
}
