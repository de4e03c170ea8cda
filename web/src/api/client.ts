import type { ErrorBody, ErrorCode } from '../../../core/errors';

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

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body),
  del: <T>(url: string) => request<T>('DELETE', url),
  /** Raw file upload: the body is the file, its name in X-Filename (PUT where the file replaces one). */
  upload: <T>(url: string, file: Blob, name: string, method: 'POST' | 'PUT' = 'POST') =>
    request<T>(method, url, file, {
      'X-Filename': encodeURIComponent(name),
      'Content-Type': 'application/octet-stream',
    }),
};

/** Query string from defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
