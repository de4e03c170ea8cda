import type { Kysely } from 'kysely';
import type {
  EvidenceLink,
  FindingDetailDto,
  FindingDto,
  FindingsPageDto,
  FindingsQuery,
  InspectionDetailDto,
  InspectionsPageDto,
  InspectionSummaryDto,
} from '../../../core/contracts/inspections.js';
import { CHECK_DEFINITIONS, type ComplianceCheck } from '../../../core/compliance.js';
import { AppError } from '../../../core/errors.js';
import {
  CHECKLIST_RESULT_LABELS,
  findingStateLabel,
  INSPECTION_STATE_LABELS,
  type ChecklistResult,
  type FindingState,
  type InspectionState,
} from '../../../core/inspections.js';
import { can, type Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import type { Database } from '../../platform/db/schema.js';
import type { PageRequest } from '../../platform/db/cursor.js';
import type { Services, Tx } from '../../platform/services.js';
import {
  checklistOf,
  divisionNames,
  findingCounts,
  findingEvents,
  findingFiles,
  findingRow,
  findingsOf,
  findingsPage,
  inspectionRow,
  inspectionsPage,
  resultsOf,
  samplesOf,
  type FindingRow,
  type InspectionRow,
} from './inspections.repository.js';
import { sampleCandidates } from './sample.js';

const UNSEEN = '专项检查不存在或无权查看';
const FINDING_UNSEEN = '问题不存在或无权查看';

type Q = Kysely<Database> | Tx;

/** The division's own leadership: its head or deputy, who answer for its rectification. */
function leadsDivision(actor: Actor, divisionId: string): boolean {
  return actor.memberships.some(
    (m) => m.divisionId === divisionId && (m.position === 'head' || m.position === 'deputy'),
  );
}

/**
 * Who sees a finding: the readers of inspections always; once the 整改通知 is
 * out, the division's members and its supervising leaders too. Anyone else 404.
 */
export async function visibleFinding(db: Q, actor: Actor, id: string): Promise<FindingRow> {
  const row = await findingRow(db, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', FINDING_UNSEEN);
  if (can(actor, 'oversight.read')) return row;
  const concerned =
    actor.memberships.some((m) => m.divisionId === row.division_id) ||
    actor.supervisedDivisionIds.includes(row.division_id);
  if (!concerned || row.state === 'open') throw new AppError('NOT_FOUND', FINDING_UNSEEN);
  return row;
}

export function findingAbilities(
  actor: Actor,
  row: Pick<FindingRow, 'state' | 'division_id' | 'case_id'>,
  _today: string,
) {
  const state = row.state as FindingState;
  const concluder = can(actor, 'inspection.conclude');
  return {
    notify: concluder && state === 'open',
    report: leadsDivision(actor, row.division_id) && state === 'notified',
    close: concluder && state === 'reported',
    return: concluder && state === 'reported',
    openCase: can(actor, 'case.open') && row.case_id === null && state !== 'closed',
  };
}

const parseLinks = (json: string): EvidenceLink[] => {
  try {
    return JSON.parse(json) as EvidenceLink[];
  } catch {
    return [];
  }
};

export function findingDto(actor: Actor, r: FindingRow, today: string): FindingDto {
  const state = r.state as FindingState;
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    inspectionTitle: r.inspection_title,
    seq: Number(r.seq),
    divisionId: r.division_id,
    divisionName: r.division_name,
    sampleId: r.sample_id,
    clause: r.clause,
    description: r.description,
    evidence: parseLinks(r.evidence),
    state,
    stateLabel: findingStateLabel(state, r.deadline, today),
    overdue: state === 'notified' && r.deadline !== null && r.deadline < today,
    deadline: r.deadline,
    noticeText: r.notice_text,
    notifiedAt: r.notified_at,
    reportText: r.report_text,
    reportedAt: r.reported_at,
    closedAt: r.closed_at,
    caseId: r.case_id,
    createdAt: r.created_at,
    version: Number(r.version),
    abilities: findingAbilities(actor, r, today),
  };
}

async function summaries(s: Services, actor: Actor, rows: InspectionRow[]): Promise<InspectionSummaryDto[]> {
  const names = await divisionNames(s.db.kysely, actor.unitId, [
    ...new Set(rows.flatMap((r) => JSON.parse(r.division_ids) as string[])),
  ]);
  const counts = await findingCounts(
    s.db.kysely,
    rows.map((r) => r.id),
  );
  return rows.map((r) => summaryOf(r, names, counts.get(r.id) ?? { total: 0, open: 0 }));
}

function summaryOf(
  r: InspectionRow,
  names: Map<string, string>,
  findings: { total: number; open: number },
): InspectionSummaryDto {
  return {
    id: r.id,
    title: r.title,
    from: r.from_month,
    to: r.to_month,
    state: r.state as InspectionState,
    stateLabel: INSPECTION_STATE_LABELS[r.state as InspectionState],
    divisionNames: (JSON.parse(r.division_ids) as string[]).map((d) => names.get(d) ?? ''),
    reportNumber: r.report_number,
    createdAt: r.created_at,
    concludedAt: r.concluded_at,
    findings,
  };
}

/** R6.4: the unit's inspections, newest first, to the readers of the compliance matrix. */
export async function listInspections(s: Services, actor: Actor, page: PageRequest): Promise<InspectionsPageDto> {
  if (!can(actor, 'oversight.read')) throw new AppError('NOT_FOUND', UNSEEN);
  const { items, nextCursor } = await inspectionsPage(s.db.kysely, actor.unitId, page);
  return { items: await summaries(s, actor, items), nextCursor, canPlan: can(actor, 'inspection.prepare') };
}

/** R6.4: one inspection with its scope, checklist, sample and results, and findings. */
export async function viewInspection(s: Services, actor: Actor, id: string): Promise<InspectionDetailDto> {
  if (!can(actor, 'oversight.read')) throw new AppError('NOT_FOUND', UNSEEN);
  const db = s.db.kysely;
  const row = await inspectionRow(db, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', UNSEEN);
  const today = shanghaiDay(s.clock.now());
  const divisionIds = JSON.parse(row.division_ids) as string[];
  const [items, samples, results, findings, creator, candidates] = await Promise.all([
    checklistOf(db, id),
    samplesOf(db, id),
    resultsOf(db, id),
    findingsOf(db, id),
    db.selectFrom('users').select('display_name').where('id', '=', row.created_by).executeTakeFirst(),
    row.state === 'planning'
      ? sampleCandidates(db, actor.unitId, divisionIds, row.from_month, row.to_month)
      : Promise.resolve(null),
  ]);
  const names = await divisionNames(db, actor.unitId, divisionIds);
  const summary = summaryOf(row, names, {
    total: findings.length,
    open: findings.filter((f) => f.state !== 'closed').length,
  });
  const bySample = new Map<string, typeof results>();
  for (const r of results) bySample.set(r.sample_id, [...(bySample.get(r.sample_id) ?? []), r]);
  const state = row.state as InspectionState;
  const preparer = can(actor, 'inspection.prepare');
  const concluder = can(actor, 'inspection.conclude');
  return {
    ...summary,
    divisions: divisionIds.map((d) => ({
      id: d,
      name: names.get(d) ?? '',
      candidates: candidates ? candidates.filter((c) => c.divisionId === d).length : -1,
    })),
    checks: (JSON.parse(row.checks) as ComplianceCheck[]).map((c) => ({ id: c, ...CHECK_DEFINITIONS[c] })),
    sampleSize: Number(row.sample_size),
    seed: row.seed,
    items: items.map((i) => ({ id: i.id, seq: Number(i.seq), clause: i.clause, text: i.text })),
    samples: samples.map((sm) => ({
      id: sm.id,
      divisionId: sm.division_id,
      divisionName: sm.division_name,
      minutesId: sm.minutes_id,
      meetingId: sm.meeting_id,
      number: sm.number ?? '',
      day: shanghaiDay(new Date(sm.started_at ?? sm.starts_at)),
      results: (bySample.get(sm.id) ?? []).map((r) => ({
        itemId: r.item_id,
        result: r.result as ChecklistResult,
        resultLabel: CHECKLIST_RESULT_LABELS[r.result as ChecklistResult],
        comment: r.comment,
        evidence: parseLinks(r.evidence),
        recordedByName: r.recorded_by_name,
        recordedAt: r.recorded_at,
        version: Number(r.version),
      })),
    })),
    findingsList: findings.map((f) => findingDto(actor, f, today)),
    summary: row.summary,
    createdByName: creator?.display_name ?? '',
    progress: { recorded: results.length, total: samples.length * items.length },
    version: Number(row.version),
    abilities: {
      plan: preparer && state === 'planning',
      start: preparer && state === 'planning' && samples.length > 0,
      record: preparer && state === 'working',
      addFinding: preparer && state === 'working',
      conclude: concluder && state === 'working',
      report: state === 'concluded',
    },
  };
}

/**
 * The findings and their rectification: the readers of inspections see every
 * division's; a head, deputy or member sees their division's, a supervising
 * leader their divisions' — once the 整改通知 is out.
 */
export async function listFindings(s: Services, actor: Actor, q: FindingsQuery): Promise<FindingsPageDto> {
  const reader = can(actor, 'oversight.read');
  const own = [...new Set([...actor.memberships.map((m) => m.divisionId), ...actor.supervisedDivisionIds])];
  const { items, nextCursor } = await findingsPage(
    s.db.kysely,
    actor.unitId,
    reader ? null : own,
    { state: q.state, divisionId: q.divisionId, notifiedOnly: !reader },
    q,
  );
  const today = shanghaiDay(s.clock.now());
  return { items: items.map((r) => findingDto(actor, r, today)), nextCursor };
}

export async function viewFinding(s: Services, actor: Actor, id: string): Promise<FindingDetailDto> {
  const row = await visibleFinding(s.db.kysely, actor, id);
  const [events, files] = await Promise.all([findingEvents(s.db.kysely, id), findingFiles(s.db.kysely, id)]);
  const fileDto = (f: (typeof files)[number]) => ({
    id: f.id,
    filename: f.filename,
    fileType: f.file_type,
    size: Number(f.size),
  });
  return {
    ...findingDto(actor, row, shanghaiDay(s.clock.now())),
    events: events.map((e) => ({
      kind: e.kind,
      text: e.text,
      actorName: e.actor_name,
      at: e.at,
      files: files.filter((f) => f.event_id === e.id).map(fileDto),
    })),
    pendingFiles: files.filter((f) => f.event_id === null && f.uploaded_by === actor.userId).map(fileDto),
  };
}

/**
 * 工作台 (R6.4): the findings the actor's divisions must answer — notified, with how many are
 * past their deadline — for a head or deputy; the reports waiting for verification for the
 * supervision office.
 */
export async function rectificationCounts(
  s: Services,
  actor: Actor,
): Promise<{ toReport: number; overdue: number; toVerify: number }> {
  const led = actor.memberships
    .filter((m) => m.position === 'head' || m.position === 'deputy')
    .map((m) => m.divisionId);
  const today = shanghaiDay(s.clock.now());
  const db = s.db.kysely;
  const [mine, verify] = await Promise.all([
    led.length
      ? db
          .selectFrom('inspection_findings')
          .select('deadline')
          .where('unit_id', '=', actor.unitId)
          .where('division_id', 'in', led)
          .where('state', '=', 'notified')
          .execute()
      : Promise.resolve([]),
    can(actor, 'inspection.conclude')
      ? db
          .selectFrom('inspection_findings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', actor.unitId)
          .where('state', '=', 'reported')
          .executeTakeFirst()
      : Promise.resolve({ n: 0 }),
  ]);
  return {
    toReport: mine.length,
    overdue: mine.filter((r) => r.deadline !== null && r.deadline < today).length,
    toVerify: Number(verify?.n ?? 0),
  };
}
