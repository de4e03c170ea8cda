import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { PathOf, ResponseOf } from '../../../core/contracts/endpoints';
import type { DivisionDto } from '../../../core/contracts/org';
import { ApiError, api, urlOf, type ReadArgs } from './client';

/** Shows a server error's Chinese message; the caller decides what to reload. */
export function useShowError(): (e: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError) {
        if (e.status === 401 || e.code === 'PASSWORD_CHANGE_REQUIRED') return; // the shell redirects
        message.error(e.message);
      } else {
        message.error(String(e));
      }
    },
    [message],
  );
}

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  /** Fetches again. */
  reload: () => Promise<void>;
  /** Replaces the data with what a write answered (the entity's new version). */
  set: (data: T) => void;
}

/** GET a URL the caller built (list pages with their filters); `T` is the core DTO it answers with. */
export function useResource<T>(url: string | null): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(false);
  const showError = useShowError();
  const reload = useCallback(async () => {
    if (!url) return;
    setLoading(true);
    try {
      setData(await api.getUrl<T>(url));
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, [url, showError]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, loading, reload, set: setData };
}

/**
 * The one loader of an endpoint's answer, typed by its path:
 * `useGet('/api/topics/:id', { id })` loads a TopicDto, shows a failure's message,
 * and loads again when the params or the query change. `null` waits.
 */
export function useGet<P extends PathOf<'GET'>>(path: P | null, ...args: ReadArgs<P>): Loaded<ResponseOf<'GET', P>> {
  return useResource<ResponseOf<'GET', P>>(path === null ? null : urlOf(path, ...args));
}

/**
 * The divisions to choose from (filters, forms): the unit's active ones, or for the
 * system admin's pages every division, inactive included. Empty until loaded.
 */
export function useDivisions(scope: 'unit' | 'admin' = 'unit'): DivisionDto[] {
  return useGet(scope === 'admin' ? '/api/admin/divisions' : '/api/divisions').data ?? [];
}
