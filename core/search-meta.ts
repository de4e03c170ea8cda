import { SEARCH_KINDS, type SearchKind } from './search.js';

/*
 * The facts of a search row as words of the FTS5 index's third column (SQLite, 0018-search-meta;
 * the query side is server/modules/search/fts-meta.ts). A fact's word is a short prefix (zu unit,
 * zk kind, zd division, …) and its value as letters and digits; the user's words are never matched
 * in that column. Each kind's rows are numbered in their own range of ids.
 */

/** Each kind's rows are numbered from (its place + 1) × 2^40: the kind is `id / 2^40 - 1`. */
export const KIND_SPAN = 2 ** 40;
export const kindBase = (kind: SearchKind) => (SEARCH_KINDS.indexOf(kind) + 1) * KIND_SPAN;
export const kindOfId = (id: number): SearchKind | undefined => SEARCH_KINDS[Math.floor(id / KIND_SPAN) - 1];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A value as letters and digits, one unicode61 word, without collisions: a UUID without its
 * hyphens (32 hex digits), anything else `x` and the hex of its UTF-8 bytes.
 */
const encoded = (value: string) =>
  UUID.test(value)
    ? value.replaceAll('-', '').toLowerCase()
    : `x${[...new TextEncoder().encode(value)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
const hashed = (prefix: string, value: string) => `${prefix}${encoded(value)}`;
const word = (prefix: string, value: string | number) =>
  `${prefix}${String(value)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}`;

export const metaToken = {
  unit: (id: string) => hashed('zu', id),
  kind: (k: string) => word('zk', k),
  acl: (a: string) => word('za', a),
  division: (id: string) => hashed('zd', id),
  year: (y: number) => word('zy', y),
  status: (st: string) => word('zs', st),
  flag: (f: string) => word('zf', f),
  category: (c: string) => hashed('zc', c),
  speaker: (id: string) => hashed('zp', id),
  owner: (id: string) => hashed('zo', id),
  meeting: (id: string) => hashed('zm', id),
  topic: (id: string) => hashed('zt', id),
  sourceDivision: (id: string) => hashed('zx', id),
  responsibleDivision: (id: string) => hashed('zr', id),
  co: (id: string) => hashed('zq', id),
  minutes: (id: string) => hashed('zn', id),
};

/** The facts of a row that become its meta tokens. */
export interface MetaFacts {
  unit_id: string;
  kind: string;
  acl: string;
  division_id: string;
  status: string;
  year: number;
  owner_id: string | null;
  meeting_id: string | null;
  topic_id: string | null;
  source_division_id: string | null;
  responsible_division_id: string | null;
  co_ids: string | null;
  matter_flags: string;
  category: string | null;
  speaker_id: string | null;
  object_id: string;
}

export function metaTokensOf(r: MetaFacts): string {
  const t = metaToken;
  const out = [t.unit(r.unit_id), t.kind(r.kind), t.acl(r.acl), t.division(r.division_id), t.status(r.status)];
  out.push(t.year(Number(r.year)));
  for (const f of r.matter_flags.split(' ').filter(Boolean)) out.push(t.flag(f));
  if (r.category) out.push(t.category(r.category));
  if (r.speaker_id) out.push(t.speaker(r.speaker_id));
  if (r.owner_id) out.push(t.owner(r.owner_id));
  if (r.meeting_id) out.push(t.meeting(r.meeting_id));
  if (r.topic_id) out.push(t.topic(r.topic_id));
  if (r.source_division_id) out.push(t.sourceDivision(r.source_division_id));
  if (r.responsible_division_id) out.push(t.responsibleDivision(r.responsible_division_id));
  for (const c of (r.co_ids ?? '').split(' ').filter(Boolean)) out.push(t.co(c));
  if (r.acl === 'minutes') out.push(t.minutes(r.object_id));
  return out.join(' ');
}
