import type { ErrorBody, ErrorCode } from '../../../core/errors';
import type {
  BodyOf,
  EndpointKey,
  Endpoints,
  ParamsOf,
  PathOf,
  QueryOf,
  ResponseOf,
} from '../../../core/contracts/endpoints';

/** An error the server answered with: its code and Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
type Listener = (e: ApiError) => void;
const authListeners = new Set<Listener>();

/** Remembered from the login response and /api/me; sent with every write. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called on 401 and on PASSWORD_CHANGE_REQUIRED, so the shell can redirect. */
export function onAuthProblem(l: Listener): () => void {
  authListeners.add(l);
  return () => authListeners.delete(l);
}

async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  Object.assign(headers, extraHeaders);
  const raw = body instanceof Blob;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as ErrorBody | undefined)?.error;
    const e = new ApiError(
      res.status,
      err?.code ?? 'INTERNAL',
      err?.message ?? `请求失败（${res.status}）`,
      err?.details,
    );
    if (res.status === 401 || e.code === 'PASSWORD_CHANGE_REQUIRED') authListeners.forEach((l) => l(e));
    throw e;
  }
  return data as T;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type HasParams<P extends string> = P extends `${string}:${string}` ? true : false;
/** A path's `:params`, then for GET its query. */
export type ReadArgs<P extends string> =
  HasParams<P> extends true
    ? [params: ParamsOf<P>, query?: QueryOf<'GET', P>]
    : QueryOf<'GET', P> extends undefined
      ? []
      : [query?: QueryOf<'GET', P>];
/** A path's `:params`, then the body when the endpoint takes one. */
type WriteArgs<M extends Method, P extends string> = [
  ...(HasParams<P> extends true ? [params: ParamsOf<P>] : []),
  ...(BodyOf<M, P> extends undefined ? [] : [body: BodyOf<M, P>]),
];

/** `/api/meetings/:id/record/:topicId` with its params filled in (URL-encoded). */
export function pathWith(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(v));
  });
}

/** The URL of a GET: its path with params, and the query. */
export function urlOf<P extends PathOf<'GET'>>(path: P, ...args: ReadArgs<P>): string {
  const { url, rest } = split(path, args);
  return url + qs((rest[0] ?? {}) as QueryParams);
}

function split(path: string, args: unknown[]): { url: string; rest: unknown[] } {
  if (!path.includes(':')) return { url: path, rest: args };
  const [params, ...rest] = args;
  return { url: pathWith(path, params as Record<string, string | number>), rest };
}

function write<M extends Exclude<Method, 'GET'>>(method: M) {
  return <P extends PathOf<M>>(path: P, ...args: WriteArgs<M, P>): Promise<ResponseOf<M, P>> => {
    const { url, rest } = split(path, args);
    return request<ResponseOf<M, P>>(method, url, rest[0]);
  };
}

/**
 * The API, typed by core/contracts/endpoints.ts: `api.get('/api/workbench')` is a
 * `Promise<WorkbenchDto>`, `api.post('/api/topics/:id/submit', { id }, { version })`
 * checks the params and the body.
 */
export const api = {
  get: <P extends PathOf<'GET'>>(path: P, ...args: ReadArgs<P>): Promise<ResponseOf<'GET', P>> => {
    return request<ResponseOf<'GET', P>>('GET', urlOf(path, ...args));
  },
  post: write('POST'),
  put: write('PUT'),
  patch: write('PATCH'),
  del: write('DELETE'),
  /**
   * Raw file upload: the body is the file, its name in X-Filename;
   * `'PUT /api/meetings/:id/paper-minutes'` where the file replaces one.
   */
  upload: <K extends UploadKey>(key: K, params: ParamsOf<PathIn<K>>, file: Blob, name: string) => {
    const [method, path] = key.split(' ') as [Method, string];
    return request<ResponseOf<MethodIn<K>, PathIn<K>>>(
      method,
      pathWith(path, params as Record<string, string | number>),
      file,
      { 'X-Filename': encodeURIComponent(name), 'Content-Type': 'application/octet-stream' },
    );
  },
  /**
   * A GET whose URL the caller built (list pages with their filters and cursors);
   * `T` names the core DTO it answers with.
   */
  getUrl: <T>(url: string) => request<T>('GET', url),
};

type UploadKey = { [K in EndpointKey]: Endpoints[K] extends { upload: true } ? K : never }[EndpointKey];
type MethodIn<K extends string> = K extends `${infer M extends Method} ${string}` ? M : never;
type PathIn<K extends string> = K extends `${string} ${infer P}` ? P : never;

type QueryParams = Record<string, string | number | boolean | undefined | null>;

/** Query string from defined values only. */
export function qs(params: QueryParams): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
