import type { InspectionDetailDto } from '../../../core/contracts/inspections.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import type { Services } from '../../platform/services.js';
import {
  findingsLedgerXlsx,
  inspectionReportDocx,
  inspectionReportPdf,
  type InspectionReportModel,
} from '../../documents/inspection-report.js';
import { viewInspection } from './view-inspections.js';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Format = keyof typeof MIME;

/** The 通报's facts from the inspection as stored: scope, sample with its seed, checklist tallies, findings. */
export function reportModel(d: InspectionDetailDto, unitName: string, officeName: string): InspectionReportModel {
  const tally = d.items.map((it) => {
    const c = { pass: 0, fail: 0, na: 0 };
    for (const sm of d.samples) {
      const r = sm.results.find((x) => x.itemId === it.id);
      if (r) c[r.result]++;
    }
    return { clause: it.clause, text: it.text, pass: c.pass, fail: c.fail, notApplicable: c.na };
  });
  const sample = d.divisions.map((dv) => ({
    divisionName: dv.name,
    seed: d.seed,
    minutes: d.samples.filter((sm) => sm.divisionId === dv.id).map((sm) => sm.number),
  }));
  return {
    unitName,
    officeName,
    docNumber: d.reportNumber ?? '',
    title: `关于${d.title}情况的通报`,
    addressees: '局属各处室',
    issuedOn: shanghaiDay(new Date(d.concludedAt ?? d.createdAt)),
    period: { from: d.from, to: d.to },
    divisions: d.divisions.map((dv) => dv.name),
    checks: d.checks.map((c) => ({ clause: c.clause, name: c.name })),
    summary: d.summary ?? '',
    sample,
    checklist: tally,
    findings: d.findingsList.map((f) => ({
      seq: f.seq,
      divisionName: f.divisionName,
      clause: f.clause,
      description: f.description,
      deadline: f.deadline,
      stateLabel: f.stateLabel,
      closedOn: f.closedAt ? shanghaiDay(new Date(f.closedAt)) : null,
      caseNumber: f.caseId ? '已立案问责' : null,
    })),
    copiesTo: ['局主要领导', '局纪委书记', '各分管局领导'],
  };
}

/**
 * R6.4: the 监督检查情况通报 (Word, PDF) once concluded, numbered in the supervision
 * office's own sequence; the findings ledger (XLSX) at any time, to the readers of
 * the inspection.
 */
export async function inspectionDocument(
  s: Services,
  actor: Actor,
  id: string,
  format: Format,
): Promise<{ data: Buffer; filename: string; mime: string }> {
  const d = await viewInspection(s, actor, id);
  const today = shanghaiDay(s.clock.now());
  if (format === 'xlsx') {
    const rows = d.findingsList.map((f) => ({
      seq: f.seq,
      inspectionTitle: d.title,
      divisionName: f.divisionName,
      clause: f.clause,
      description: f.description,
      foundOn: shanghaiDay(new Date(f.createdAt)),
      deadline: f.deadline,
      stateLabel: f.stateLabel,
      closedOn: f.closedAt ? shanghaiDay(new Date(f.closedAt)) : null,
      caseNumber: f.caseId ? '已立案问责' : null,
      evidence: f.evidence.map((e) => e.label).join('；'),
    }));
    return {
      data: await findingsLedgerXlsx(`${d.title}问题台账（截至${today}）`, rows),
      filename: `${d.title}问题台账.xlsx`,
      mime: MIME.xlsx,
    };
  }
  if (d.state !== 'concluded' || !d.reportNumber)
    throw new AppError('INVALID_TRANSITION', '检查尚未形成通报，不能下载通报');
  const [unit, office] = await Promise.all([
    s.db.kysely.selectFrom('units').select('name').where('unit_id', '=', actor.unitId).executeTakeFirst(),
    s.db.kysely
      .selectFrom('divisions')
      .select('name')
      .where('unit_id', '=', actor.unitId)
      .where('kind', '=', 'supervision_office')
      .executeTakeFirst(),
  ]);
  const model = reportModel(d, unit?.name ?? '', office?.name ?? '监察室');
  const data = format === 'docx' ? await inspectionReportDocx(model) : await inspectionReportPdf(model);
  return { data, filename: `${d.reportNumber}${model.title}.${format}`, mime: MIME[format] };
}
