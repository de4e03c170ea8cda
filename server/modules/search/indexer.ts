import type { MatterFlag } from '../../../core/settings.js';
import { fenToYuan } from '../../../core/topics.js';
import { OUTCOME_LABELS, STANCE_LABELS, type Decision, type Opinion } from '../../../core/record.js';
import type { MinutesContent } from '../../../core/minutes.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import type { SearchSource } from '../../../core/search.js';
import { toNumber } from '../../platform/db/database.js';
import type { Services, Tx } from '../../platform/services.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { extractText } from '../../platform/storage/extract-text.js';
import { replaceDocs, storedAttachmentText, type DocInput } from './search.repository.js';

type Q = Kysely<Database> | Tx;

const dayOf = (iso: string) => shanghaiDay(new Date(iso));
const yearOf = (day: string) => Number(day.slice(0, 4));
const flagsOf = (json: string | null | undefined) => (json ? (JSON.parse(json) as MatterFlag[]) : []);

/** Reads an attachment's text once: from the index when it is there already, else from the file. */
async function attachmentText(
  s: Services,
  cache: Map<string, string>,
  a: { id: string; file_type: string; sha256: string },
): Promise<string> {
  const known = cache.get(a.id);
  if (known !== undefined) return known;
  return extractText(a.file_type, a.sha256, () => s.blobs.open(a.sha256));
}

/** A topic (title, description, amount, proposer) and its written material. */
async function topicDocs(s: Services, db: Q, unitId: string, id: string, cache: Map<string, string>) {
  const t = await db
    .selectFrom('topics as t')
    .innerJoin('users as u', 'u.id', 't.proposer_id')
    .selectAll('t')
    .select('u.display_name as proposer_name')
    .where('t.unit_id', '=', unitId)
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!t) return [];
  const day = dayOf(t.created_at);
  const fen = t.funds_amount_fen === null ? null : toNumber(t.funds_amount_fen);
  const base = {
    divisionId: t.division_id,
    year: yearOf(day),
    day,
    category: t.category,
    matterFlags: flagsOf(t.matter_flags),
    status: t.status,
    acl: 'topic' as const,
    topicId: t.id,
    ownerId: t.proposer_id,
  };
  const amount = fen === null ? '' : `涉及资金${fenToYuan(fen)}元（${fenToYuan(fen / 10_000)}万元）。`;
  const docs: DocInput[] = [
    {
      ...base,
      kind: 'topic',
      objectId: t.id,
      part: 0,
      title: t.title,
      body: [t.description, amount, `提出人：${t.proposer_name}`].filter(Boolean).join('\n'),
      link: `/topics/${t.id}`,
    },
  ];
  const files = await db
    .selectFrom('attachments')
    .select(['id', 'filename', 'file_type', 'sha256'])
    .where('topic_id', '=', t.id)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
  for (const [i, a] of files.entries())
    docs.push({
      ...base,
      kind: 'attachment',
      objectId: a.id,
      part: i + 1,
      title: `${a.filename}（${t.title}）`,
      titleIndex: a.filename,
      body: await attachmentText(s, cache, a),
      context: t.title,
      link: `/topics/${t.id}#attachment-${a.id}`,
    });
  return docs;
}

/** A meeting's record: each topic's discussion, each opinion, each decision. */
async function recordDocs(db: Q, unitId: string, meetingId: string) {
  const m = await db
    .selectFrom('meetings')
    .select(['id', 'division_id', 'title', 'starts_at', 'status'])
    .where('unit_id', '=', unitId)
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!m) return [];
  const rows = await db
    .selectFrom('record_entries as r')
    .innerJoin('topics as t', 't.id', 'r.topic_id')
    .innerJoin('agenda_items as a', (j) =>
      j.onRef('a.meeting_id', '=', 'r.meeting_id').onRef('a.topic_id', '=', 'r.topic_id'),
    )
    .select(['r.id', 'r.topic_id', 'r.status', 'r.discussion', 'r.opinions', 'r.decisions', 'r.updated_at'])
    .select(['t.title', 't.category', 't.matter_flags', 'a.position'])
    .where('r.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .execute();
  const day = dayOf(m.starts_at);
  const docs: DocInput[] = [];
  for (const r of rows) {
    const base = {
      divisionId: m.division_id,
      year: yearOf(day),
      day,
      category: r.category,
      matterFlags: flagsOf(r.matter_flags),
      acl: 'meeting' as const,
      meetingId: m.id,
      topicId: r.topic_id,
      objectId: r.id,
    };
    const pos = toNumber(r.position);
    const topicTitle = `${m.title} · ${r.title}`;
    if (r.discussion.trim())
      docs.push({
        ...base,
        kind: 'record',
        part: pos * 1000,
        status: r.status,
        title: topicTitle,
        titleIndex: '',
        body: r.discussion,
        context: topicTitle,
        link: `/meetings/${m.id}#record-${r.topic_id}`,
      });
    (JSON.parse(r.opinions) as Opinion[]).forEach((o, i) => {
      if (!o.text.trim() && o.stance === 'no_opinion') return;
      docs.push({
        ...base,
        kind: 'opinion',
        part: pos * 1000 + 100 + i,
        status: o.stance,
        speakerId: o.speakerId,
        title: `${o.speakerName}（${STANCE_LABELS[o.stance]}${o.reservation ? '，保留意见' : ''}）· ${r.title}`,
        titleIndex: o.speakerName,
        body: o.text,
        context: topicTitle,
        link: `/meetings/${m.id}#opinion-${r.topic_id}-${i}`,
      });
    });
    (JSON.parse(r.decisions) as Decision[]).forEach((d, i) => {
      const who = [d.responsible, ...(d.coResponsible ?? []).map((p) => p.name)].filter(Boolean).join('、');
      docs.push({
        ...base,
        kind: 'decision',
        part: pos * 1000 + 500 + i,
        status: d.outcome,
        title: `议定事项（${OUTCOME_LABELS[d.outcome]}）· ${r.title}`,
        titleIndex: '',
        context: topicTitle,
        body: [d.text, who ? `责任：${who}` : '', d.deadline ? `时限：${d.deadline}` : '', d.note ?? '']
          .filter(Boolean)
          .join('\n'),
        link: `/meetings/${m.id}#decision-${r.topic_id}-${i}`,
      });
    });
  }
  return docs;
}

/** Issued minutes (and superseded versions, marked so), one row per topic section. */
async function minutesDocs(db: Q, unitId: string, id: string) {
  const n = await db
    .selectFrom('minutes as n')
    .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
    .select(['n.id', 'n.division_id', 'n.meeting_id', 'n.status', 'n.content', 'n.number', 'n.number_year'])
    .innerJoin('divisions as d', 'd.id', 'n.division_id')
    .select(['n.issued_at', 'm.starts_at', 'm.title as meeting_title', 'd.name as division_name'])
    .where('n.unit_id', '=', unitId)
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!n || (n.status !== 'issued' && n.status !== 'superseded')) return [];
  let content: MinutesContent;
  try {
    content = JSON.parse(n.content) as MinutesContent;
  } catch {
    return [];
  }
  const topics = content.sections.length
    ? await db
        .selectFrom('topics')
        .select(['id', 'category', 'matter_flags'])
        .where(
          'id',
          'in',
          content.sections.map((x) => x.topicId),
        )
        .execute()
    : [];
  const day = dayOf(n.issued_at ?? n.starts_at);
  const head = `${content.title}${n.number ? ` ${n.number}` : ''}`;
  const base = {
    divisionId: n.division_id,
    year: n.number_year === null ? yearOf(dayOf(n.starts_at)) : toNumber(n.number_year),
    day,
    status: n.status,
    acl: 'minutes' as const,
    meetingId: n.meeting_id,
    objectId: n.id,
  };
  if (content.sections.length === 0)
    return [
      {
        ...base,
        kind: 'minutes' as const,
        part: 0,
        category: null,
        matterFlags: [],
        title: head,
        titleIndex: `${n.division_name} ${n.number ?? ''}`,
        body: content.opening,
        link: `/minutes/${n.id}`,
      },
    ];
  return content.sections.map((x, i): DocInput => {
    const t = topics.find((y) => y.id === x.topicId);
    return {
      ...base,
      kind: 'minutes',
      part: i,
      topicId: x.topicId,
      category: t?.category ?? null,
      matterFlags: flagsOf(t?.matter_flags),
      title: `${head} ${x.heading}`,
      titleIndex: `${n.division_name} ${n.number ?? ''} ${x.heading}`,
      context: n.meeting_title,
      body: [x.marks, x.narrative, ...x.blocks.map((b) => b.text)].filter(Boolean).join('\n'),
      link: `/minutes/${n.id}#section-${x.topicId}`,
    };
  });
}

/** A tracked item (the decision, its parties, its reports) and the files reported with it. */
async function trackingDocs(s: Services, db: Q, unitId: string, id: string, cache: Map<string, string>) {
  const i = await db
    .selectFrom('tracking_items as i')
    .leftJoin('topics as t', 't.id', 'i.topic_id')
    .selectAll('i')
    .select('t.category')
    .where('i.unit_id', '=', unitId)
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!i) return [];
  const events = await db
    .selectFrom('tracking_events')
    .select(['text', 'actor_name'])
    .where('item_id', '=', id)
    .orderBy('seq')
    .execute();
  const co = (JSON.parse(i.co_responsible) as Array<{ name: string }>).map((p) => p.name);
  const day = dayOf(i.created_at);
  const base = {
    divisionId: i.division_id,
    year: yearOf(day),
    day,
    category: i.category,
    matterFlags: flagsOf(i.matter_flags),
    status: i.status,
    acl: 'tracking' as const,
    meetingId: i.source_meeting_id,
    topicId: i.topic_id,
    ownerId: i.responsible_user_id,
    sourceDivisionId: i.source_division_id,
    responsibleDivisionId: i.responsible_division_id,
    coIds: i.co_responsible_ids,
  };
  const docs: DocInput[] = [
    {
      ...base,
      kind: 'tracking',
      objectId: i.id,
      part: 0,
      title: `${i.topic_title}（督办 ${i.source_number}）`,
      titleIndex: '',
      context: `${i.topic_title} ${i.source_number}`,
      body: [
        i.wording,
        `责任：${[i.responsible_name, ...co].join('、')}`,
        i.deadline ? `时限：${i.deadline}` : '',
        i.note,
        ...events.filter((e) => e.text.trim()).map((e) => `${e.actor_name}：${e.text}`),
      ]
        .filter(Boolean)
        .join('\n'),
      link: `/tracking/${i.id}`,
    },
  ];
  // Only files bound to a report: an unreported upload is its uploader's alone (item-attachments.ts).
  const files = await db
    .selectFrom('tracking_attachments')
    .select(['id', 'filename', 'file_type', 'sha256'])
    .where('item_id', '=', id)
    .where('event_id', 'is not', null)
    .orderBy('created_at')
    .execute();
  for (const [n, a] of files.entries())
    docs.push({
      ...base,
      kind: 'attachment',
      objectId: a.id,
      part: n + 1,
      title: `${a.filename}（督办：${i.topic_title}）`,
      titleIndex: a.filename,
      body: await attachmentText(s, cache, a),
      context: i.topic_title,
      link: `/tracking/${i.id}#attachment-${a.id}`,
    });
  return docs;
}

/**
 * Rebuilds the index rows of one object in `trx`, the transaction of the change (R1.3: what is
 * saved is findable at once, and a rolled-back change leaves the index as it was). An object that
 * is gone, or not (yet) findable — minutes before issue — leaves no rows. Returns the row count.
 */
export async function indexObject(
  s: Services,
  trx: Q,
  unitId: string,
  source: SearchSource,
  id: string,
): Promise<number> {
  const cache = await storedAttachmentText(trx, unitId, source, id);
  let docs: DocInput[];
  if (source === 'topic') docs = await topicDocs(s, trx, unitId, id, cache);
  else if (source === 'record') docs = await recordDocs(trx, unitId, id);
  else if (source === 'minutes') docs = await minutesDocs(trx, unitId, id);
  else docs = await trackingDocs(s, trx, unitId, id, cache);
  await replaceDocs(s.db.kind, trx, unitId, source, id, docs, s.clock.now().toISOString());
  return docs.length;
}

/** Every object of a unit that the index holds rows of, by source. */
export async function indexedObjectsOf(db: Q, unitId: string): Promise<Array<[SearchSource, string]>> {
  const [topics, meetings, minutes, items] = await Promise.all([
    db.selectFrom('topics').select('id').where('unit_id', '=', unitId).orderBy('id').execute(),
    db
      .selectFrom('record_entries')
      .select('meeting_id')
      .distinct()
      .where('unit_id', '=', unitId)
      .orderBy('meeting_id')
      .execute(),
    db
      .selectFrom('minutes')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('status', 'in', ['issued', 'superseded'])
      .orderBy('id')
      .execute(),
    db.selectFrom('tracking_items').select('id').where('unit_id', '=', unitId).orderBy('id').execute(),
  ]);
  return [
    ...topics.map((r): [SearchSource, string] => ['topic', r.id]),
    ...meetings.map((r): [SearchSource, string] => ['record', r.meeting_id]),
    ...minutes.map((r): [SearchSource, string] => ['minutes', r.id]),
    ...items.map((r): [SearchSource, string] => ['tracking', r.id]),
  ];
}
