import { AppError } from '../../../core/errors.js';

/** The sort key of the last row of a page, opaque to the client. */
export type CursorKey = ReadonlyArray<string | number>;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A cursor of `arity` keys, or 400: a client never gets a 500 for a tampered cursor. */
export function decodeCursor(cursor: string, arity: number): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => (typeof k === 'string' && k.length <= 100) || (typeof k === 'number' && Number.isFinite(k)))
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
