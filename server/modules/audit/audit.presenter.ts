import { auditActionLabel } from '../../../core/audit-events.js';
import { auditorView } from './audit-view.js';
import type { AuditRow } from './audit.repository.js';

export function auditEventDto(r: AuditRow, subjectName: string | null) {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectName,
    outcome: r.outcome,
    ip: r.ip,
    data: auditorView(r.action, parseData(r.data)),
    hash: r.hash,
  };
}

function parseData(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: text };
  }
}
