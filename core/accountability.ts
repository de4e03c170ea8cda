/**
 * Accountability cases (责任追究, R6.3; led by the supervision office, R6.4):
 * a breach of the regime — a tracked item left undone, a missed monthly
 * meeting, minutes distributed late, another breach, or a free lead — becomes
 * a case that runs 线索登记 → 初核 → 立案 / 不予立案 → 调查 → 处理意见 → 决定 → 归档.
 * The evidence is frozen when the case is opened and only ever appended to.
 */
export const CASE_STATUSES = [
  'registered',
  'preliminary',
  'filed',
  'dismissed',
  'investigating',
  'proposed',
  'decided',
  'archived',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  registered: '线索登记',
  preliminary: '初核',
  filed: '立案',
  dismissed: '不予立案',
  investigating: '调查',
  proposed: '处理意见',
  decided: '决定',
  archived: '归档',
};

/** Where a case comes from. */
export const CASE_KINDS = ['item', 'monthly_meeting', 'minutes_late', 'finding', 'other', 'lead'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  item: '督办事项未落实',
  monthly_meeting: '未按月召开处务会（第 3.5 条）',
  minutes_late: '纪要逾期分送（第 5.8–5.10 条）',
  finding: '专项检查发现问题（第 6.4 条）',
  other: '其他违反制度行为',
  lead: '问题线索',
};

/** The steps of a case, one route each. `statement` and `evidence` append and keep the state. */
export const CASE_STEPS = [
  'preliminary',
  'file',
  'dismiss',
  'investigate',
  'statement',
  'evidence',
  'propose',
  'decide',
  'archive',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

const TRANSITIONS: Record<CaseStep, { from: readonly CaseStatus[]; to: CaseStatus | null }> = {
  preliminary: { from: ['registered'], to: 'preliminary' },
  file: { from: ['preliminary'], to: 'filed' },
  dismiss: { from: ['preliminary'], to: 'dismissed' },
  investigate: { from: ['filed'], to: 'investigating' },
  statement: { from: ['investigating'], to: null },
  // New facts join the evidence until a decision is made.
  evidence: { from: ['registered', 'preliminary', 'filed', 'investigating', 'proposed'], to: null },
  propose: { from: ['investigating'], to: 'proposed' },
  decide: { from: ['proposed'], to: 'decided' },
  archive: { from: ['decided', 'dismissed'], to: 'archived' },
};

export function canStep(status: CaseStatus, step: CaseStep): boolean {
  return TRANSITIONS[step].from.includes(status);
}
/** The state a step leads to (the same state for a statement or new evidence). */
export function statusAfter(status: CaseStatus, step: CaseStep): CaseStatus {
  return TRANSITIONS[step].to ?? status;
}
/** A case that ended (dismissed or archived) no longer blocks a new case on the same source. */
export function isClosed(status: CaseStatus): boolean {
  return status === 'dismissed' || status === 'archived';
}
/** From 调查 on, the persons concerned have been told and may read their notice. */
export function subjectsNotified(status: CaseStatus): boolean {
  return ['investigating', 'proposed', 'decided', 'archived'].includes(status);
}

/** The bureau's 效能问责 measures, the default of the unit's setting. */
export const DEFAULT_CASE_MEASURES = ['批评教育', '责令作出书面检查', '通报批评', '诫勉谈话', '组织处理'] as const;

/** What an evidence row is: the bundle frozen at opening, a statement of the person concerned, a new fact. */
export const EVIDENCE_KINDS = ['bundle', 'statement', 'fact'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  bundle: '立案时固定的证据',
  statement: '当事人说明或申辩',
  fact: '补充证据材料',
};

/**
 * Canonical JSON: object keys sorted at every level, no whitespace, arrays in
 * their order; `undefined` members dropped as JSON.stringify drops them. The
 * same value always gives the same text, so its hash is reproducible.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : sortKeys(x)));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/**
 * What an evidence row stores and hashes: the envelope naming its case, its
 * place in the chain and the previous row's hash, around the payload. The
 * stored text is exactly `canonicalJson(envelope)`; its SHA-256 is the row's hash.
 */
export interface EvidenceEnvelope {
  caseId: string;
  seq: number;
  kind: EvidenceKind;
  prevHash: string | null;
  at: string;
  actorId: string | null;
  payload: unknown;
}
