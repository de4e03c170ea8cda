import {
  CELL_RESULT_LABELS,
  CHECK_DEFINITIONS,
  COMPLIANCE_CHECKS,
  complianceScore,
  complianceScoreFormula,
  evaluateCheck,
  passShareTrend,
  sumScores,
  monthOver,
  monthsBetween,
  type ComplianceCheck,
  type Evidence,
  type EvidenceState,
} from '../../../core/compliance.js';
import type {
  ComplianceCellDetailDto,
  ComplianceCellDto,
  ComplianceCellQuery,
  ComplianceMatrixDto,
  ComplianceQuery,
} from '../../../core/contracts/oversight.js';
import { AppError } from '../../../core/errors.js';
import { complianceScope, inComplianceScope, type Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { activeDivisions } from '../meetings/meeting-list.repository.js';
import { gatherEvidence } from './compliance-evidence.js';

const UNSEEN = '监督检查不存在或无权查看';

const definitions = COMPLIANCE_CHECKS.map((id) => ({ id, ...CHECK_DEFINITIONS[id] }));

function cellOf(
  check: ComplianceCheck,
  month: string,
  now: Date,
  required: number,
  startMonth: string,
  items: Evidence[],
): ComplianceCellDto {
  const v = evaluateCheck(check, month, now, required, startMonth, items);
  return { check, result: v.result, resultLabel: CELL_RESULT_LABELS[v.result], counts: v.counts, note: v.note };
}

/**
 * The divisions the matrix covers: the active divisions that meet (not the bureau's
 * leadership) within the actor's scope (core `complianceScope`: the bureau, the divisions
 * a supervising leader supervises, a head's or deputy's own). Outside it — no scope at
 * all, or a division id the actor may not read — is 404, as for a division that does not exist.
 */
async function inspected(s: Services, actor: Actor, divisionId: string | undefined) {
  const scope = complianceScope(actor);
  if (!scope) throw new AppError('NOT_FOUND', UNSEEN);
  const active = (await activeDivisions(s.db.kysely, actor.unitId)).filter((d) => d.kind !== 'leadership');
  const allowed = new Set(
    inComplianceScope(
      scope,
      active.map((d) => d.id),
    ),
  );
  const divisions = active.filter((d) => allowed.has(d.id));
  if (divisionId === undefined) return { scope, divisions };
  const one = divisions.filter((d) => d.id === divisionId);
  if (one.length === 0) throw new AppError('NOT_FOUND', '处室不存在');
  return { scope, divisions: one };
}

/**
 * R6.4: the compliance matrix — each division, month and check, from the stored
 * facts and the unit's settings. The whole bureau for the supervision office (which
 * leads the inspection), the general office (which assists), the principal leaders and
 * the discipline secretary; a supervising leader's divisions; a head's or deputy's own
 * division; anyone else 404.
 */
export async function viewCompliance(s: Services, actor: Actor, q: ComplianceQuery): Promise<ComplianceMatrixDto> {
  const { scope, divisions } = await inspected(s, actor, q.divisionId);
  const now = s.clock.now();
  const months = monthsBetween(q.from, q.to);
  const { grid, required, startMonth, weights } = await gatherEvidence(
    s.db.kysely,
    s.blobs,
    actor.unitId,
    divisions.map((d) => d.id),
    months,
    now,
    // The matrix counts; the words of each fact are built for the cell's drill-down only.
    { details: false },
  );
  const period = months.map((month) => ({ month, soFar: !monthOver(month, now) }));
  const rows = divisions.map((d) => {
    const cells = months.map((month) => {
      const ev = grid.get(d.id)?.get(month);
      return {
        month,
        soFar: !monthOver(month, now),
        cells: COMPLIANCE_CHECKS.map((c) => cellOf(c, month, now, required, startMonth, ev?.[c] ?? [])),
      };
    });
    return {
      divisionId: d.id,
      divisionName: d.name,
      months: cells,
      score: complianceScore(cells, weights),
      trend: passShareTrend([cells]),
    };
  });
  return {
    from: q.from,
    to: q.to,
    months: period,
    asOf: now.toISOString(),
    scope: scope.kind,
    regimeStartMonth: startMonth,
    checks: definitions,
    rows,
    scoring: { ...complianceScoreFormula(weights), weights, total: sumScores(rows.map((r) => r.score)) },
    trend: passShareTrend(
      rows.map((r) => r.months),
      period,
    ),
  };
}

const STATE_ORDER: Record<EvidenceState, number> = { problem: 0, pending: 1, ok: 2, skipped: 3 };

/** One cell of the matrix with the facts behind it, problems first, so the office can drill down. */
export async function viewComplianceCell(
  s: Services,
  actor: Actor,
  q: ComplianceCellQuery,
): Promise<ComplianceCellDetailDto> {
  const [division] = (await inspected(s, actor, q.divisionId)).divisions;
  if (!division) throw new AppError('NOT_FOUND', '处室不存在');
  const now = s.clock.now();
  const { grid, required, startMonth } = await gatherEvidence(
    s.db.kysely,
    s.blobs,
    actor.unitId,
    [division.id],
    [q.month],
    now,
  );
  const evidence = [...(grid.get(division.id)?.get(q.month)?.[q.check] ?? [])];
  const cell = cellOf(q.check, q.month, now, required, startMonth, evidence);
  return {
    ...cell,
    divisionId: division.id,
    divisionName: division.name,
    month: q.month,
    soFar: !monthOver(q.month, now),
    asOf: now.toISOString(),
    definition: { id: q.check, ...CHECK_DEFINITIONS[q.check] },
    evidence: evidence
      .map((e, i) => ({ e, i }))
      .sort((a, b) => STATE_ORDER[a.e.state] - STATE_ORDER[b.e.state] || a.i - b.i)
      .map((x) => x.e),
  };
}
