import type { MatterFlag } from './settings.js';
import { AppError } from './errors.js';

/**
 * The meeting record (会议记录, R5.1–R5.4, R6.1): per agenda topic a discussion
 * summary, every attendee's stance with their words, and the decisions with
 * outcome, responsible party and deadline.
 */
export const STANCES = ['for', 'against', 'abstain', 'opinion', 'no_opinion'] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABELS: Record<Stance, string> = {
  for: '赞成',
  against: '反对',
  abstain: '弃权',
  opinion: '意见',
  no_opinion: '未发表意见',
};

export const OUTCOMES = ['adopted', 'rejected', 'deferred', 'escalated'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  adopted: '通过',
  rejected: '不通过',
  deferred: '暂缓',
  escalated: '报请局党委研究',
};

export const ENTRY_STATUSES = ['recorded', 'not_discussed', 'deferred'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface Opinion {
  speakerId: string;
  speakerName: string;
  stance: Stance;
  text: string;
  /** 保留意见: whatever the stance, the minutes carry it verbatim. */
  reservation?: boolean;
}
/** A person named on a decision, with the name the record was made under. */
export interface NamedPerson {
  id: string;
  name: string;
}
/**
 * A decision of the meeting (议定事项). The responsible party is a person or a
 * division of the unit picked from the org (R6.2); `responsible` is its name as
 * the record shows it, resolved by the server when the entry is saved (for a
 * decision recorded before structured parties, the free text it was written
 * with). `note` is free text beside the party, never the party itself.
 */
export interface Decision {
  text: string;
  outcome: Outcome;
  responsible: string;
  deadline: string | null;
  responsibleUserId?: string | null;
  responsibleDivisionId?: string | null;
  coResponsible?: NamedPerson[];
  note?: string;
  /** A decision migrated from free text whose party could not be matched: the head completes it. */
  needsCompletion?: boolean;
}

/** R6.2: the outcomes that leave something to execute, each becoming a tracked item when the minutes are issued. */
export const TRACKED_OUTCOMES: readonly Outcome[] = ['adopted', 'escalated'];
export interface RecordEntry {
  topicId: string;
  topicTitle: string;
  matterFlags: MatterFlag[];
  status: EntryStatus;
  discussion: string;
  opinions: Opinion[];
  decisions: Decision[];
  /** The entry's saved version: issued minutes remember which one they were rendered from. */
  version?: number;
}

/** What the minutes must carry verbatim from the record (R5.4): decisions and every differing opinion. */
export const BOUND_KINDS = ['decision', 'dissent', 'abstention', 'reservation'] as const;
export type BoundKind = (typeof BOUND_KINDS)[number];

/** R5.4: 反对 is a dissent, 弃权 an abstention, and any opinion marked 保留意见 a reservation. */
export function boundKindOf(o: Pick<Opinion, 'stance' | 'reservation'>): Exclude<BoundKind, 'decision'> | null {
  if (o.stance === 'against') return 'dissent';
  if (o.stance === 'abstain') return 'abstention';
  if (o.reservation) return 'reservation';
  return null;
}

const TRAILING = /[\s，,、；;：:。．.！!？?…]+$/u;
const TERMINAL = /[。！？!?…]$/u;

/** The speaker's words as a quotation that ends a sentence: “……。” — never “……。”。 nor “……，”。 */
export function quoteVerbatim(text: string): string {
  // A doubled mark at the end is a slip of the keyboard, not the speaker's words;
  // …… is not doubled: it is the Chinese ellipsis (GB/T 15834), kept whole.
  const t = text.trim().replace(/([。！？!?，,；;：:、.])\1+$/u, '$1');
  const ended = TERMINAL.test(t) ? t : `${t.replace(TRAILING, '')}。`;
  return `“${ended}”`;
}

/** Text that goes inside a generated sentence: no stray trailing punctuation, no doubled lead-in. */
export function clauseText(text: string, leadIn?: RegExp): string {
  let t = text.trim();
  if (leadIn) t = t.replace(leadIn, '').trim();
  return t.replace(TRAILING, '');
}

/** The sentence form of a differing opinion in the minutes (MINUTES-FORMAT.md, R5.4). */
export function opinionSentence(
  o: Pick<Opinion, 'speakerName' | 'text'>,
  kind: Exclude<BoundKind, 'decision'>,
): string {
  const who = `${o.speakerName}同志`;
  switch (kind) {
    case 'dissent':
      return `${who}对此持不同意见：${quoteVerbatim(o.text)}`;
    case 'abstention':
      return o.text.trim() ? `${who}表示弃权，理由是：${quoteVerbatim(o.text)}` : `${who}表示弃权。`;
    case 'reservation':
      return `${who}对此持保留意见：${quoteVerbatim(o.text)}`;
  }
}

const DECISION_LEADS: Record<Outcome, string> = {
  adopted: '会议议定：',
  rejected: '会议未予通过：',
  deferred: '会议议定暂缓研究：',
  escalated: '会议议定报请局党委研究：',
};

/** 2026-12-31 → 2026年12月31日. */
export function dateCn(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** 会议议定：原则同意……（责任人：李伟；完成时限：2026年12月31日）。 */
export function decisionSentence(d: Decision): string {
  const what = clauseText(d.text, /^(会议)?(议定|决定|同意)?[：:]/u);
  const extra = [
    d.responsible.trim() ? `责任人：${clauseText(d.responsible)}` : '',
    d.coResponsible?.length ? `协办人：${d.coResponsible.map((p) => p.name).join('、')}` : '',
    d.deadline ? `完成时限：${dateCn(d.deadline)}` : '',
  ].filter(Boolean);
  return `${DECISION_LEADS[d.outcome]}${what}${extra.length ? `（${extra.join('；')}）` : ''}。`;
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二, 20 → 二十. */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUMBERS[n - 1] ?? String(n);
  if (n < 20) return `十${CN_NUMBERS[n - 11] ?? ''}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CN_NUMBERS[tens - 1] ?? ''}十${ones ? (CN_NUMBERS[ones - 1] ?? '') : ''}`;
}

/** People the record must account for on a topic: who was present (R6.1). */
export interface Attendee {
  userId: string;
  name: string;
  role: 'participant' | 'observer';
  present: boolean;
}

/**
 * R5.3 / R6.1 / R4.1: what keeps a recorded topic from being complete — no
 * discussion summary, a present participant with no stance (not even 未发表意见),
 * or a larger matter (project, funds, major penalty, delegated power) without a
 * decision of the meeting.
 */
export function entryProblems(
  e: Pick<RecordEntry, 'status' | 'discussion' | 'opinions' | 'decisions' | 'matterFlags'>,
  attendees: readonly Attendee[],
  meetingDecides: readonly MatterFlag[],
): { noDiscussion: boolean; silent: string[]; decisionRequired: boolean } {
  if (e.status !== 'recorded') return { noDiscussion: false, silent: [], decisionRequired: false };
  const spoke = new Set(e.opinions.map((o) => o.speakerId));
  return {
    noDiscussion: e.discussion.trim() === '',
    silent: attendees.filter((a) => a.role === 'participant' && a.present && !spoke.has(a.userId)).map((a) => a.name),
    decisionRequired: e.decisions.length === 0 && e.matterFlags.some((f) => meetingDecides.includes(f)),
  };
}

/** R4.1: the matter flags that only a meeting decision may settle. */
export const MEETING_DECIDES: readonly MatterFlag[] = ['project', 'funds', 'major_penalty', 'delegated_power'];

/** Refuses a record that is not complete, naming each topic and what it lacks (R5.3, R6.1, R4.1). */
export function refuseIncomplete(
  items: ReadonlyArray<{ title: string; problems: ReturnType<typeof entryProblems> }>,
): void {
  const on = (title: string) => (title ? `议题“${title}”` : '本议题');
  const noDiscussion = items.filter((i) => i.problems.noDiscussion);
  if (noDiscussion.length)
    throw new AppError(
      'RECORD_INCOMPLETE',
      `${noDiscussion.map((i) => on(i.title)).join('、')}须记录讨论情况（第 5.3 条）`,
    );
  const silent = items.filter((i) => i.problems.silent.length > 0);
  if (silent.length)
    throw new AppError(
      'OPINIONS_INCOMPLETE',
      `${silent.map((i) => `${on(i.title)}：${i.problems.silent.join('、')}`).join('；')} 尚无表态，请记录其意见或“未发表意见”（第 6.1 条）`,
      { topics: silent.map((i) => ({ title: i.title, people: i.problems.silent })) },
    );
  const undecided = items.filter((i) => i.problems.decisionRequired);
  if (undecided.length)
    throw new AppError(
      'DECISION_REQUIRED',
      `${undecided.map((i) => on(i.title)).join('、')}涉及项目、资金、重大处罚或下放权力，须由会议作出决定（第 4.1 条）`,
    );
}

/** A recorded decision as the record's PUT takes it back: the party by id, the names are the server's. */
export function decisionInput(d: Decision) {
  return {
    text: d.text,
    outcome: d.outcome,
    responsibleUserId: d.responsibleUserId ?? null,
    responsibleDivisionId: d.responsibleDivisionId ?? null,
    coResponsibleIds: (d.coResponsible ?? []).map((p) => p.id),
    ...(d.note ? { note: d.note } : {}),
    deadline: d.deadline,
  };
}
