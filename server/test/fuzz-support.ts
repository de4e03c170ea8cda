/**
 * Pieces of the API fuzz test: a seeded PRNG, hostile values, and the routes
 * of the app with what their schemas say about body and query.
 */
import type { RouteOptions } from 'fastify';

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof prng>;

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '%00',
  '%',
  '%zz',
  '９',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '0x7fffffff',
  '99999999999999999999',
  '2026-02-30',
  '2026-13-01T25:61:00Z',
  '\u202eevil',
  'a\u200bb',
  '\r\n',
  'a\tb',
  '__proto__',
  'constructor',
  '😀'.repeat(20),
  '表'.repeat(300),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
] as const;

export function hostileString(r: Rng): string {
  switch (r.int(4)) {
    case 0:
      return 'x'.repeat(1 + r.int(r.chance(0.1) ? 20_000 : 300));
    case 1:
      return crypto.randomUUID();
    default:
      return r.pick(HOSTILE_STRINGS);
  }
}

/** A JSON value of any type, sometimes deep or wide. */
export function hostileJson(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0:
      return hostileString(r);
    case 1:
      return r.pick([-1, 0, 1.5, 1e308, -1e308, 2 ** 53 + 1, 42]);
    case 2:
      return r.pick([true, false]);
    case 3:
      return null;
    case 4:
      return hostileString(r);
    case 5:
      return r.int(100_000);
    case 6:
      return Array.from({ length: r.int(5) }, () => hostileJson(r, depth + 1));
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) {
        // an own property even for '__proto__'
        Object.defineProperty(o, hostileString(r).slice(0, 40), {
          value: hostileJson(r, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return o;
    }
    default:
      return r.chance(0.5)
        ? JSON.parse('['.repeat(2000) + ']'.repeat(2000))
        : Array.from({ length: 5000 }, (_, i) => i);
  }
}

export const MALFORMED_JSON = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '[1,2',
  'undefined',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '\u0000',
  'NaN',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"}',
  '{"a":"b\\u0000"}',
];

export interface FuzzRoute {
  method: string;
  url: string;
  params: string[];
  /** Keys of the body schema, when it is an object schema. */
  bodyKeys: string[] | null;
  /** Unknown keys are refused by the body schema. */
  strictBody: boolean;
  queryKeys: string[];
  isPublic: boolean;
}

interface ZodLike {
  shape?: Record<string, unknown>;
  _zod?: { def?: { catchall?: { _zod?: { def?: { type?: string } } } } };
}

function keysOf(schema: unknown): string[] | null {
  const shape = (schema as ZodLike | undefined)?.shape;
  return shape ? Object.keys(shape) : null;
}

/** Collects the routes of the app as they are registered (createApp's `onRoute`). */
export function routeCollector(): { routes: FuzzRoute[]; onRoute: (r: RouteOptions) => void } {
  const routes: FuzzRoute[] = [];
  return {
    routes,
    onRoute(r) {
      const schema = (r.schema ?? {}) as { body?: unknown; querystring?: unknown };
      for (const method of [r.method].flat()) {
        routes.push({
          method,
          url: r.url,
          params: [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string),
          bodyKeys: keysOf(schema.body),
          strictBody: (schema.body as ZodLike | undefined)?._zod?.def?.catchall?._zod?.def?.type === 'never',
          queryKeys: keysOf(schema.querystring) ?? [],
          isPublic: r.config?.public === true,
        });
      }
    },
  };
}
