import { type MeetingStatus } from './meetings.js';
import { shanghaiMonth } from './shanghai-time.js';

/**
 * R3.5 compliance, per division and calendar month (Asia/Shanghai). Pure: the
 * server loads the meetings and the unit's `meetingsPerMonth`, this decides.
 */
export const MONTHLY_VERDICTS = ['met', 'not_yet', 'missed'] as const;
export type MonthlyVerdict = (typeof MONTHLY_VERDICTS)[number];
export const MONTHLY_VERDICT_LABELS: Record<MonthlyVerdict, string> = {
  met: '已达标',
  not_yet: '尚未达标',
  missed: '未达标',
};

/** What the count needs to know of one meeting. */
export interface CountableMeeting {
  status: MeetingStatus;
  /** When the session actually started (for a 补录, the paper date); null if it never did. */
  startedAt: string | null;
  /** Agenda items whose outcome is 'discussed'. */
  discussedTopics: number;
}

/**
 * A meeting counts as held when it actually took place (in session or closed,
 * never cancelled) and at least one topic was recorded as discussed: a meeting
 * where nothing was studied is not a division meeting in the sense of R1.1.
 */
export function countsAsHeld(m: CountableMeeting): boolean {
  return (m.status === 'in_session' || m.status === 'closed') && m.startedAt !== null && m.discussedTopics > 0;
}

/** The month a held meeting counts for: the Shanghai month in which it actually started, or null. */
export function heldInMonth(m: CountableMeeting): string | null {
  return countsAsHeld(m) && m.startedAt ? shanghaiMonth(new Date(m.startedAt)) : null;
}

/**
 * `met` once `held` reaches `required`; otherwise `not_yet` while the month
 * (or a future one) runs, `missed` once it is over.
 */
export function monthlyVerdict(held: number, required: number, month: string, now: Date): MonthlyVerdict {
  if (held >= required) return 'met';
  return month < shanghaiMonth(now) ? 'missed' : 'not_yet';
}

/* ------------------------------------------------------------------------ */
/* The compliance matrix (R6.4): named checks per division and month.       */
/* ------------------------------------------------------------------------ */

/** The checks of the matrix, in the order the supervision office reads them. */
export const COMPLIANCE_CHECKS = [
  'meetings',
  'recorder',
  'distribution',
  'fidelity',
  'integrity',
  'numbering',
  'execution',
  'registers',
] as const;
export type ComplianceCheck = (typeof COMPLIANCE_CHECKS)[number];

export interface CheckDefinition {
  /** The clause(s) of the regulation the check proves. */
  clause: string;
  /** Short Chinese name, the matrix's column head. */
  name: string;
  /** The rule in words, as the office reads it next to the evidence. */
  rule: string;
}

/** Each check with its clause, its name and its rule (Chinese, user-visible). */
export const CHECK_DEFINITIONS: Record<ComplianceCheck, CheckDefinition> = {
  meetings: {
    clause: 'R3.5',
    name: '每月召开处务会',
    rule: '当月实际召开（未取消、至少研究一个议题）的处务会不少于制度规定的次数；会议按上海时间的开会日期计月，补录的会议按纸质记录的日期计入。',
  },
  recorder: {
    clause: 'R5.2',
    name: '指定专人记录',
    rule: '当月每一天处室都有指定的记录人，中间不得出现空档。',
  },
  distribution: {
    clause: 'R5.8–R5.10',
    name: '纪要按期分送备案',
    rule: '当月召开的每次会议，纪要在会后规定的工作日内报送、传阅并报监察室备案，监察室已签收。',
  },
  fidelity: {
    clause: 'R5.4',
    name: '不同意见如实完整',
    rule: '当月签发的纪要仍载有其会议记录中的全部议定事项和不同意见（反对、弃权、保留意见）。',
  },
  integrity: {
    clause: 'R5.7',
    name: '纪要材料完整归档',
    rule: '当月签发的纪要与其封存哈希一致，当月上传的议题材料与其 SHA-256 一致且文件仍在。',
  },
  numbering: {
    clause: 'R5.6',
    name: '纪要编号连续',
    rule: '当月签发的纪要编号在本处室本年度内没有空号、没有重号。',
  },
  execution: {
    clause: 'R6.2',
    name: '议定事项按期办结',
    rule: '完成时限（经批准延期的，以延期后的时限为准）在当月的督办事项，在时限当日或之前确认办结；已终止的不计。',
  },
  registers: {
    clause: 'R4.1',
    name: '重大事项经处务会研究',
    rule: '登记簿中日期在当月的每一条资金、项目、重大处罚等事项，都能对应到本处室在该日期之前召开的处务会已研究决定的议题，并经监察室或办公室确认；没有对应议题或匹配被驳回的，为未经处务会研究。',
  },
};

export const CELL_RESULTS = ['pass', 'fail', 'na'] as const;
export type CellResult = (typeof CELL_RESULTS)[number];
export const CELL_RESULT_LABELS: Record<CellResult, string> = { pass: '达标', fail: '未达标', na: '不适用' };

/**
 * One fact behind a cell. `ok` passes, `problem` fails the cell, `pending` is
 * not yet decidable (a deadline still ahead), `skipped` is shown but not
 * counted (a cancelled meeting, a terminated item).
 */
export const EVIDENCE_STATES = ['ok', 'problem', 'pending', 'skipped'] as const;
export type EvidenceState = (typeof EVIDENCE_STATES)[number];
export const EVIDENCE_KINDS = [
  'meeting',
  'minutes',
  'attachment',
  'tracking_item',
  'recorder',
  'register_line',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
  kind: EvidenceKind;
  /** The object's id (for a recorder period: the division's id and the period's start). */
  id: string;
  /** What the office reads: a meeting's title and day, a minutes number, an item's decision. */
  label: string;
  /** The web page of the object, or null. */
  link: string | null;
  state: EvidenceState;
  /** Why, in Chinese. */
  detail: string;
}

export interface CellCounts {
  ok: number;
  problem: number;
  pending: number;
  skipped: number;
}

export interface CellVerdict {
  result: CellResult;
  counts: CellCounts;
  /** A sentence for the cell when the counts alone do not say it, else null. */
  note: string | null;
}

export function countEvidence(items: readonly Evidence[]): CellCounts {
  const c: CellCounts = { ok: 0, problem: 0, pending: 0, skipped: 0 };
  for (const i of items) c[i.state]++;
  return c;
}

/** Whether the month has begun (Shanghai) by `now`; a month not begun has nothing to check. */
export function monthBegun(month: string, now: Date): boolean {
  return month <= shanghaiMonth(now);
}

/** Whether the month is over (Shanghai) at `now`; a running month is evaluated "so far". */
export function monthOver(month: string, now: Date): boolean {
  return month < shanghaiMonth(now);
}

/**
 * The cell of every check but R3.5: any problem fails it; otherwise a fact that
 * holds passes it; nothing checked (or only facts still pending) is 不适用.
 */
export function evaluateCell(month: string, now: Date, items: readonly Evidence[]): CellVerdict {
  const counts = countEvidence(items);
  if (!monthBegun(month, now)) return { result: 'na', counts, note: '月份尚未开始' };
  if (counts.problem > 0) return { result: 'fail', counts, note: null };
  if (counts.ok > 0) return { result: 'pass', counts, note: null };
  return { result: 'na', counts, note: counts.pending > 0 ? '期限未到，尚无可判定的事项' : '当月没有需要检查的事项' };
}

/**
 * R4.1's cell: a register line without a decided topic (or whose match was dismissed)
 * fails it; while a proposed match awaits review the cell is not yet decidable (待定,
 * shown as 不适用 with a note); confirmed lines alone pass it; no line is 不适用.
 */
export function evaluateRegistersCell(month: string, now: Date, items: readonly Evidence[]): CellVerdict {
  const counts = countEvidence(items);
  if (!monthBegun(month, now)) return { result: 'na', counts, note: '月份尚未开始' };
  if (counts.problem > 0) return { result: 'fail', counts, note: `${counts.problem} 条事项未经处务会研究` };
  if (counts.pending > 0) return { result: 'na', counts, note: `待定：${counts.pending} 条匹配尚待复核` };
  if (counts.ok > 0) return { result: 'pass', counts, note: null };
  return { result: 'na', counts, note: '当月登记簿中没有本处室的事项' };
}

/**
 * R3.5's cell: the held meetings (`ok` evidence) against the unit's number. A
 * month still running that has not reached it is not yet a failure (不适用, so far).
 */
export function evaluateMeetingsCell(
  month: string,
  now: Date,
  required: number,
  items: readonly Evidence[],
): CellVerdict {
  const counts = countEvidence(items);
  const held = counts.ok;
  if (!monthBegun(month, now)) return { result: 'na', counts, note: '月份尚未开始' };
  const verdict = monthlyVerdict(held, required, month, now);
  if (verdict === 'met') return { result: 'pass', counts, note: `已召开 ${held} 次，规定至少 ${required} 次` };
  if (verdict === 'missed') return { result: 'fail', counts, note: `当月召开 ${held} 次，少于规定的 ${required} 次` };
  return { result: 'na', counts, note: `本月尚未结束：已召开 ${held} 次，规定至少 ${required} 次` };
}

/**
 * Go-live: the regime is in force from `startMonth` (the unit setting `regimeStartMonth`,
 * else the month the unit was created). A month before it is 不适用, whatever its facts:
 * nothing could be required of a division before the regime applied to it.
 */
export function beforeRegime(month: string, startMonth: string): boolean {
  return month < startMonth;
}

/** The cell of one check (each check's own rule), 不适用 before the regime's start. */
export function evaluateCheck(
  check: ComplianceCheck,
  month: string,
  now: Date,
  required: number,
  startMonth: string,
  items: readonly Evidence[],
): CellVerdict {
  if (beforeRegime(month, startMonth))
    return { result: 'na', counts: countEvidence(items), note: `本制度自 ${startMonth} 起施行，此前的月份不适用` };
  if (check === 'meetings') return evaluateMeetingsCell(month, now, required, items);
  if (check === 'registers') return evaluateRegistersCell(month, now, items);
  return evaluateCell(month, now, items);
}

/** A span of time a division's recorder designation stood as it was (R5.2). */
export interface RecorderSpan {
  from: string;
  to: string;
  /** The designated recorders' names; empty for a gap. */
  names: string[];
}

/**
 * R5.2: the spans of [from, to) under a division's designation history. `initial`
 * holds before the first change; each change sets who holds it from `at` on.
 * Instants are ISO strings in UTC, so they compare as text.
 */
export function recorderSpans(
  initial: readonly string[],
  changes: ReadonlyArray<{ at: string; names: readonly string[] }>,
  from: string,
  to: string,
): RecorderSpan[] {
  let current = [...initial];
  let start = from;
  const spans: RecorderSpan[] = [];
  const push = (end: string) => {
    if (end <= start) return;
    const last = spans[spans.length - 1];
    if (last && last.names.join('、') === current.join('、')) last.to = end;
    else spans.push({ from: start, to: end, names: [...current] });
  };
  for (const c of [...changes].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    if (c.at >= to) break;
    if (c.at > start) {
      push(c.at);
      start = c.at;
    }
    current = [...c.names];
  }
  push(to);
  return spans;
}

/** The state of one tracked item against its deadline in force (R6.2); `today` is a Shanghai day. */
export function executionState(
  item: { status: string; deadline: string; closedDay: string | null },
  today: string,
): { state: EvidenceState; detail: string } {
  if (item.status === 'terminated') return { state: 'skipped', detail: '已终止，不计入' };
  const done = item.status === 'completed' || item.status === 'verified';
  if (done && item.closedDay)
    return item.closedDay <= item.deadline
      ? { state: 'ok', detail: `${item.closedDay} 确认办结，未超过时限 ${item.deadline}` }
      : { state: 'problem', detail: `${item.closedDay} 才确认办结，超过时限 ${item.deadline}` };
  if (today > item.deadline) return { state: 'problem', detail: `超过时限 ${item.deadline} 仍未办结` };
  return { state: 'pending', detail: `时限 ${item.deadline} 未到，尚在办理` };
}

/**
 * R5.8–R5.10 for one held meeting: minutes sent by the deadline (an instant), a
 * filing made, and the supervision office's signature once the deadline has passed.
 */
export function distributionState(
  d: { deadline: string; dueDate: string; issuedAt: string | null; filings: number; filingsSigned: number },
  now: Date,
): { state: EvidenceState; detail: string } {
  const past = now.toISOString() > d.deadline;
  if (!d.issuedAt)
    return past
      ? { state: 'problem', detail: `超过分送时限 ${d.dueDate} 仍未签发分送` }
      : { state: 'pending', detail: `分送时限 ${d.dueDate} 未到，纪要尚未签发` };
  if (d.issuedAt > d.deadline) return { state: 'problem', detail: `逾期分送（时限 ${d.dueDate}）` };
  if (d.filings === 0) return { state: 'problem', detail: '按时分送，但未报监察室备案' };
  if (d.filingsSigned < d.filings)
    return past
      ? { state: 'problem', detail: '按时分送，监察室尚未签收备案' }
      : { state: 'pending', detail: '按时分送，待监察室签收备案' };
  return { state: 'ok', detail: `按时分送、传阅，监察室已签收备案（时限 ${d.dueDate}）` };
}

/**
 * R5.6 for one division and year: the numbers taken (each with the month its
 * minutes were issued) held against 1…max (and the counter, when it ran further).
 * A duplicate is a problem in the month of each copy after the first; a missing
 * number is a problem in the month of the next number issued (or `tailMonth`
 * when the counter ran past every issued number).
 */
export function numberingProblems(
  taken: ReadonlyArray<{ seq: number; month: string; id: string }>,
  counter: number,
  tailMonth: string,
): Array<{ month: string; kind: 'duplicate' | 'gap'; seq: number; id: string | null }> {
  const sorted = [...taken].sort((a, b) => a.seq - b.seq || (a.month < b.month ? -1 : 1));
  const out: Array<{ month: string; kind: 'duplicate' | 'gap'; seq: number; id: string | null }> = [];
  let expected = 1;
  for (const t of sorted) {
    if (t.seq < expected) {
      out.push({ month: t.month, kind: 'duplicate', seq: t.seq, id: t.id });
      continue;
    }
    for (; expected < t.seq; expected++) out.push({ month: t.month, kind: 'gap', seq: expected, id: null });
    expected = t.seq + 1;
  }
  for (; expected <= counter; expected++) out.push({ month: tailMonth, kind: 'gap', seq: expected, id: null });
  return out;
}

/** The months from `from` to `to` (both `YYYY-MM`), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const cur = `${y}-${String(m).padStart(2, '0')}`;
    if (cur > to) break;
    out.push(cur);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The most months one matrix request covers. */
export const MAX_MATRIX_MONTHS = 12;

/* ------------------------------------------------------------------------ */
/* 得分 and trends (R6.4): a division's score and its pass share per month. */
/* ------------------------------------------------------------------------ */

/** Each check's weight (the unit setting `complianceWeights`, whole numbers 0–10). */
export type ComplianceWeights = Record<ComplianceCheck, number>;

/** What the score and the trend read of a month of a division: its cells' results. */
export interface ScoredMonth {
  month: string;
  /** The month has not ended: shown in the trend, never scored. */
  soFar: boolean;
  cells: ReadonlyArray<{ check: ComplianceCheck; result: CellResult }>;
}

export interface ComplianceScore {
  /** 100 × Σ w·达标 ÷ Σ w·适用, one decimal; null when nothing weighted was applicable. */
  score: number | null;
  /** Σ w over the cells that passed, and over those that passed or failed. */
  passedWeight: number;
  applicableWeight: number;
  /** Cells (weight > 0) in the months scored: passed, failed, 不适用. */
  passed: number;
  failed: number;
  notApplicable: number;
  /** Months scored (ended ones). */
  months: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * R6.4 得分 over a period: 100 × Σ wᵢ·passᵢ ÷ Σ wᵢ·applicableᵢ, over every ended month
 * (a month still running is "so far" and not scored) and every check of weight > 0; a
 * cell is applicable when it passed or failed (不适用 — nothing to check, not yet
 * decidable, before the regime's start — counts on neither side).
 */
export function complianceScore(months: readonly ScoredMonth[], weights: ComplianceWeights): ComplianceScore {
  let passedWeight = 0;
  let applicableWeight = 0;
  let passed = 0;
  let failed = 0;
  let notApplicable = 0;
  let scored = 0;
  for (const m of months) {
    if (m.soFar) continue;
    scored++;
    for (const c of m.cells) {
      const w = weights[c.check] ?? 0;
      if (w <= 0) continue;
      if (c.result === 'na') {
        notApplicable++;
        continue;
      }
      applicableWeight += w;
      if (c.result === 'pass') {
        passedWeight += w;
        passed++;
      } else failed++;
    }
  }
  return {
    score: applicableWeight > 0 ? round1((100 * passedWeight) / applicableWeight) : null,
    passedWeight,
    applicableWeight,
    passed,
    failed,
    notApplicable,
    months: scored,
  };
}

/** The sum of several scores' parts (the bureau's, or a scope's, total), its score recomputed. */
export function sumScores(parts: readonly ComplianceScore[]): ComplianceScore {
  const t = { passedWeight: 0, applicableWeight: 0, passed: 0, failed: 0, notApplicable: 0 };
  for (const p of parts) {
    t.passedWeight += p.passedWeight;
    t.applicableWeight += p.applicableWeight;
    t.passed += p.passed;
    t.failed += p.failed;
    t.notApplicable += p.notApplicable;
  }
  return {
    ...t,
    score: t.applicableWeight > 0 ? round1((100 * t.passedWeight) / t.applicableWeight) : null,
    months: Math.max(0, ...parts.map((p) => p.months)),
  };
}

/** The score's formula as the unit's weights make it, in Chinese, with what each term counts. */
export function complianceScoreFormula(weights: ComplianceWeights): { formula: string; notes: string[] } {
  const listed = COMPLIANCE_CHECKS.map(
    (c) => `${CHECK_DEFINITIONS[c].name}（${CHECK_DEFINITIONS[c].clause}）${weights[c]}`,
  );
  return {
    formula: '得分 = 100 × Σ（检查项权重 × 达标月数）÷ Σ（检查项权重 × 适用月数）',
    notes: [
      `权重：${listed.join('，')}。权重由系统管理员在“制度参数”中设置（0–10，0 为不计分）。`,
      '适用月数：该检查项结果为“达标”或“未达标”的月份数；“不适用”的月份（当月没有需要检查的事项、期限未到、制度施行前）不计入分子和分母。',
      '尚未结束的月份（截至目前）只在趋势图中显示，不计入得分。',
      '得分保留一位小数；统计期间内没有适用的检查项时不计分。',
    ],
  };
}

/** One point of a trend: the share of applicable checks that passed in a month. */
export interface TrendPoint {
  month: string;
  soFar: boolean;
  /** Checks that passed, and that passed or failed (unweighted). */
  passed: number;
  applicable: number;
  /** passed ÷ applicable, 0…1 with three decimals; null when nothing was applicable. */
  share: number | null;
}

/**
 * R6.4 趋势: per month, the share of a division's applicable checks (达标 or 未达标, every
 * check counted once, whatever its weight) that passed; several divisions' months add up
 * (the bureau-wide line). A running month is a point "so far".
 */
export function passShareTrend(
  rows: ReadonlyArray<readonly ScoredMonth[]>,
  /** The period's months, so a month no row has (or no row at all) is still a point. */
  period: ReadonlyArray<{ month: string; soFar: boolean }> = [],
): TrendPoint[] {
  const by = new Map<string, TrendPoint>();
  for (const m of period) by.set(m.month, { month: m.month, soFar: m.soFar, passed: 0, applicable: 0, share: null });
  for (const months of rows)
    for (const m of months) {
      const p = by.get(m.month) ?? { month: m.month, soFar: m.soFar, passed: 0, applicable: 0, share: null };
      for (const c of m.cells) {
        if (c.result === 'na') continue;
        p.applicable++;
        if (c.result === 'pass') p.passed++;
      }
      by.set(m.month, p);
    }
  return [...by.values()]
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map((p) => ({ ...p, share: p.applicable > 0 ? Math.round((p.passed / p.applicable) * 1000) / 1000 : null }));
}
