import { z } from 'zod';
import { id } from './common.js';
import { MATTER_FLAGS } from '../settings.js';
import { SEARCH_KINDS } from '../search.js';

// ---- full-text search (R1.3) ----

/** GET /api/search: the words, the filters (all optional) and the page. */
export const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  kind: z.enum(SEARCH_KINDS).optional(),
  divisionId: id.optional(),
  year: z.coerce.number().int().min(1990).max(2200).optional(),
  category: z.string().trim().min(1).max(40).optional(),
  matterFlag: z.enum(MATTER_FLAGS).optional(),
  status: z.string().trim().min(1).max(40).optional(),
  speakerId: id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** A highlighted range [start, end) of the text it comes with; the page marks it, the server sends no HTML. */
const range = z.tuple([z.number().int(), z.number().int()]);

export const searchHitDto = z.object({
  kind: z.enum(SEARCH_KINDS),
  /** The object found: topic, attachment, record entry, minutes, tracked item. */
  id: z.string(),
  title: z.string(),
  titleHighlights: z.array(range),
  snippet: z.string(),
  highlights: z.array(range),
  /** The page and place to open: the minutes' topic section, the record's opinion, … */
  link: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  day: z.string(),
  status: z.string(),
  /** Minutes replaced by a correction (更正): found, and marked so. */
  superseded: z.boolean(),
});

export const searchResultDto = z.object({
  items: z.array(searchHitDto),
  nextCursor: z.string().nullable(),
  /** Hits per kind within the actor's permission and the filters but the kind; on the first page only. */
  facets: z.partialRecord(z.enum(SEARCH_KINDS), z.number()).nullable(),
  /** No page held every word: the words were matched as prefixes. */
  prefix: z.boolean(),
});
export type SearchResultDto = z.infer<typeof searchResultDto>;
export type SearchHitDto = z.infer<typeof searchHitDto>;
