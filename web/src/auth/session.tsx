import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { MeDto } from '../../../core/contracts/me';
import type { Action } from '../../../core/policy';
import { api, ApiError, onAuthProblem, setCsrfToken } from '../api/client';

interface Session {
  /** undefined while loading, null when logged out. */
  me: MeDto | null | undefined;
  reload(): Promise<MeDto | null>;
  login(username: string, password: string): Promise<{ mustChangePassword: boolean }>;
  logout(): Promise<void>;
  can(action: Action): boolean;
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeDto | null | undefined>(undefined);
  const navigate = useNavigate();

  const reload = useCallback(async () => {
    try {
      const m = await api.get('/api/me');
      setCsrfToken(m.csrfToken);
      setMe(m);
      return m;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setMe(null);
        return null;
      }
      throw e;
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () =>
      onAuthProblem((e) => {
        // Read the live location: this listener outlives renders.
        const here = window.location.pathname + window.location.search;
        if (e.code === 'PASSWORD_CHANGE_REQUIRED') {
          navigate('/password');
        } else if (!window.location.pathname.startsWith('/login')) {
          setMe(null);
          navigate(`/login?next=${encodeURIComponent(here)}`);
        }
      }),
    [navigate],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const r = await api.post('/api/auth/login', {
        username,
        password,
      });
      setCsrfToken(r.csrfToken);
      await reload();
      return { mustChangePassword: r.mustChangePassword };
    },
    [reload],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setMe(null);
      navigate('/login');
    }
  }, [navigate]);

  const value = useMemo<Session>(
    () => ({ me, reload, login, logout, can: (a) => me?.abilities[a] === true }),
    [me, reload, login, logout],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The logged-in user; only for pages rendered inside the authenticated layout. */
export function useMe(): MeDto {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
