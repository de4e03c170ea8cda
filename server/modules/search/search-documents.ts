import type { z } from 'zod';
import type { searchQuery, SearchResultDto } from '../../../core/contracts/search.js';
import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import { markRanges, parseQuery, snippetOf } from '../../../core/search.js';
import { decodeCursor, encodeCursor } from '../../platform/db/cursor.js';
import type { Services } from '../../platform/services.js';
import { visibleDivisionsFiltered } from '../topics/topics.repository.js';
import { matchExpression, searchPass, sqliteScope, type Visibility } from './search.repository.js';
import { textTools } from './segmenter.js';

/** The deepest page a search goes: past it the words want narrowing, not more scrolling. */
const MAX_OFFSET = 1000;

/**
 * R1.3: finds minutes, records, opinions, decisions, tracked items, topics and attachment text by
 * their words, within what the actor may open (search.repository.ts visibilitySql). All the
 * query's words must be found; when no row holds them all, they are tried as prefixes. A division
 * filter outside the actor's divisions is 404, like every list.
 */
export async function searchDocuments(
  s: Services,
  actor: Actor,
  query: z.infer<typeof searchQuery>,
): Promise<SearchResultDto> {
  const divisions = await visibleDivisionsFiltered(s.db, actor, query.divisionId);
  const v: Visibility = { actor, all: can(actor, 'division.read_all'), divisions };
  const tools = textTools();
  const parsed = parseQuery(query.q, tools);
  const empty: SearchResultDto = { items: [], nextCursor: null, facets: query.cursor ? null : {}, prefix: false };
  if (parsed.tokens.length === 0) return empty;
  let offset = 0;
  let prefix = false;
  if (query.cursor) {
    const [o, p] = decodeCursor(query.cursor, 2, ['number', 'number']) as [number, number];
    if (!Number.isInteger(o) || o < 0 || o > MAX_OFFSET || (p !== 0 && p !== 1))
      throw new AppError('VALIDATION_FAILED', '分页游标无效，请从第一页重新加载');
    offset = o;
    prefix = p === 1;
  }
  const filters = {
    kind: query.kind,
    divisionId: query.divisionId,
    year: query.year,
    category: query.category,
    matterFlag: query.matterFlag,
    status: query.status,
    speakerId: query.speakerId,
  };
  const kind = s.db.kind;
  const db = s.db.kysely;
  const page = { offset, limit: query.limit + 1, facets: !query.cursor };
  const scope = sqliteScope(db, v);
  let pass = await searchPass(kind, db, v, matchExpression(kind, parsed.tokens, prefix), filters, page, scope);
  if (!query.cursor && Object.keys(pass.facets).length === 0) {
    // No row holds every word: the words as prefixes (a word cut differently in the text).
    const loose = await searchPass(kind, db, v, matchExpression(kind, parsed.tokens, true), filters, page, scope);
    if (Object.keys(loose.facets).length > 0) {
      pass = loose;
      prefix = true;
    }
  }
  const facets: SearchResultDto['facets'] = query.cursor ? null : pass.facets;
  const rows = pass.hits;
  const more = rows.length > query.limit && offset + query.limit <= MAX_OFFSET;
  return {
    items: rows.slice(0, query.limit).map((r) => {
      // The snippet is sought in the first 20,000 characters: a long file's text is not converted whole per hit.
      const snippet = snippetOf(r.body.slice(0, 20_000), parsed.marks, tools);
      return {
        kind: r.kind,
        id: r.object_id,
        title: r.title,
        titleHighlights: markRanges(r.title, parsed.marks, tools),
        snippet: snippet.text,
        highlights: snippet.highlights,
        link: r.link,
        divisionId: r.division_id,
        divisionName: r.division_name,
        day: r.day,
        status: r.status,
        superseded: r.kind === 'minutes' && r.status === 'superseded',
      };
    }),
    nextCursor: more ? encodeCursor([offset + query.limit, prefix ? 1 : 0]) : null,
    facets,
    prefix,
  };
}
