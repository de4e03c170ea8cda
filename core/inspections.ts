import type { ComplianceCheck } from './compliance.js';

/*
 * Inspections (专项检查, R6.4): the supervision office plans an inspection of the
 * regime — scope, checklist, a reproducible sample of minutes — works through
 * the sample, records findings, sends 整改通知 and verifies the 整改报告, and
 * concludes with a 通报. Pure rules shared by the server and the page.
 */

export const INSPECTION_STATES = ['planning', 'working', 'concluded'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];
export const INSPECTION_STATE_LABELS: Record<InspectionState, string> = {
  planning: '制定方案',
  working: '检查中',
  concluded: '已通报',
};

export const CHECKLIST_RESULTS = ['pass', 'fail', 'na'] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];
export const CHECKLIST_RESULT_LABELS: Record<ChecklistResult, string> = {
  pass: '符合',
  fail: '不符合',
  na: '不适用',
};

/**
 * A finding's rectification: registered (open) → 整改通知 sent (notified) →
 * 整改报告 received (reported) → verified and closed, or returned (notified again).
 */
export const FINDING_STATES = ['open', 'notified', 'reported', 'closed'] as const;
export type FindingState = (typeof FINDING_STATES)[number];
export const FINDING_STATE_LABELS: Record<FindingState, string> = {
  open: '待发整改通知',
  notified: '整改中',
  reported: '待核验',
  closed: '已整改',
};

/** The label with the deadline taken into account: an open rectification past its deadline is overdue. */
export function findingStateLabel(state: FindingState, deadline: string | null, today: string): string {
  if (state === 'notified' && deadline !== null && deadline < today) return '逾期未整改';
  return FINDING_STATE_LABELS[state];
}

export const FINDING_EVENT_KINDS = [
  'create',
  'notify',
  'report',
  'return',
  'close',
  'overdue',
  'escalated',
  'case',
] as const;
export type FindingEventKind = (typeof FINDING_EVENT_KINDS)[number];

/** The steps of a rectification, with the states each may start from. */
export const FINDING_STEPS = {
  notify: ['open'],
  report: ['notified'],
  close: ['reported'],
  return: ['reported'],
} as const satisfies Record<string, readonly FindingState[]>;
export type FindingStep = keyof typeof FINDING_STEPS;

export function canStep(state: FindingState, step: FindingStep): boolean {
  return (FINDING_STEPS[step] as readonly FindingState[]).includes(state);
}

/** Bounds of a plan. */
export const INSPECTION_LIMITS = {
  maxMonths: 24,
  maxSamplePerDivision: 20,
  maxChecklistItems: 40,
  maxDeadlineWorkingDays: 60,
} as const;

export interface ChecklistItemDraft {
  clause: string;
  text: string;
}

/**
 * The default checklist for the checks in scope: what an inspector verifies by
 * reading one sampled minutes and its record, clause by clause.
 */
export const DEFAULT_CHECKLIST: Record<ComplianceCheck, ChecklistItemDraft[]> = {
  meetings: [{ clause: 'R3.5', text: '会议按规定召开，议题经处长审定后列入议程' }],
  recorder: [{ clause: 'R5.2', text: '会议由指定的记录人记录，记录人签名齐全' }],
  distribution: [
    { clause: 'R5.8', text: '纪要在会后规定的工作日内报送分管局领导' },
    { clause: 'R5.10', text: '纪要已报监察室备案并经签收' },
  ],
  fidelity: [
    { clause: 'R5.3', text: '纪要载明会议时间、地点、主持人、出席人、记录人和议定事项' },
    { clause: 'R5.4', text: '与会人员的不同意见如实、完整地记入纪要' },
  ],
  integrity: [{ clause: 'R5.7', text: '纪要及议题材料完整归档，内容与封存哈希一致' }],
  numbering: [{ clause: 'R5.6', text: '纪要按年度统一编号，无空号、重号' }],
  execution: [{ clause: 'R6.2', text: '议定事项明确责任人和完成时限，并按期办结' }],
  registers: [{ clause: 'R4.1', text: '资金、项目、重大处罚等事项经处务会集体研究决定后实施' }],
};

export function defaultChecklist(checks: readonly ComplianceCheck[]): ChecklistItemDraft[] {
  return checks.flatMap((c) => DEFAULT_CHECKLIST[c]);
}

/** 监察通〔2026〕3号: the office's own sequence for its 通报. */
export function reportNumber(year: number, seq: number): string {
  return `监察通〔${year}〕${seq}号`;
}
