import { useCallback, useEffect, useRef, useState } from 'react';
import { api, qs } from './client';
import { useShowError } from './hooks';

/** One page of a cursor list as the server sends it (`core/contracts.ts` cursorPage), plus any extras. */
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
 * A list read page by page after the server's opaque cursor: never whole. A
 * change of the path or the filters starts over at the first page; a page
 * that arrives for filters no longer shown is dropped.
 */
export function useCursorList<T, P extends CursorPage<T> = CursorPage<T>>(
  path: string | null,
  params: Params = {},
): CursorList<T, P> {
  const url = path === null ? null : `${path}${qs(params)}`;
  const [state, setState] = useState<{ url: string | null; first?: P; items: T[]; next: string | null }>({
    url: null,
    items: [],
    next: null,
  });
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const current = useRef(url);
  current.current = url;
  const showError = useShowError();

  const reload = useCallback(async () => {
    if (url === null) return;
    setLoading(true);
    try {
      const p = await api.get<P>(url);
      if (current.current === url) setState({ url, first: p, items: p.items, next: p.nextCursor });
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, [url, showError]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const shown = state.url === url ? state : { url, items: [] as T[], next: null, first: undefined };
  const loadMore = useCallback(async () => {
    if (url === null || state.url !== url || !state.next) return;
    const cursor = state.next;
    setLoadingMore(true);
    try {
      const sep = url.includes('?') ? '&' : '?';
      const p = await api.get<P>(`${url}${sep}cursor=${encodeURIComponent(cursor)}`);
      setState((s) =>
        s.url === url && s.next === cursor ? { ...s, items: [...s.items, ...p.items], next: p.nextCursor } : s,
      );
    } catch (e) {
      showError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [url, state.url, state.next, showError]);

  return {
    items: shown.items,
    first: shown.first,
    loading,
    hasMore: shown.next !== null,
    loadingMore,
    loadMore,
    reload,
  };
}
