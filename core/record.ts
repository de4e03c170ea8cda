import type { MatterFlag } from './settings.js';
import { MATTER_FLAG_LABELS } from './settings.js';

/**
 * The meeting record (会议记录, R5.1–R5.4, R6.1): per agenda topic a discussion
 * summary, every opinion with its speaker, stance and words, and the decisions
 * with outcome, responsible party and deadline.
 */
export const STANCES = ['for', 'against', 'abstain', 'opinion'] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABELS: Record<Stance, string> = { for: '赞成', against: '反对', abstain: '弃权', opinion: '意见' };

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
}
export interface Decision {
  text: string;
  outcome: Outcome;
  responsible: string;
  deadline: string | null;
}
export interface RecordEntry {
  topicId: string;
  topicTitle: string;
  matterFlags: MatterFlag[];
  status: EntryStatus;
  discussion: string;
  opinions: Opinion[];
  decisions: Decision[];
}

/** R5.4: differing opinions are kept verbatim; a 反对 opinion is a dissent. */
export function isDissent(o: Pick<Opinion, 'stance'>): boolean {
  return o.stance === 'against';
}

/** The sentence form of a dissent in the minutes (MINUTES-FORMAT.md). */
export function dissentSentence(o: Pick<Opinion, 'speakerName' | 'text'>): string {
  return `${o.speakerName}同志对此持不同意见，认为${o.text}`;
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

export interface MinutesSection {
  topicId: string;
  heading: string;
  body: string;
}
export interface MinutesContent {
  title: string;
  opening: string;
  sections: MinutesSection[];
  present: string[];
  leave: string[];
  observers: string[];
  recorder: string;
  distribution: string;
}

export interface DraftInput {
  divisionName: string;
  meetingDay: string; // YYYY-MM-DD, Asia/Shanghai
  chairName: string;
  place: string;
  entries: RecordEntry[];
  present: string[];
  leave: string[];
  observers: string[];
  recorder: string;
  supervisingLeaders: string[];
}

function dateCn(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

function decisionLine(d: Decision): string {
  const parts = [`${d.text}（${OUTCOME_LABELS[d.outcome]}）`];
  if (d.responsible) parts.push(`责任人：${d.responsible}`);
  if (d.deadline) parts.push(`完成时限：${dateCn(d.deadline)}`);
  return `${parts.join('；')}。`;
}

/**
 * R5.1 / R5.5: the draft minutes, compiled from the record in the unified format:
 * opening sentence, one numbered section per discussed topic with its decisions,
 * responsible party and deadline, dissent in the prescribed form (R5.4), matter
 * flags marked (R1.2), then attendance, recorder and distribution.
 */
export function draftMinutes(input: DraftInput): MinutesContent {
  const discussed = input.entries.filter((e) => e.status === 'recorded');
  const sections = discussed.map((e, i) => {
    const lines: string[] = [];
    if (e.matterFlags.length > 0)
      lines.push(`【涉及${e.matterFlags.map((f) => MATTER_FLAG_LABELS[f]).join('、')}事项】`);
    if (e.discussion.trim()) lines.push(e.discussion.trim());
    for (const d of e.decisions) lines.push(`会议议定：${decisionLine(d)}`);
    for (const o of e.opinions.filter(isDissent)) lines.push(`${dissentSentence(o)}。`);
    return { topicId: e.topicId, heading: `${chineseNumber(i + 1)}、${e.topicTitle}`, body: lines.join('\n') };
  });
  const topics = discussed.map((e) => e.topicTitle).join('、');
  const leaders = input.supervisingLeaders.length ? `${input.supervisingLeaders.join('、')}（分管领导），` : '';
  return {
    title: `${input.divisionName}处务会会议纪要`,
    opening: `${dateCn(input.meetingDay)}，${input.chairName}同志在${input.place}主持召开处务会，研究${topics || '有关工作'}等事项。现将会议议定事项纪要如下：`,
    sections,
    present: input.present,
    leave: input.leave,
    observers: input.observers,
    recorder: input.recorder,
    distribution: `分送：局主要领导，${leaders}局纪委书记，监察室（备案）；本处室全体人员传阅`,
  };
}

/** All the text of the minutes, as a reader sees it. */
export function minutesText(c: MinutesContent): string {
  return [c.title, c.opening, ...c.sections.flatMap((s) => [s.heading, s.body])].join('\n');
}

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * R5.4: on issue every dissent of the record must stand in the minutes word for
 * word, and every decision must be there; the drafter may polish the rest.
 */
export function integrityProblems(
  c: MinutesContent,
  entries: readonly RecordEntry[],
): { dissents: Opinion[]; decisions: Decision[] } {
  const text = squash(minutesText(c));
  const recorded = entries.filter((e) => e.status === 'recorded');
  return {
    dissents: recorded.flatMap((e) => e.opinions.filter(isDissent)).filter((o) => !text.includes(squash(o.text))),
    decisions: recorded.flatMap((e) => e.decisions).filter((d) => !text.includes(squash(d.text))),
  };
}
