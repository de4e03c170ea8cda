import { MATTER_FLAG_LABELS } from './settings.js';
import {
  boundKindOf,
  chineseNumber,
  dateCn,
  decisionSentence,
  opinionSentence,
  type BoundKind,
  type RecordEntry,
} from './record.js';

/**
 * The minutes (会议纪要, R5.1–R5.7) as the server composes them. The format is
 * the server's (R5.5): one section per discussed topic in agenda order, headed by
 * the topic's title; the matter marks (R1.2), the decisions and every differing
 * opinion (R5.4) are blocks rendered from the record that the drafter cannot
 * edit. The drafter writes only the narrative of each section.
 */
export interface BoundBlock {
  kind: BoundKind;
  speakerId: string | null;
  speakerName: string | null;
  text: string;
}
export interface MinutesSection {
  topicId: string;
  heading: string;
  /** 【涉及资金事项】, from the topic's matter flags; '' when none. */
  marks: string;
  /** The drafter's words: the discussion in brief. Paragraphs are separated by line breaks. */
  narrative: string;
  blocks: BoundBlock[];
  /** The record entry's version the blocks were rendered from. */
  recordVersion: number;
}
export interface MinutesContent {
  title: string;
  opening: string;
  sections: MinutesSection[];
  closing: string;
  present: string[];
  leave: string[];
  observers: string[];
  recorder: string;
  distribution: string;
}

/** The unit's template for the formulas around the sections. */
export interface MinutesTemplate {
  opening: string;
  closing: string;
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
  distribution: string;
  template: MinutesTemplate;
}

/** R1.2: the mark a section carries for its topic's matter flags. */
/**
 * One name per step of the minutes (issue 15), wherever a step is named: the pages (the web's
 * status.minutes.* labels equal these, a web test holds them together) and the notices' titles.
 */
export const MINUTES_STEP_LABELS = {
  none: '待起草',
  draft: '起草中',
  in_review: '待签发',
  issued: '已印发',
  superseded: '已被更正',
  overdue: '已逾期',
} as const;

export function marksOf(e: Pick<RecordEntry, 'matterFlags'>): string {
  return e.matterFlags.length > 0 ? `【涉及${e.matterFlags.map((f) => MATTER_FLAG_LABELS[f]).join('、')}事项】` : '';
}

/** R5.4: the blocks the minutes must carry for one recorded topic, in the format's order. */
export function boundBlocks(e: Pick<RecordEntry, 'decisions' | 'opinions'>): BoundBlock[] {
  const decisions = e.decisions.map((d) => ({
    kind: 'decision' as const,
    speakerId: null,
    speakerName: null,
    text: decisionSentence(d),
  }));
  const opinions = e.opinions.flatMap((o) => {
    const kind = boundKindOf(o);
    return kind ? [{ kind, speakerId: o.speakerId, speakerName: o.speakerName, text: opinionSentence(o, kind) }] : [];
  });
  return [...decisions, ...opinions];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** The discussed topics, in agenda order: the only sections the minutes may have (R5.3, R5.5). */
export function discussed(entries: readonly RecordEntry[]): RecordEntry[] {
  return entries.filter((e) => e.status === 'recorded');
}

/** Everything of a section that is the server's, from the record. */
export function serverSection(e: RecordEntry, i: number): Omit<MinutesSection, 'narrative'> {
  return {
    topicId: e.topicId,
    heading: `${chineseNumber(i + 1)}、${e.topicTitle}`,
    marks: marksOf(e),
    blocks: boundBlocks(e),
    recordVersion: e.version ?? 0,
  };
}

/** The opening formula from the unit's template (R5.5). */
export function openingOf(input: Pick<DraftInput, 'meetingDay' | 'chairName' | 'place' | 'entries' | 'template'>) {
  const topics = discussed(input.entries)
    .map((e) => e.topicTitle)
    .join('、');
  return fill(input.template.opening, {
    date: dateCn(input.meetingDay),
    chair: input.chairName,
    place: input.place,
    topics: topics || '有关工作',
  });
}

/**
 * R5.1 / R5.5: the draft, compiled from the record in the unified format; the
 * narrative of each section starts as the record's discussion summary.
 */
export function draftMinutes(input: DraftInput): MinutesContent {
  return {
    title: `${input.divisionName}处务会会议纪要`,
    opening: openingOf(input),
    sections: discussed(input.entries).map((e, i) => ({ ...serverSection(e, i), narrative: e.discussion.trim() })),
    closing: input.template.closing,
    present: input.present,
    leave: input.leave,
    observers: input.observers,
    recorder: input.recorder,
    distribution: input.distribution,
  };
}

/**
 * The minutes rendered again from the current record, keeping the drafter's
 * narrative of each topic: what an amendment of the record does to a draft.
 */
export function rerender(c: MinutesContent, input: DraftInput): MinutesContent {
  const fresh = draftMinutes(input);
  return {
    ...fresh,
    sections: fresh.sections.map((s) => ({
      ...s,
      narrative: c.sections.find((old) => old.topicId === s.topicId)?.narrative ?? s.narrative,
    })),
  };
}

/** Paragraphs of one section as printed: the marks, the narrative, then the bound blocks. */
export function sectionParagraphs(s: MinutesSection): string[] {
  return [s.marks, ...s.narrative.split('\n'), ...s.blocks.map((b) => b.text)].map((p) => p.trim()).filter(Boolean);
}

/** All the text of the minutes, as a reader sees it. */
export function minutesText(c: MinutesContent): string {
  return [c.title, c.opening, ...c.sections.flatMap((s) => [s.heading, ...sectionParagraphs(s)]), c.closing]
    .filter(Boolean)
    .join('\n');
}

/**
 * Minutes stored before bound blocks existed had one free `body` per section:
 * read as narrative, so old issued minutes still display and print unchanged.
 */
export function normalizeContent(raw: unknown): MinutesContent {
  const c = raw as Omit<MinutesContent, 'sections' | 'closing'> & {
    closing?: string;
    sections: Array<Partial<MinutesSection> & { body?: string }>;
  };
  return {
    ...c,
    closing: c.closing ?? '',
    sections: c.sections.map((s) => ({
      topicId: s.topicId ?? '',
      heading: s.heading ?? '',
      marks: s.marks ?? '',
      narrative: s.narrative ?? s.body ?? '',
      blocks: s.blocks ?? [],
      recordVersion: s.recordVersion ?? 0,
    })),
  };
}

const sameBlock = (a: BoundBlock, b: BoundBlock) =>
  a.kind === b.kind && a.speakerId === b.speakerId && a.speakerName === b.speakerName && a.text === b.text;

export interface IntegrityProblem {
  topicId: string;
  kind: BoundKind;
  text: string;
  problem: 'missing' | 'unexpected';
}

/**
 * R5.4 at issue: every block rendered from the current record stands unchanged
 * in its topic's section with its speaker, and nothing stands there that the
 * record does not hold. The sections are exactly the discussed topics.
 */
export function integrityProblems(c: MinutesContent, entries: readonly RecordEntry[]): IntegrityProblem[] {
  const out: IntegrityProblem[] = [];
  for (const e of discussed(entries)) {
    const expected = boundBlocks(e);
    const have = c.sections.find((s) => s.topicId === e.topicId)?.blocks ?? [];
    for (const b of expected)
      if (!have.some((x) => sameBlock(x, b)))
        out.push({ topicId: e.topicId, kind: b.kind, text: b.text, problem: 'missing' });
    for (const b of have)
      if (!expected.some((x) => sameBlock(x, b)))
        out.push({ topicId: e.topicId, kind: b.kind, text: b.text, problem: 'unexpected' });
  }
  const topics = new Set(discussed(entries).map((e) => e.topicId));
  for (const s of c.sections)
    if (!topics.has(s.topicId))
      for (const b of s.blocks) out.push({ topicId: s.topicId, kind: b.kind, text: b.text, problem: 'unexpected' });
  return out;
}

/** R5.5: the drafter's sections must be the server's: same topics, same order, same headings. */
export function sectionsMatch(
  expected: readonly Pick<MinutesSection, 'topicId' | 'heading'>[],
  given: readonly { topicId: string; heading?: string | undefined }[],
): boolean {
  return (
    expected.length === given.length &&
    expected.every((s, i) => {
      const g = given[i];
      return g !== undefined && g.topicId === s.topicId && (g.heading === undefined || g.heading === s.heading);
    })
  );
}
