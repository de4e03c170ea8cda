import { sql, type Kysely, type RawBuilder } from 'kysely';
import { indexTokens, type SearchKind } from '../../../core/search.js';
import type { Actor } from '../../../core/policy.js';
import type { MatterFlag } from '../../../core/settings.js';
import type { Database, SearchDocumentsTable } from '../../platform/db/schema.js';
import type { DbKind } from '../../platform/db/database.js';
import type { Tx } from '../../platform/services.js';
import { textTools } from './segmenter.js';
import { reachOf, sqliteMatch, type Reach } from './fts-meta.js';
import { KIND_SPAN, kindBase, kindOfId, metaTokensOf } from '../../../core/search-meta.js';

type Q = Kysely<Database> | Tx;

/** One row of the index as the indexer builds it; tokens are made here. */
export interface DocInput {
  kind: SearchKind;
  objectId: string;
  part: number;
  divisionId: string;
  year: number;
  day: string;
  category: string | null;
  matterFlags: readonly MatterFlag[];
  status: string;
  speakerId?: string | null;
  /** What the hit shows as its title. */
  title: string;
  /**
   * The words that rank as a title (weighted): the document's own name — a topic's title, a
   * section's number and heading, a file's name, a speaker — not its parent's; default `title`.
   */
  titleIndex?: string;
  body: string;
  /** Words it is found by besides its body (its topic, its meeting), ranked as body, not shown. */
  context?: string;
  link: string;
  acl: 'topic' | 'meeting' | 'minutes' | 'tracking';
  meetingId?: string | null;
  topicId?: string | null;
  ownerId?: string | null;
  sourceDivisionId?: string | null;
  responsibleDivisionId?: string | null;
  coIds?: string | null;
}

/** PostgreSQL: search_documents with its dialect column (0013), for the writes that set it. */
interface PgSearchDb {
  search_documents: Omit<SearchDocumentsTable, 'id'> & { tsv: string };
}

/** SQLite: search_documents with its dialect column (0018) and an id in its kind's range. */
interface SqliteSearchDb {
  search_documents: SearchDocumentsTable & { meta_tokens: string };
}

/** SQLite: the next free id of each kind's range (writers are serialised, so max + 1 is safe). */
async function nextIds(db: Q, kinds: Iterable<SearchKind>): Promise<Map<SearchKind, number>> {
  const next = new Map<SearchKind, number>();
  for (const k of new Set(kinds)) {
    const lo = kindBase(k);
    const row = await sql<{ m: number | null }>`select max(id) as m from search_documents
      where id >= ${sql.raw(String(lo))} and id < ${sql.raw(String(lo + KIND_SPAN))}`.execute(db);
    next.set(k, Number(row.rows[0]?.m ?? lo) + 1);
  }
  return next;
}

/** Rows per multi-row INSERT: under SQLite's bound-parameter limit with room to spare. */
const BATCH = 200;

/**
 * A tsvector literal of the tokens, no text-search parser in between (the same words as SQLite's
 * FTS5 sees): title words at weight A, body words at D, positions in order (capped as PostgreSQL
 * caps them). Tokens are letters and digits only, so quoting needs no escapes.
 */
export function tsvectorLiteral(title: readonly string[], body: readonly string[]): string {
  const at = new Map<string, string[]>();
  const add = (t: string, pos: number, weight: string) => {
    const list = at.get(t) ?? [];
    if (list.length < 256) list.push(`${Math.min(pos, 16383)}${weight}`);
    at.set(t, list);
  };
  title.forEach((t, i) => add(t, i + 1, 'A'));
  body.forEach((t, i) => add(t, title.length + i + 1, ''));
  return [...at].map(([t, p]) => `'${t}':${p.join(',')}`).join(' ');
}

/** The text of the attachments already indexed under this source: a rebuild does not parse the files again. */
export async function storedAttachmentText(
  db: Q,
  unitId: string,
  source: string,
  sourceId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('search_documents')
    .select(['object_id', 'body'])
    .where('unit_id', '=', unitId)
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .where('kind', '=', 'attachment')
    .execute();
  return new Map(rows.map((r) => [r.object_id, r.body]));
}

/** Replaces the index rows of one source object with `docs`. */
export async function replaceDocs(
  kind: DbKind,
  db: Q,
  unitId: string,
  source: string,
  sourceId: string,
  docs: readonly DocInput[],
  now: string,
): Promise<void> {
  await db
    .deleteFrom('search_documents')
    .where('unit_id', '=', unitId)
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .execute();
  await insertDocs(kind, db, unitId, source, sourceId, docs, now);
}

/** Inserts index rows, tokenising their title and body, in multi-row batches. */
export async function insertDocs(
  kind: DbKind,
  db: Q,
  unitId: string,
  source: string,
  sourceId: string,
  docs: readonly DocInput[],
  now: string,
): Promise<void> {
  const tools = textTools();
  for (let i = 0; i < docs.length; i += BATCH) {
    const rows = docs.slice(i, i + BATCH).map((d) => {
      const title = indexTokens(d.titleIndex ?? d.title, tools);
      const body = indexTokens(d.context ? `${d.body}\n${d.context}` : d.body, tools);
      return {
        row: {
          unit_id: unitId,
          kind: d.kind,
          source,
          source_id: sourceId,
          object_id: d.objectId,
          part: d.part,
          division_id: d.divisionId,
          year: d.year,
          day: d.day,
          category: d.category,
          matter_flags: ` ${d.matterFlags.join(' ')} `,
          status: d.status,
          speaker_id: d.speakerId ?? null,
          title: d.title.replaceAll('\u0000', ' '),
          body: d.body.replaceAll('\u0000', ' '),
          title_tokens: title.join(' '),
          tokens: body.join(' '),
          link: d.link,
          acl: d.acl,
          meeting_id: d.meetingId ?? null,
          topic_id: d.topicId ?? null,
          owner_id: d.ownerId ?? null,
          source_division_id: d.sourceDivisionId ?? null,
          responsible_division_id: d.responsibleDivisionId ?? null,
          co_ids: d.coIds ?? null,
          updated_at: now,
        },
        title,
        body,
      };
    });
    if (kind === 'postgres') {
      await (db as unknown as Kysely<PgSearchDb>)
        .insertInto('search_documents')
        .values(rows.map((r) => ({ ...r.row, tsv: tsvectorLiteral(r.title, r.body) })))
        .execute();
    } else {
      const next = await nextIds(
        db,
        rows.map((r) => r.row.kind),
      );
      await (db as unknown as Kysely<SqliteSearchDb>)
        .insertInto('search_documents')
        .values(
          rows.map((r) => {
            const id = next.get(r.row.kind) ?? kindBase(r.row.kind);
            next.set(r.row.kind, id + 1);
            return { ...r.row, id, meta_tokens: metaTokensOf(r.row) };
          }),
        )
        .execute();
    }
  }
}

/** Empties a unit's index (before a rebuild). */
export async function clearUnit(db: Q, unitId: string): Promise<void> {
  await db.deleteFrom('search_documents').where('unit_id', '=', unitId).execute();
}

// ---------------------------------------------------------------- the query

/** What the actor may open, as the modules decide it, in the index's terms. */
export interface Visibility {
  actor: Actor;
  /** Sees every division's business (principal leader, discipline secretary, supervision office). */
  all: boolean;
  /** Divisions whose business the actor may see (own and supervised). */
  divisions: readonly string[];
}

export interface SearchFilters {
  kind?: SearchKind | undefined;
  divisionId?: string | undefined;
  year?: number | undefined;
  category?: string | undefined;
  matterFlag?: MatterFlag | undefined;
  status?: string | undefined;
  speakerId?: string | undefined;
}

const NONE = ['-'];
const list = (xs: readonly string[]) => sql.join((xs.length ? xs : NONE).map((x) => sql`${x}`));

/**
 * The permission rule of each module, over the index's columns (R1.3: no hit, count or snippet of
 * anything the actor cannot open):
 *  - topic: its proposer; past draft, who sees the division, and who is invited to a meeting whose
 *    agenda holds it (readableTopic);
 *  - meeting (record, opinions, decisions): who sees the division, and its participants — not an
 *    observer from outside (internalMeeting);
 *  - minutes: as the meeting, and whoever it was distributed to, in person or to their division
 *    (readableMinutes);
 *  - tracking: the parties, the leaders of the accountable and the deciding division, their
 *    supervising leaders, or everyone who sees all divisions (trackingAbilities.read).
 */
export function visibilitySql(v: Visibility): RawBuilder<boolean> {
  const me = v.actor.userId;
  const unit = v.actor.unitId;
  const mine = v.actor.memberships.map((m) => m.divisionId);
  const led = v.actor.memberships
    .filter((m) => m.position === 'head' || m.position === 'deputy')
    .map((m) => m.divisionId);
  const sup = v.actor.supervisedDivisionIds;
  const participant = sql`(select p.meeting_id from participants p where p.unit_id = ${unit} and p.user_id = ${me} and p.role = 'participant')`;
  const seen = v.all ? sql`1 = 1` : sql`d.division_id in (${list(v.divisions)})`;
  // From the actor's invitations to their meetings' agendas (participants_user, then by meeting).
  const topic = sql`(d.owner_id = ${me} or (d.status <> 'draft' and (${seen} or d.topic_id in (
      select a.topic_id from participants p join agenda_items a on a.meeting_id = p.meeting_id
      where p.unit_id = ${unit} and p.user_id = ${me}))))`;
  const meeting = v.all ? sql`1 = 1` : sql`(${seen} or d.meeting_id in ${participant})`;
  const minutes = v.all
    ? sql`1 = 1`
    : sql`(${seen} or d.meeting_id in ${participant} or d.object_id in (
      select e.minutes_id from distribution_entries e where e.unit_id = ${unit}
      and (e.recipient_id = ${me} or e.recipient_division_id in (${list(mine)}))))`;
  const tracking = v.all
    ? sql`1 = 1`
    : sql`(d.owner_id = ${me} or d.co_ids like ${`% ${me} %`}
      or d.division_id in (${list(led)}) or d.source_division_id in (${list(led)})
      or d.responsible_division_id in (${list(mine)})
      or d.division_id in (${list(sup)}) or d.source_division_id in (${list(sup)}))`;
  return sql<boolean>`((d.acl = 'topic' and ${topic}) or (d.acl = 'meeting' and ${meeting})
    or (d.acl = 'minutes' and ${minutes}) or (d.acl = 'tracking' and ${tracking}))`;
}

function filterSql(f: SearchFilters, withKind: boolean): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (withKind && f.kind) parts.push(sql`d.kind = ${f.kind}`);
  if (f.divisionId) parts.push(sql`d.division_id = ${f.divisionId}`);
  if (f.year) parts.push(sql`d.year = ${f.year}`);
  if (f.category) parts.push(sql`d.category = ${f.category}`);
  if (f.matterFlag) parts.push(sql`d.matter_flags like ${`% ${f.matterFlag} %`}`);
  if (f.status) parts.push(sql`d.status = ${f.status}`);
  if (f.speakerId) parts.push(sql`d.speaker_id = ${f.speakerId}`);
  return parts.length ? sql<boolean>`${sql.join(parts, sql` and `)}` : sql<boolean>`1 = 1`;
}

/** The dialect's full-text match of all tokens (AND), exact or as prefixes. */
export function matchExpression(kind: DbKind, tokens: readonly string[], prefix: boolean): string {
  // Tokens are letters and digits only (core/search.ts): nothing in them is query syntax. PostgreSQL
  // reads the literal as a tsquery without a parser, as the tsvector was written.
  if (kind === 'postgres') return tokens.map((t) => `'${t}'${prefix ? ':*' : ''}`).join(' & ');
  // The words only in the title and text columns (the meta column holds the row's facts, fts-meta.ts).
  return `{title_tokens tokens} : (${tokens.map((t) => `"${t}"${prefix ? '*' : ''}`).join(' ')})`;
}

/** PostgreSQL: the matching rows of the unit, filtered and scoped, as a FROM/WHERE fragment; `score` ascending is best. */
function matched(unitId: string, match: string, where: RawBuilder<boolean>) {
  return {
    from: sql`search_documents d cross join cast(${match} as tsquery) q`,
    where: sql`d.tsv @@ q and d.unit_id = ${unitId} and ${where}`,
    score: sql`-ts_rank(d.tsv, q)`,
  };
}

export interface HitRow {
  id: number;
  kind: SearchKind;
  object_id: string;
  division_id: string;
  division_name: string;
  day: string;
  status: string;
  title: string;
  body: string;
  link: string;
  score: number;
}

/**
 * One pass over the matches (R1.3): the rows the actor may open that pass the filters but the kind
 * are gathered once; from them, the count per kind (when `facets`) and the ids of a page of hits of
 * the asked kind, best first (then by row id). Then the page's rows are read by id.
 */
export async function searchPass(
  kind: DbKind,
  db: Q,
  v: Visibility,
  match: string,
  f: SearchFilters,
  page: { offset: number; limit: number; facets: boolean },
  scope: () => Promise<SqliteScope> = sqliteScope(db, v),
): Promise<{ facets: Partial<Record<SearchKind, number>>; hits: HitRow[] }> {
  if (kind === 'sqlite') return sqlitePass(db, v, match, f, page, await scope());
  const m = matched(v.actor.unitId, match, sql<boolean>`${filterSql(f, false)} and ${visibilitySql(v)}`);
  const ofKind = f.kind ? sql`where kind = ${f.kind}` : sql``;
  const hitsOf = sql`select 'hit' as what, null as kind, id, score from (
      select id, score from m ${ofKind} order by score, id limit ${page.limit} offset ${page.offset}) h`;
  const res = await sql<{ what: string; kind: SearchKind | null; id: number | string | null; score: number | null }>`
    with m as materialized (select d.id, d.kind, ${m.score} as score from ${m.from} where ${m.where})
    ${page.facets ? sql`select 'facet' as what, kind, count(*) as id, null as score from m group by kind union all` : sql``}
    ${hitsOf}`.execute(db);
  const facets: Partial<Record<SearchKind, number>> = {};
  const order = new Map<number, number>();
  for (const r of res.rows) {
    if (r.what === 'facet' && r.kind) facets[r.kind] = Number(r.id);
    else if (r.what === 'hit') order.set(Number(r.id), Number(r.score));
  }
  return { facets, hits: await hitRows(db, order) };
}

/** What a SQLite pass needs besides the words: the actor's reach (fts-meta.ts) and whether the database holds one unit. */
export interface SqliteScope {
  reach: Reach | null;
  oneUnit: boolean;
}

/**
 * The scope of one search, read when a SQLite pass first needs it and then shared by its passes
 * (the exact words, then as prefixes): read per search, never kept between searches — a
 * participant added or a second unit created counts from the next search on.
 */
export function sqliteScope(db: Q, v: Visibility): () => Promise<SqliteScope> {
  let loaded: Promise<SqliteScope> | undefined;
  return () =>
    (loaded ??= Promise.all([
      v.all ? null : reachOf(db, v),
      sql<{ n: number }>`select count(*) as n from units`.execute(db),
    ]).then(([reach, units]) => ({ reach, oneUnit: Number(units.rows[0]?.n ?? 0) === 1 })));
}

/**
 * SQLite's pass (fts-meta.ts): the scope and filters are part of the MATCH expression, a row's
 * kind is its id's range — the counts per kind and the page of ids come from the FTS5 index
 * alone, in one materialised pass; only the page's rows are read.
 */
async function sqlitePass(
  db: Q,
  v: Visibility,
  words: string,
  f: SearchFilters,
  page: { offset: number; limit: number; facets: boolean },
  scope: SqliteScope,
): Promise<{ facets: Partial<Record<SearchKind, number>>; hits: HitRow[] }> {
  const match = sqliteMatch(words, v, f, scope.reach, scope.oneUnit);
  // Integer bounds as literals: a bound JS number is a REAL to SQLite. KIND_SPAN is 2^40 (id >> 40 is the kind).
  const lo = f.kind ? kindBase(f.kind) : 0;
  const ofKind = f.kind ? sql`where id >= ${sql.raw(String(lo))} and id < ${sql.raw(String(lo + KIND_SPAN))}` : sql``;
  const res = await sql<{ what: string; k: number | null; id: number | null; score: number | null }>`
    with m as materialized (select rowid as id, bm25(search_fts, 4.0, 1.0, 0.0) as score
      from search_fts where search_fts match ${match})
    ${page.facets ? sql`select 'facet' as what, id >> 40 as k, count(*) as id, null as score from m group by k union all` : sql``}
    select 'hit' as what, null as k, id, score from (
      select id, score from m ${ofKind} order by score, id limit ${page.limit} offset ${page.offset}) h`.execute(db);
  const facets: Partial<Record<SearchKind, number>> = {};
  const order = new Map<number, number>();
  for (const r of res.rows) {
    if (r.what === 'facet') {
      const k = kindOfId(Number(r.k) * KIND_SPAN);
      if (k) facets[k] = Number(r.id);
    } else order.set(Number(r.id), Number(r.score));
  }
  return { facets, hits: await hitRows(db, order) };
}

/** The page's rows by id, in the order of their scores. */
async function hitRows(db: Q, order: Map<number, number>): Promise<HitRow[]> {
  if (order.size === 0) return [];
  const rows = await sql<Omit<HitRow, 'score'>>`
    select d.id, d.kind, d.object_id, d.division_id, v.name as division_name, d.day, d.status, d.title, d.body, d.link
    from search_documents d join divisions v on v.id = d.division_id
    where d.id in (${sql.join([...order.keys()].map((id) => sql`${id}`))})`.execute(db);
  return rows.rows
    .map((r) => ({ ...r, id: Number(r.id), score: order.get(Number(r.id)) ?? 0 }))
    .sort((a, b) => a.score - b.score || a.id - b.id);
}

/** The raw full-text query of the same tokens (no join, no scope, no filter): the bench's yardstick. */
export async function rawTopIds(kind: DbKind, db: Q, match: string, limit: number): Promise<number[]> {
  const res =
    kind === 'postgres'
      ? await sql<{ id: number }>`select id from search_documents, cast(${match} as tsquery) q
          where tsv @@ q order by ts_rank(tsv, q) desc limit ${limit}`.execute(db)
      : await sql<{ id: number }>`select rowid as id from search_fts where search_fts match ${match}
          order by bm25(search_fts, 4.0, 1.0, 0.0) limit ${limit}`.execute(db);
  return res.rows.map((r) => Number(r.id));
}
