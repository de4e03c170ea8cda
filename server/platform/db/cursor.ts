import { sql, type SelectQueryBuilder, type Simplify, type SqlBool } from 'kysely';
import { AppError } from '../../../core/errors.js';

/** The sort key of the last row of a page, opaque to the client. */
export type CursorKey = ReadonlyArray<string | number>;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each key of a cursor must be: a string column or a number column. */
export type KeyType = 'string' | 'number';

/**
 * A cursor of `arity` keys (of these types, when given), or 400: a client
 * never gets a 500 for a tampered cursor.
 */
export function decodeCursor(cursor: string, arity: number, types?: readonly KeyType[]): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every(
        (k, i) =>
          ((typeof k === 'string' && k.length <= 100) || (typeof k === 'number' && Number.isFinite(k))) &&
          (!types || typeof k === types[i]),
      )
    )
      return key as CursorKey;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', '分页游标无效，请从第一页重新加载');
}

/**
 * One page from `limit + 1` fetched rows: the items, and the cursor after the
 * last one when more rows follow.
 */
export function pageOf<R>(rows: R[], limit: number, keyOf: (r: R) => CursorKey) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * The order of a cursor list: columns most significant first, the last one
 * unique (the tiebreaker), all in one direction so that "after the cursor" is
 * one row-value comparison an index on the same columns serves.
 */
export interface Keyset<R> {
  columns: readonly string[];
  types: readonly KeyType[];
  direction: 'asc' | 'desc';
  /** The row's values of `columns`, in their order: what the next cursor holds. */
  key: (row: R) => CursorKey;
}

/** A page request: after this cursor (none: the first page), at most `limit` rows. */
export interface PageRequest {
  cursor?: string | undefined;
  limit: number;
}

/**
 * Keyset paging (no OFFSET): the rows after the cursor in the keyset's order,
 * one more than the limit so `pageOf` knows whether another page follows.
 * A cursor that does not decode to the keyset's keys is a 400.
 */
export function keysetQuery<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset<never>,
  page: PageRequest,
): SelectQueryBuilder<DB, TB, O> {
  const cols = keyset.columns.map((c) => sql.ref(c));
  if (page.cursor) {
    const after = decodeCursor(page.cursor, keyset.columns.length, keyset.types);
    const op = sql.raw(keyset.direction === 'desc' ? '<' : '>');
    q = q.where(sql<SqlBool>`(${sql.join(cols)}) ${op} (${sql.join(after.map((v) => sql.val(v)))})`);
  }
  for (const c of cols) q = q.orderBy(c, keyset.direction);
  return q.limit(page.limit + 1);
}

/** Runs a keyset query and cuts its page: items and the next cursor (null on the last page). */
export async function keysetPage<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset<Simplify<O>>,
  page: PageRequest,
): Promise<{ items: Simplify<O>[]; nextCursor: string | null }> {
  const rows = await keysetQuery(q, keyset, page).execute();
  return pageOf(rows, page.limit, keyset.key);
}
