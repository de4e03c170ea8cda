import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import { ApiError, api } from './client';

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

/** GET a resource; `reload` fetches again. */
export function useResource<T>(url: string | null): {
  data: T | undefined;
  loading: boolean;
  reload: () => Promise<void>;
} {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(false);
  const showError = useShowError();
  const reload = useCallback(async () => {
    if (!url) return;
    setLoading(true);
    try {
      setData(await api.get<T>(url));
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, [url, showError]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, loading, reload };
}
