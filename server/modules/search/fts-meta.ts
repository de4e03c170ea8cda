import { sql, type Kysely } from 'kysely';
import { metaToken } from '../../../core/search-meta.js';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import type { SearchFilters, Visibility } from './search.repository.js';

/*
 * SQLite's search in one pass over the FTS5 index, without reading search_documents per match
 * (R1.3, issue 14's speed aim). Each row's filter and permission facts are also written as
 * tokens into a third FTS5 column, `meta_tokens` (weight 0 in bm25): the unit, the kind, the
 * division, year, status, matter flags, category, speaker, and the permission facts (the rule,
 * owner, meeting, topic, deciding and responsible divisions, co-responsible people, the minutes'
 * id). The scope and the filters then become part of the MATCH expression — `visibilitySql`'s rules
 * as a boolean query over those tokens — and a row's kind is its rowid's high bits (each kind's
 * rows are numbered in their own range), so the counts per kind need no row either.
 * The tokens themselves are core/search-meta.ts (the migration that added the column writes them
 * too); the user's words are matched only in the title and text columns, never in this one.
 */

/** A token no row carries: an empty list of alternatives matches nothing. */
const NOTHING = 'zznothing';

const anyOf = (tokens: readonly string[]) => `(${tokens.length ? [...new Set(tokens)].join(' OR ') : NOTHING})`;

/** The filters but the kind, as tokens every matching row must carry. */
export function filterTokens(f: SearchFilters): string[] {
  const t = metaToken;
  const out: string[] = [];
  if (f.divisionId) out.push(t.division(f.divisionId));
  if (f.year) out.push(t.year(f.year));
  if (f.category) out.push(t.category(f.category));
  if (f.matterFlag) out.push(t.flag(f.matterFlag));
  if (f.status) out.push(t.status(f.status));
  if (f.speakerId) out.push(t.speaker(f.speakerId));
  return out;
}

/** What lies outside the divisions an actor sees but is open to them all the same. */
export interface Reach {
  /** Meetings they take part in (not as an observer). */
  meetings: string[];
  /** Topics on the agenda of a meeting they are invited to (in any role). */
  topics: string[];
  /** Minutes distributed to them or to one of their divisions. */
  minutes: string[];
}

/**
 * The meetings, topics and minutes of other divisions an actor may open (the ids `visibilitySql`
 * reaches through subqueries), read once per search. Their own divisions' need no list.
 */
export async function reachOf(db: Kysely<Database> | Tx, v: Visibility): Promise<Reach> {
  const me = v.actor.userId;
  const unit = v.actor.unitId;
  const mine = v.actor.memberships.map((m) => m.divisionId);
  const seen = v.divisions.length ? v.divisions : ['-'];
  const list = (xs: readonly string[]) => sql.join((xs.length ? xs : ['-']).map((x) => sql`${x}`));
  const [meetings, topics, minutes] = await Promise.all([
    sql<{ id: string }>`select m.id from participants p join meetings m on m.id = p.meeting_id
      where p.unit_id = ${unit} and p.user_id = ${me} and p.role = 'participant'
      and m.division_id not in (${list(seen)})`.execute(db),
    sql<{ id: string }>`select distinct a.topic_id as id from participants p
      join agenda_items a on a.meeting_id = p.meeting_id join topics t on t.id = a.topic_id
      where p.unit_id = ${unit} and p.user_id = ${me} and t.division_id not in (${list(seen)})`.execute(db),
    sql<{ id: string }>`select distinct e.minutes_id as id from distribution_entries e
      join minutes n on n.id = e.minutes_id
      where e.unit_id = ${unit} and (e.recipient_id = ${me} or e.recipient_division_id in (${list(mine)}))
      and n.division_id not in (${list(seen)})`.execute(db),
  ]);
  return {
    meetings: meetings.rows.map((r) => r.id),
    topics: topics.rows.map((r) => r.id),
    minutes: minutes.rows.map((r) => r.id),
  };
}

/**
 * `visibilitySql` as a boolean FTS5 query over the meta tokens, for an actor who does not see every
 * division (who does needs none). The four modules' rules:
 *  - topic: its proposer; past draft, who sees the division or is invited to a meeting with it;
 *  - meeting: who sees the division, and its participants;
 *  - minutes: as the meeting, and whoever it was distributed to;
 *  - tracking: the parties, the leaders of the accountable and the deciding division, and their
 *    supervising leaders.
 */
export function visibilityExpr(v: Visibility, reach: Reach): string {
  const t = metaToken;
  const me = v.actor.userId;
  const mine = v.actor.memberships.map((m) => m.divisionId);
  const led = v.actor.memberships
    .filter((m) => m.position === 'head' || m.position === 'deputy')
    .map((m) => m.divisionId);
  const sup = v.actor.supervisedDivisionIds;
  const seen = v.divisions.map(t.division);
  const meetings = reach.meetings.map(t.meeting);
  const topic = `(${t.acl('topic')} AND (${t.owner(me)} OR (${anyOf([...seen, ...reach.topics.map(t.topic)])} NOT ${t.status('draft')})))`;
  const meeting = `(${t.acl('meeting')} AND ${anyOf([...seen, ...meetings])})`;
  const minutes = `(${t.acl('minutes')} AND ${anyOf([...seen, ...meetings, ...reach.minutes.map(t.minutes)])})`;
  const tracking = `(${t.acl('tracking')} AND ${anyOf([
    t.owner(me),
    t.co(me),
    ...led.map(t.division),
    ...led.map(t.sourceDivision),
    ...mine.map(t.responsibleDivision),
    ...sup.map(t.division),
    ...sup.map(t.sourceDivision),
  ])})`;
  return `(${topic} OR ${meeting} OR ${minutes} OR ${tracking})`;
}

/** The whole SQLite MATCH expression: the words in the text columns, the unit, filters and scope in the meta column. */
export function sqliteMatch(
  words: string,
  v: Visibility,
  f: SearchFilters,
  reach: Reach | null,
  oneUnit: boolean,
): string {
  const t = metaToken;
  // The unit's word is every row's when the database holds one unit: then it is left out, not merged.
  const meta = [...(oneUnit ? [] : [t.unit(v.actor.unitId)]), ...filterTokens(f)];
  if (!v.all && reach) meta.push(visibilityExpr(v, reach));
  const q = meta.length ? `${words} AND meta_tokens : (${meta.join(' AND ')})` : words;
  if (!v.all) return q;
  // Who sees every division still does not see another's draft topic (readableTopic).
  return `(${q}) NOT meta_tokens : ((${t.acl('topic')} AND ${t.status('draft')}) NOT ${t.owner(v.actor.userId)})`;
}
