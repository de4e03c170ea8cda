import { useCallback, useState } from 'react';
import { api, qs } from './client';
import { useResource, useShowError } from './hooks';

/** One page of a cursor list as the server sends it (`core/contracts/common.ts` cursorPage), plus any extras. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The rows loaded so far of a cursor list, and how to load the next page. */
export interface CursorList<T, P extends CursorPage<T> = CursorPage<T>> {
  items: T[];
  /** The first page's response: extras such as a count travel on it. */
  first: P | undefined;
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => Promise<void>;
  /** Fetches the first page again and drops the later ones. */
  reload: () => Promise<void>;
}

type Params = Record<string, string | number | undefined | null>;

/**
 * A list read page by page after the server's opaque cursor: never whole. The
 * first page is an ordinary resource; later pages hang on it, so a new first
 * page (other filters, a reload) drops them and a page that arrives for a
 * first page no longer shown is dropped too.
 */
export function useCursorList<T, P extends CursorPage<T> = CursorPage<T>>(
  path: string | null,
  params: Params = {},
): CursorList<T, P> {
  const url = path === null ? null : `${path}${qs(params)}`;
  const first = useResource<P>(url);
  const [more, setMore] = useState<{ after: P; items: T[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const showError = useShowError();
  const base = first.data;
  const mine = more && more.after === base ? more : null;
  const next = mine ? mine.next : (base?.nextCursor ?? null);

  const loadMore = useCallback(async () => {
    if (url === null || !base || !next || first.loading) return;
    setLoadingMore(true);
    try {
      const p = await api.getUrl<P>(`${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`);
      setMore((m) => {
        const prior = m && m.after === base ? m : null;
        if ((prior ? prior.next : base.nextCursor) !== next) return m; // a page for another cursor
        return { after: base, items: [...(prior?.items ?? []), ...p.items], next: p.nextCursor };
      });
    } catch (e) {
      showError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [url, base, next, first.loading, showError]);

  return {
    items: [...(base?.items ?? []), ...(mine?.items ?? [])],
    first: base,
    loading: first.loading,
    hasMore: next !== null,
    loadingMore,
    loadMore,
    reload: first.reload,
  };
}
