import { z } from 'zod';

/** Shapes every module's contracts share: ids, text limits, version bodies and list pages. */

export const id = z.string().min(1).max(64);
/** Trimmed non-empty text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);
/** Optimistic lock: the version the client last read. */
export const versionBody = z.strictObject({ version: z.int().min(1) });

/** An approver's or reader's optional comment (issue 15): at most 500 characters; blank is none. */
export const optionalComment = z.string().trim().max(500).optional();

/** A list read page by page after an opaque cursor, never unbounded: `limit` items at most. */
export const cursorParams = {
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
};
/** One page of a cursor list; `nextCursor` is null on the last page. */
export function cursorPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
