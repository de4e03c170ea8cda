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
} from '../../../core/compliance.js';
import type { MeetingStatus } from '../../../core/meetings.js';
import { integrityProblems, normalizeContent } from '../../../core/minutes.js';
import { formatMinutesNumber } from '../../../core/settings.js';
import { monthBounds, shanghaiDateTime, shanghaiDay, shanghaiMonth } from '../../../core/shanghai-time.js';
import { readSettings, unitCreatedMonth } from '../../platform/settings/settings.repository.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { loadRecords } from '../meetings/record.repository.js';
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

/**
 * Gathers the facts of every check for `divisionIds` over `months` (ascending,
 * `YYYY-MM`) — each check one or a few queries for the whole unit and period —
 * and files each fact under its division and month. The rules are core's.
 */
export async function gatherEvidence(
  db: Kysely<Database>,
  blobs: BlobStore,
  unitId: string,
  divisionIds: readonly string[],
  months: readonly string[],
  now: Date,
): Promise<{ grid: EvidenceGrid; required: number; startMonth: string; weights: ComplianceWeights }> {
  const first = months[0];
  const last = months[months.length - 1];
  const regime = (await readSettings(db, unitId, 'regime')).value;
  const startMonth = regime.regimeStartMonth ?? (await unitCreatedMonth(db, unitId));
  const weights = regime.complianceWeights;
  if (!first || !last) return { grid: new Map(), required: 0, startMonth, weights };
  const from = monthBounds(first).from;
  const to = monthBounds(last).to;
  const nowIso = now.toISOString();
  const today = shanghaiDay(now);
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
  const put = (division: string, month: string, check: ComplianceCheck, e: Evidence) =>
    grid.get(division)?.get(month)?.[check].push(e);

  const [meetings, dist, issued, attachments, items, recorders, registerLines] = await Promise.all([
    meetingsIn(db, unitId, divisionIds, from, to),
    distributionsIn(db, unitId, from, to),
    minutesIssuedIn(db, unitId, from, to),
    attachmentsIn(db, unitId, from, to),
    itemsDueIn(db, unitId, shanghaiDay(new Date(from)), lastDay(to)),
    recorderHistory(db, unitId, from),
    linesDatedIn(db, unitId, divisionIds, `${first}-01`, `${last}-31`),
  ]);

  // R3.5: the held meetings of each month, by the rule monthly-overview counts with.
  const held: Array<(typeof meetings)[number] & { month: string }> = [];
  for (const m of meetings) {
    const at = m.started_at ?? m.starts_at;
    const month = shanghaiMonth(new Date(at));
    const label = `${m.title}（${shanghaiDay(new Date(at))}）`;
    const base = { kind: 'meeting' as const, id: m.id, label, link: `/meetings/${m.id}` };
    const counted = heldInMonth({
      status: m.status as MeetingStatus,
      startedAt: m.started_at,
      discussedTopics: m.discussed,
    });
    if (counted) {
      held.push({ ...m, month: counted });
      put(m.division_id, counted, 'meetings', {
        ...base,
        state: 'ok',
        detail: m.backfill_at ? '已召开（补录，按纸质记录的日期计入）' : '已召开',
      });
    } else if (m.status === 'cancelled')
      put(m.division_id, month, 'meetings', { ...base, state: 'skipped', detail: '已取消，不计入' });
    else if ((m.status === 'planned' || m.status === 'notified') && m.starts_at > nowIso)
      put(m.division_id, month, 'meetings', { ...base, state: 'pending', detail: '已安排，尚未召开' });
    else if (m.status === 'planned' || m.status === 'notified')
      put(m.division_id, month, 'meetings', { ...base, state: 'skipped', detail: '未召开，不计入' });
    else put(m.division_id, month, 'meetings', { ...base, state: 'skipped', detail: '未研究议题，不计入' });
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
    put(m.division_id, m.month, 'distribution', {
      kind: 'meeting',
      id: m.id,
      label: `${m.title}（${meetingDayOf(m)}）`,
      link: row?.minutes_id ? `/minutes/${row.minutes_id}` : `/meetings/${m.id}`,
      state: st.state,
      detail: m.backfill_at ? `补录；${st.detail}` : st.detail,
    });
  }

  // R5.4: issued minutes still carry every bound block of their record.
  const current = issued.filter((n) => n.status === 'issued');
  const records = await loadRecords(
    db,
    unitId,
    current.map((n) => n.meeting_id),
  );
  for (const n of current) {
    const base = {
      kind: 'minutes' as const,
      id: n.id,
      label: `${n.number ?? ''}（${n.title}）`,
      link: `/minutes/${n.id}`,
    };
    const month = shanghaiMonth(new Date(n.issued_at ?? nowIso));
    let problems: ReturnType<typeof integrityProblems>;
    try {
      problems = integrityProblems(normalizeContent(JSON.parse(n.content)), records.get(n.meeting_id) ?? []);
    } catch {
      put(n.division_id, month, 'fidelity', { ...base, state: 'problem', detail: '纪要内容无法读取' });
      continue;
    }
    put(n.division_id, month, 'fidelity', {
      ...base,
      state: problems.length === 0 ? 'ok' : 'problem',
      detail:
        problems.length === 0
          ? '载有会议记录中的全部议定事项和不同意见'
          : problems
              .map((p) => `${p.problem === 'missing' ? '缺少' : '不应出现'}${KIND_LABELS[p.kind]}“${clip(p.text, 40)}”`)
              .join('；'),
    });
  }

  // R5.7: sealed minutes against their seal, material against its SHA-256. The minutes' seal is
  // recomputed on every request: its text is read anyway (R5.4), and hashing a few hundred
  // texts costs about a millisecond.
  for (const n of issued) {
    const seal = sealHolds(n);
    if (seal === null) continue;
    put(n.division_id, shanghaiMonth(new Date(n.issued_at ?? nowIso)), 'integrity', {
      kind: 'minutes',
      id: n.id,
      label: `${n.number ?? ''}（${n.title}）${n.status === 'superseded' ? '（已被更正）' : ''}`,
      link: `/minutes/${n.id}`,
      state: seal ? 'ok' : 'problem',
      detail: seal ? '与封存哈希一致' : '纪要内容与签发时封存的哈希不一致，可能在系统之外被改动',
    });
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
    const when = shanghaiDateTime(v.verifiedAt);
    put(a.division_id, shanghaiMonth(new Date(a.created_at)), 'integrity', {
      kind: 'attachment',
      id: a.id,
      label: `${a.filename}（议题：${clip(a.title, 30)}）`,
      link: `/topics/${a.topic_id}`,
      state: v.state === 'ok' ? 'ok' : 'problem',
      detail:
        v.state === 'ok'
          ? `文件与其 SHA-256 一致（最近校验：${when}）`
          : v.state === 'missing'
            ? `附件文件缺失（校验时间：${when}）`
            : `附件文件内容与上传时记录的 SHA-256 不符（校验时间：${when}）`,
    });
  }

  // R5.6: the numbers of each division and year, gapless and unique.
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const numbers = await numbersOf(db, unitId, years);
  const thisMonth = shanghaiMonth(now);
  for (const division of divisionIds)
    for (const year of years) {
      const taken = numbers.taken
        .filter((t) => t.division_id === division && t.number_year === year)
        .map((t) => ({ ...t, seq: t.number_seq, month: shanghaiMonth(new Date(t.issued_at ?? nowIso)) }));
      const counter = numbers.counters.find((c) => c.division_id === division && c.year === year)?.last_seq ?? 0;
      const tail = `${year}-12` < thisMonth ? `${year}-12` : thisMonth;
      const problems = numberingProblems(taken, counter, tail);
      const dup = new Set(problems.filter((p) => p.kind === 'duplicate').map((p) => p.id));
      for (const t of taken)
        put(division, t.month, 'numbering', {
          kind: 'minutes',
          id: t.id,
          label: `${t.number ?? formatMinutesNumber(regime.numberingPattern, year, t.seq)}（${t.title}）`,
          link: `/minutes/${t.id}`,
          state: dup.has(t.id) ? 'problem' : 'ok',
          detail: dup.has(t.id) ? '重号：本处室同年已有相同编号的纪要' : '编号连续',
        });
      for (const p of problems)
        if (p.kind === 'gap')
          put(division, p.month, 'numbering', {
            kind: 'minutes',
            id: `${division}:${year}:${p.seq}`,
            label: formatMinutesNumber(regime.numberingPattern, year, p.seq),
            link: null,
            state: 'problem',
            detail: '空号：该编号没有已签发的纪要',
          });
    }

  // R6.2: tracked items due in the month, by their deadline in force.
  for (const i of items) {
    if (!i.deadline || !grid.has(i.division_id)) continue;
    const st = executionState(
      { status: i.status, deadline: i.deadline, closedDay: i.closed_at ? shanghaiDay(new Date(i.closed_at)) : null },
      today,
    );
    const extended =
      Number(i.extensions) > 0 && i.original_deadline ? `（经批准延期，原时限 ${i.original_deadline}）` : '';
    put(i.division_id, i.deadline.slice(0, 7), 'execution', {
      kind: 'tracking_item',
      id: i.id,
      label: `${i.source_number} ${clip(i.decision_text)}`,
      link: `/tracking/${i.id}`,
      state: st.state,
      detail: st.detail + extended,
    });
  }

  // R4.1: the registers' lines of the month (by their own date) and their match.
  for (const l of registerLines) {
    const state = l.state as LineState;
    const kind = REGISTER_KIND_LABELS[l.kind as RegisterKind] ?? l.kind;
    put(l.division_id, l.day.slice(0, 7), 'registers', {
      kind: 'register_line',
      id: l.id,
      label: `${kind}登记簿第 ${l.line_no} 行：${clip(l.subject, 40)}（${l.day}）`,
      link: `/oversight/registers?register=${l.register_id}`,
      state: lineEvidenceState(state),
      detail:
        state === 'confirmed'
          ? `已确认：处务会研究的议题“${clip(l.topic_title ?? '', 40)}”`
          : state === 'proposed'
            ? `待复核：候选议题“${clip(l.topic_title ?? '', 40)}”`
            : state === 'dismissed'
              ? `${LINE_STATE_LABELS[state]}，理由：${l.review_reason ?? ''}`
              : `${LINE_STATE_LABELS[state]}：该日期之前本处室处务会没有研究决定相应议题`,
    });
  }

  // R5.2: the designation's history, rebuilt backwards from today's memberships.
  const state = new Map<string, Set<string>>();
  for (const r of recorders.current) {
    const set = state.get(r.division_id) ?? new Set<string>();
    set.add(r.user_id);
    state.set(r.division_id, set);
  }
  const changes = new Map<string, Array<{ at: string; names: string[] }>>();
  const namesOf = (ids: Iterable<string>) => [...ids].map((id) => recorders.names.get(id) ?? id).sort();
  for (const e of recorders.events) {
    const data = JSON.parse(e.data) as {
      before?: Array<{ divisionId: string; isRecorder: boolean }>;
      after?: Array<{ divisionId: string; isRecorder: boolean }>;
      recorderMovedFrom?: Array<{ userId: string; divisionId: string }>;
    };
    const user = e.subject_id ?? '';
    const touched = new Set([
      ...(data.before ?? []).map((b) => b.divisionId),
      ...(data.after ?? []).map((a) => a.divisionId),
      ...(data.recorderMovedFrom ?? []).map((m) => m.divisionId),
    ]);
    for (const d of touched) {
      const list = changes.get(d) ?? [];
      list.push({ at: e.occurred_at, names: namesOf(state.get(d) ?? []) });
      changes.set(d, list);
    }
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
          const period = `${startWords(start)} 至 ${endWords(span.to)}`;
          put(division, month, 'recorder', {
            kind: 'recorder',
            id: `${division}:${start}`,
            label: span.names.length > 0 ? span.names.join('、') : '（无）',
            link: null,
            state: span.names.length > 0 ? 'ok' : 'problem',
            detail:
              span.names.length > 0 ? `${period}：指定记录人 ${span.names.join('、')}` : `${period}：未指定记录人`,
          });
        }
    }
  }
  return { grid, required: regime.meetingsPerMonth, startMonth, weights };
}
