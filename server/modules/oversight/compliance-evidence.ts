import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { BlobStore } from '../../platform/storage/blob-store.js';
import {
  COMPLIANCE_CHECKS,
  distributionState,
  executionState,
  heldInMonth,
  numberingProblems,
  recorderSpans,
  type ComplianceCheck,
  type ComplianceWeights,
  type Evidence,
  type EvidenceState,
} from '../../../core/compliance.js';
import type { MeetingStatus } from '../../../core/meetings.js';
import { integrityProblems, normalizeContent } from '../../../core/minutes.js';
import { formatMinutesNumber } from '../../../core/settings.js';
import { monthBounds, shanghaiDateTime, shanghaiDay, shanghaiMonth } from '../../../core/shanghai-time.js';
import { readSettings, unitCreatedMonth } from '../../platform/settings/settings.repository.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { meetingDayOf } from '../distribution/distribution.js';
import { sealHolds } from '../minutes/minutes-seal.js';
import { verifyBlobs } from '../integrity/blob-verifier.js';
import {
  LINE_STATE_LABELS,
  lineEvidenceState,
  REGISTER_KIND_LABELS,
  type LineState,
  type RegisterKind,
} from '../../../core/registers.js';
import { linesDatedIn } from '../registers/registers.repository.js';
import {
  attachmentsIn,
  distributionsIn,
  itemsDueIn,
  meetingsIn,
  minutesIssuedIn,
  numbersOf,
  recordedEntriesOfIssued,
  recorderHistory,
} from './oversight.repository.js';

/** Evidence per division, month and check. */
export type EvidenceGrid = Map<string, Map<string, Record<ComplianceCheck, Evidence[]>>>;

const KIND_LABELS = { decision: '议定事项', dissent: '不同意见', abstention: '弃权意见', reservation: '保留意见' };

/** The last instant of a half-open span [from, to), as a Shanghai day. */
const lastDay = (to: string) => shanghaiDay(new Date(Date.parse(to) - 1));
/** A boundary of a span in words: the day alone at Shanghai midnight, else day and time. */
const startWords = (at: string) =>
  shanghaiDateTime(at).endsWith(' 00:00') ? shanghaiDay(new Date(at)) : shanghaiDateTime(at);
const endWords = (at: string) => (shanghaiDateTime(at).endsWith(' 00:00') ? lastDay(at) : shanghaiDateTime(at));
const clip = (text: string, n = 60) => (text.length > n ? `${text.slice(0, n)}…` : text);

/** What a fact says of itself, built only when the evidence is asked for (the cell, not the matrix). */
type Describe = () => Omit<Evidence, 'state'>;

/**
 * The matrix needs each fact's state (its cells are counts); the drill-down needs the words. Without
 * `details` a fact is filed as one shared object per state, its label never built.
 */
const COUNTED: Record<EvidenceState, Evidence> = Object.fromEntries(
  (['ok', 'problem', 'pending', 'skipped'] as const).map((state) => [
    state,
    Object.freeze({ kind: 'meeting', id: '', label: '', link: null, state, detail: '' }),
  ]),
) as Record<EvidenceState, Evidence>;

/**
 * Every stored fact the checks read for `divisionIds` over `months`, sent at once (PostgreSQL runs
 * them side by side on the pool): one or a few queries per check for the whole unit and period,
 * never one per division or month. `npm run bench:oversight` times these reads apart from the rules.
 */
export async function readFacts(
  db: Kysely<Database>,
  unitId: string,
  divisionIds: readonly string[],
  months: readonly string[],
  now: Date,
) {
  const first = months[0] ?? shanghaiMonth(now);
  const last = months[months.length - 1] ?? first;
  const from = monthBounds(first).from;
  const to = monthBounds(last).to;
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const [
    settings,
    createdMonth,
    meetings,
    dist,
    issued,
    records,
    attachments,
    items,
    recorders,
    registerLines,
    numbers,
  ] = await Promise.all([
    readSettings(db, unitId, 'regime'),
    unitCreatedMonth(db, unitId),
    meetingsIn(db, unitId, divisionIds, from, to),
    distributionsIn(db, unitId, from, to),
    minutesIssuedIn(db, unitId, from, to),
    recordedEntriesOfIssued(db, unitId, from, to),
    attachmentsIn(db, unitId, from, to),
    itemsDueIn(db, unitId, shanghaiDay(new Date(from)), lastDay(to)),
    recorderHistory(db, unitId, from),
    linesDatedIn(db, unitId, divisionIds, `${first}-01`, `${last}-31`),
    numbersOf(db, unitId, years),
  ]);
  return {
    settings,
    createdMonth,
    meetings,
    dist,
    issued,
    records,
    attachments,
    items,
    recorders,
    registerLines,
    numbers,
  };
}

/**
 * Gathers the facts of every check for `divisionIds` over `months` (ascending,
 * `YYYY-MM`) — each check one or a few queries for the whole unit and period, all
 * sent at once — and files each fact under its division and month. The rules are
 * core's. With `details` each fact carries its words and link (the cell's evidence);
 * without, only its state (the matrix's counts).
 */
export async function gatherEvidence(
  db: Kysely<Database>,
  blobs: BlobStore,
  unitId: string,
  divisionIds: readonly string[],
  months: readonly string[],
  now: Date,
  opts: { details: boolean } = { details: true },
): Promise<{ grid: EvidenceGrid; required: number; startMonth: string; weights: ComplianceWeights }> {
  const from = monthBounds(months[0] ?? shanghaiMonth(now)).from;
  const nowIso = now.toISOString();
  const today = shanghaiDay(now);
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const grid: EvidenceGrid = new Map();
  for (const d of divisionIds) {
    const byMonth = new Map<string, Record<ComplianceCheck, Evidence[]>>();
    for (const m of months)
      byMonth.set(
        m,
        Object.fromEntries(COMPLIANCE_CHECKS.map((c) => [c, []])) as unknown as Record<ComplianceCheck, Evidence[]>,
      );
    grid.set(d, byMonth);
  }
  const put = (division: string, month: string, check: ComplianceCheck, state: EvidenceState, describe: Describe) =>
    grid
      .get(division)
      ?.get(month)
      ?.[check].push(opts.details ? { ...describe(), state } : COUNTED[state]);

  const {
    settings,
    createdMonth,
    meetings,
    dist,
    issued,
    records,
    attachments,
    items,
    recorders,
    registerLines,
    numbers,
  } = await readFacts(db, unitId, divisionIds, months, now);
  const regime = settings.value;
  const startMonth = regime.regimeStartMonth ?? createdMonth;
  const weights = regime.complianceWeights;
  if (months.length === 0) return { grid, required: regime.meetingsPerMonth, startMonth, weights };

  // R3.5: the held meetings of each month, by the rule monthly-overview counts with.
  const held: Array<(typeof meetings)[number] & { month: string }> = [];
  for (const m of meetings) {
    const at = m.started_at ?? m.starts_at;
    const month = shanghaiMonth(new Date(at));
    const meeting = (detail: string) => () => ({
      kind: 'meeting' as const,
      id: m.id,
      label: `${m.title}（${shanghaiDay(new Date(at))}）`,
      link: `/meetings/${m.id}`,
      detail,
    });
    const counted = heldInMonth({
      status: m.status as MeetingStatus,
      startedAt: m.started_at,
      discussedTopics: m.discussed,
    });
    if (counted) {
      held.push({ ...m, month: counted });
      put(
        m.division_id,
        counted,
        'meetings',
        'ok',
        meeting(m.backfill_at ? '已召开（补录，按纸质记录的日期计入）' : '已召开'),
      );
    } else if (m.status === 'cancelled') put(m.division_id, month, 'meetings', 'skipped', meeting('已取消，不计入'));
    else if ((m.status === 'planned' || m.status === 'notified') && m.starts_at > nowIso)
      put(m.division_id, month, 'meetings', 'pending', meeting('已安排，尚未召开'));
    else if (m.status === 'planned' || m.status === 'notified')
      put(m.division_id, month, 'meetings', 'skipped', meeting('未召开，不计入'));
    else put(m.division_id, month, 'meetings', 'skipped', meeting('未研究议题，不计入'));
  }

  // R5.8–R5.10: each held meeting's minutes against its deadline.
  const deadlines = new Map(dist.deadlines.map((x) => [x.meeting_id, x]));
  const untracked = held.filter((m) => !deadlines.has(m.id));
  const cal = untracked.length > 0 ? await loadCalendar(db, unitId) : null;
  for (const m of held) {
    const row = deadlines.get(m.id);
    const due = row
      ? { deadline: row.deadline, dueDate: row.due_date }
      : (() => {
          const d = cal?.distributionDeadline(meetingDayOf(m), regime.distributionWorkingDays);
          return { deadline: d?.deadline ?? nowIso, dueDate: d?.date ?? today };
        })();
    const filed = dist.filings.get(m.id) ?? { filings: 0, signed: 0 };
    const st = distributionState(
      { ...due, issuedAt: row?.issued_at ?? null, filings: filed.filings, filingsSigned: filed.signed },
      now,
    );
    put(m.division_id, m.month, 'distribution', st.state, () => ({
      kind: 'meeting',
      id: m.id,
      label: `${m.title}（${meetingDayOf(m)}）`,
      link: row?.minutes_id ? `/minutes/${row.minutes_id}` : `/meetings/${m.id}`,
      detail: m.backfill_at ? `补录；${st.detail}` : st.detail,
    }));
  }

  // Each minutes text parsed once, for R5.4 and R5.7 (the seal hashes the parsed content).
  const parsed = new Map<string, { content: unknown } | null>();
  for (const n of issued) {
    try {
      parsed.set(n.id, { content: JSON.parse(n.content) as unknown });
    } catch {
      parsed.set(n.id, null);
    }
  }

  // R5.4: issued minutes still carry every bound block of their record.
  for (const n of issued) {
    if (n.status !== 'issued') continue;
    const minutes = (detail: string) => () => ({
      kind: 'minutes' as const,
      id: n.id,
      label: `${n.number ?? ''}（${n.title}）`,
      link: `/minutes/${n.id}`,
      detail,
    });
    const month = shanghaiMonth(new Date(n.issued_at ?? nowIso));
    let problems: ReturnType<typeof integrityProblems>;
    try {
      const text = parsed.get(n.id);
      if (!text) throw new Error('unreadable');
      problems = integrityProblems(normalizeContent(text.content), records.get(n.meeting_id) ?? []);
    } catch {
      put(n.division_id, month, 'fidelity', 'problem', minutes('纪要内容无法读取'));
      continue;
    }
    put(n.division_id, month, 'fidelity', problems.length === 0 ? 'ok' : 'problem', () =>
      minutes(
        problems.length === 0
          ? '载有会议记录中的全部议定事项和不同意见'
          : problems
              .map((p) => `${p.problem === 'missing' ? '缺少' : '不应出现'}${KIND_LABELS[p.kind]}“${clip(p.text, 40)}”`)
              .join('；'),
      )(),
    );
  }

  // R5.7: sealed minutes against their seal, material against its SHA-256. The minutes' seal is
  // recomputed on every request: its text is read anyway (R5.4), and hashing a few hundred
  // texts costs about a millisecond.
  for (const n of issued) {
    const text = parsed.get(n.id);
    // An unparsable text cannot match its seal (sealHolds re-reads it and says false).
    const seal = text ? sealHolds(n, text) : sealHolds(n);
    if (seal === null) continue;
    put(n.division_id, shanghaiMonth(new Date(n.issued_at ?? nowIso)), 'integrity', seal ? 'ok' : 'problem', () => ({
      kind: 'minutes',
      id: n.id,
      label: `${n.number ?? ''}（${n.title}）${n.status === 'superseded' ? '（已被更正）' : ''}`,
      link: `/minutes/${n.id}`,
      detail: seal ? '与封存哈希一致' : '纪要内容与签发时封存的哈希不一致，可能在系统之外被改动',
    }));
  }
  // Material: each stored file's last verification, re-hashed only when the file changed since
  // or the verification is a day old (integrity/blob-verifier.ts) — a request no longer reads
  // every file of the period, and a changed file is still caught on the next read.
  const inGrid = attachments.filter((a) => grid.has(a.division_id));
  const verified = await verifyBlobs(
    blobs,
    inGrid.map((a) => a.sha256),
    now,
  );
  for (const a of inGrid) {
    const v = verified.get(a.sha256) ?? { state: 'missing' as const, verifiedAt: nowIso };
    put(a.division_id, shanghaiMonth(new Date(a.created_at)), 'integrity', v.state === 'ok' ? 'ok' : 'problem', () => {
      const when = shanghaiDateTime(v.verifiedAt);
      return {
        kind: 'attachment',
        id: a.id,
        label: `${a.filename}（议题：${clip(a.title, 30)}）`,
        link: `/topics/${a.topic_id}`,
        detail:
          v.state === 'ok'
            ? `文件与其 SHA-256 一致（最近校验：${when}）`
            : v.state === 'missing'
              ? `附件文件缺失（校验时间：${when}）`
              : `附件文件内容与上传时记录的 SHA-256 不符（校验时间：${when}）`,
      };
    });
  }

  // R5.6: the numbers of each division and year, gapless and unique.
  const thisMonth = shanghaiMonth(now);
  const takenBy = new Map<string, typeof numbers.taken>();
  for (const t of numbers.taken) {
    const key = `${t.division_id}/${t.number_year}`;
    const list = takenBy.get(key) ?? [];
    list.push(t);
    takenBy.set(key, list);
  }
  for (const division of divisionIds)
    for (const year of years) {
      const taken = (takenBy.get(`${division}/${year}`) ?? []).map((t) => ({
        ...t,
        seq: t.number_seq,
        month: shanghaiMonth(new Date(t.issued_at ?? nowIso)),
      }));
      const counter = numbers.counters.find((c) => c.division_id === division && c.year === year)?.last_seq ?? 0;
      const tail = `${year}-12` < thisMonth ? `${year}-12` : thisMonth;
      const problems = numberingProblems(taken, counter, tail);
      const dup = new Set(problems.filter((p) => p.kind === 'duplicate').map((p) => p.id));
      for (const t of taken)
        put(division, t.month, 'numbering', dup.has(t.id) ? 'problem' : 'ok', () => ({
          kind: 'minutes',
          id: t.id,
          label: `${t.number ?? formatMinutesNumber(regime.numberingPattern, year, t.seq)}（${t.title}）`,
          link: `/minutes/${t.id}`,
          detail: dup.has(t.id) ? '重号：本处室同年已有相同编号的纪要' : '编号连续',
        }));
      for (const p of problems)
        if (p.kind === 'gap')
          put(division, p.month, 'numbering', 'problem', () => ({
            kind: 'minutes',
            id: `${division}:${year}:${p.seq}`,
            label: formatMinutesNumber(regime.numberingPattern, year, p.seq),
            link: null,
            detail: '空号：该编号没有已签发的纪要',
          }));
    }

  // R6.2: tracked items due in the month, by their deadline in force.
  for (const i of items) {
    if (!i.deadline || !grid.has(i.division_id)) continue;
    const st = executionState(
      { status: i.status, deadline: i.deadline, closedDay: i.closed_at ? shanghaiDay(new Date(i.closed_at)) : null },
      today,
    );
    put(i.division_id, i.deadline.slice(0, 7), 'execution', st.state, () => ({
      kind: 'tracking_item',
      id: i.id,
      label: `${i.source_number} ${clip(i.decision_text)}`,
      link: `/tracking/${i.id}`,
      detail:
        st.detail +
        (Number(i.extensions) > 0 && i.original_deadline ? `（经批准延期，原时限 ${i.original_deadline}）` : ''),
    }));
  }

  // R4.1: the registers' lines of the month (by their own date) and their match.
  for (const l of registerLines) {
    const state = l.state as LineState;
    put(l.division_id, l.day.slice(0, 7), 'registers', lineEvidenceState(state), () => ({
      kind: 'register_line',
      id: l.id,
      label: `${REGISTER_KIND_LABELS[l.kind as RegisterKind] ?? l.kind}登记簿第 ${l.line_no} 行：${clip(l.subject, 40)}（${l.day}）`,
      link: `/oversight/registers?register=${l.register_id}`,
      detail:
        state === 'confirmed'
          ? `已确认：处务会研究的议题“${clip(l.topic_title ?? '', 40)}”`
          : state === 'proposed'
            ? `待复核：候选议题“${clip(l.topic_title ?? '', 40)}”`
            : state === 'dismissed'
              ? `${LINE_STATE_LABELS[state]}，理由：${l.review_reason ?? ''}`
              : `${LINE_STATE_LABELS[state]}：该日期之前本处室处务会没有研究决定相应议题`,
    }));
  }

  // R5.2: the designation's history, rebuilt backwards from today's memberships and today's
  // stopped accounts. A designated recorder whose account is stopped is no recorder: the
  // division has a gap from the day the account was stopped until it is restored or another
  // recorder is designated.
  const state = new Map<string, Set<string>>();
  for (const r of recorders.current) {
    const set = state.get(r.division_id) ?? new Set<string>();
    set.add(r.user_id);
    state.set(r.division_id, set);
  }
  const stopped = new Set(recorders.stopped);
  const changes = new Map<string, Array<{ at: string; names: string[] }>>();
  const namesOf = (ids: Iterable<string>) =>
    [...ids]
      .filter((id) => !stopped.has(id))
      .map((id) => recorders.names.get(id) ?? id)
      .sort();
  const changed = (d: string, at: string) => {
    const list = changes.get(d) ?? [];
    list.push({ at, names: namesOf(state.get(d) ?? []) });
    changes.set(d, list);
  };
  for (const e of recorders.events) {
    const user = e.subject_id ?? '';
    if (e.action === 'user.update') {
      const active = (JSON.parse(e.data) as { changes?: { active?: { from: boolean; to: boolean } } }).changes?.active;
      if (!active) continue;
      for (const [d, users] of state) if (users.has(user)) changed(d, e.occurred_at);
      if (active.from) stopped.delete(user);
      else stopped.add(user);
      continue;
    }
    const data = JSON.parse(e.data) as {
      before?: Array<{ divisionId: string; isRecorder: boolean }>;
      after?: Array<{ divisionId: string; isRecorder: boolean }>;
      recorderMovedFrom?: Array<{ userId: string; divisionId: string }>;
    };
    const touched = new Set([
      ...(data.before ?? []).map((b) => b.divisionId),
      ...(data.after ?? []).map((a) => a.divisionId),
      ...(data.recorderMovedFrom ?? []).map((m) => m.divisionId),
    ]);
    for (const d of touched) changed(d, e.occurred_at);
    for (const a of data.after ?? []) if (a.isRecorder) state.get(a.divisionId)?.delete(user);
    const add = (d: string, u: string) => state.set(d, (state.get(d) ?? new Set<string>()).add(u));
    for (const b of data.before ?? []) if (b.isRecorder) add(b.divisionId, user);
    for (const m of data.recorderMovedFrom ?? []) add(m.divisionId, m.userId);
  }
  for (const division of divisionIds) {
    const initial = namesOf(state.get(division) ?? []);
    for (const month of months) {
      const b = monthBounds(month);
      const end = b.to < nowIso ? b.to : nowIso;
      if (end <= b.from) continue;
      for (const span of recorderSpans(initial, changes.get(division) ?? [], from, end))
        if (span.to > b.from) {
          const start = span.from > b.from ? span.from : b.from;
          put(division, month, 'recorder', span.names.length > 0 ? 'ok' : 'problem', () => {
            const period = `${startWords(start)} 至 ${endWords(span.to)}`;
            return {
              kind: 'recorder',
              id: `${division}:${start}`,
              label: span.names.length > 0 ? span.names.join('、') : '（无）',
              link: null,
              detail:
                span.names.length > 0 ? `${period}：指定记录人 ${span.names.join('、')}` : `${period}：未指定记录人`,
            };
          });
        }
    }
  }
  return { grid, required: regime.meetingsPerMonth, startMonth, weights };
}
