import type { MeDto } from '../../../core/contracts/me';
import { ACTIONS, type Action } from '../../../core/policy';

/** A /api/me answer for tests. */
export function meFixture(patch: Partial<MeDto> = {}, allowed: Action[] = ['regime.read']): MeDto {
  return {
    user: { id: 'u1', username: 'head', displayName: '李伟', mustChangePassword: false },
    unit: { id: 'unit', name: '示范市商务局', isDemo: true },
    memberships: [
      { divisionId: 'd1', divisionName: '对外贸易处', divisionKind: 'business', position: 'head', isRecorder: false },
    ],
    roles: [],
    supervisedDivisions: [],
    abilities: Object.fromEntries(ACTIONS.map((a) => [a, allowed.includes(a)])) as MeDto['abilities'],
    powers: { convene: ['d1'], approveTopics: ['d1'] },
    concernedCases: 0,
    csrfToken: 'csrf',
    session: { idleMinutes: 30, expiresAt: '2026-11-02T13:00:00Z' },
    ...patch,
  };
}

/** Replaces fetch with a router of canned JSON answers. */
export function mockFetch(routes: Record<string, { status: number; body?: unknown }>): typeof fetch {
  const f = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const key = `${init?.method ?? 'GET'} ${url.split('?')[0]}`;
    const r = routes[key];
    if (!r)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: `no mock for ${key}` } }), {
        status: 404,
      });
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), {
      status: r.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return f as typeof fetch;
}
