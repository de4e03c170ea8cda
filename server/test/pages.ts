import { expect } from 'vitest';
import { codeOf, type Client } from './harness.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const withParam = (url: string, k: string, v: string | number) =>
  `${url}${url.includes('?') ? '&' : '?'}${k}=${encodeURIComponent(String(v))}`;

/**
 * Every item of a cursor list, page after page at `limit` each: each page is a
 * 200, no longer than the limit, and full unless it is the last.
 */
export async function walkPages<T>(c: Client, url: string, limit = 100): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await c.get(withParam(cursor ? withParam(url, 'cursor', cursor) : url, 'limit', limit));
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    const p = res.json() as Page<T>;
    expect(p.items.length).toBeLessThanOrEqual(limit);
    if (p.nextCursor) expect(p.items.length).toBe(limit);
    items.push(...p.items);
    cursor = p.nextCursor;
    pages++;
    if (pages > 1000) throw new Error(`${url}: the cursor never ends`);
  } while (cursor);
  return { items, pages };
}

/**
 * The cursor contract of one list: walked at `limit`, it spans several pages
 * and yields exactly the rows of one unpaged read (`expected` ids), without a
 * duplicate or a gap, each row at or after the one before in the list's order;
 * a garbage or tampered cursor and a limit past 100 are 400s with a code.
 */
export async function expectCursorList<T>(
  c: Client,
  url: string,
  o: { limit: number; expected: readonly string[]; idOf: (t: T) => string; ordered: (a: T, b: T) => boolean },
): Promise<T[]> {
  const { items, pages } = await walkPages<T>(c, url, o.limit);
  expect(pages, url).toBeGreaterThan(1);
  const ids = items.map(o.idOf);
  expect(new Set(ids).size, `${url}: duplicates`).toBe(ids.length);
  expect([...ids].sort(), `${url}: gaps`).toEqual([...o.expected].sort());
  for (let i = 1; i < items.length; i++) expect(o.ordered(items[i - 1] as T, items[i] as T), `${url} #${i}`).toBe(true);

  for (const cursor of ['not-a-cursor!', Buffer.from('[1,2,3,4,5,6]').toString('base64url'), 'e30']) {
    const bad = await c.get(withParam(url, 'cursor', cursor));
    expect(bad.statusCode, `${url} cursor ${cursor}: ${bad.body}`).toBe(400);
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect((bad.json() as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  for (const limit of [101, 0, -1]) {
    const res = await c.get(withParam(url, 'limit', limit));
    expect(res.statusCode, `${url} limit ${limit}`).toBe(400);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
  }
  return items;
}
