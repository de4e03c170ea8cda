import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.js';
import { can, type Action, type Actor } from '../../../core/policy.js';
import type { Services } from '../services.js';
import { deleteSession, findSession, sessionExpired, touchSession, TOUCH_INTERVAL_MS } from '../auth/sessions.js';
import type { SessionView } from '../auth/sessions.js';
import { loadActor } from '../auth/actor.repository.js';
import { cachedAuth, forgetAllAuth, rememberAuth } from '../auth/auth-cache.js';
import { securitySettings } from '../settings-cache.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionView | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, API docs). */
    public?: boolean;
    /** Reachable while the user still must change an initial password. */
    allowPasswordChange?: boolean;
    /** The ability the route needs: checked before the body is validated, so a forbidden write is 403, not 400. */
    requires?: Action;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie to an actor before the body is even parsed, so an
 * anonymous request gets 401 before any validation error. Cookie-authenticated
 * writes must echo the session's CSRF token in `X-CSRF-Token`.
 */
export function installAuth(app: FastifyInstance, s: Services): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  const ownOrigin = new URL(s.config.publicUrl).origin;

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!SAFE_METHODS.has(req.method)) checkOrigin(req, ownOrigin);
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const cfg = req.routeOptions.config;
    if (cfg.public) return;
    const token = req.cookies[s.config.cookieName];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const cached = cachedAuth(s.db, token);
    const session = cached?.session ?? (await findSession(s.db.kysely, token));
    if (!session) {
      clearCookie(reply, s);
      throw new AppError('UNAUTHENTICATED');
    }
    const now = s.clock.now();
    const security = await securitySettings(s, session.unitId);
    if (sessionExpired(session, security, now) || !session.userActive) {
      await deleteSession(s.db.kysely, session.id);
      forgetAllAuth(s.db);
      clearCookie(reply, s);
      throw new AppError('SESSION_EXPIRED');
    }
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError('CSRF_FAILED');
    }
    if (session.mustChangePassword && !cfg.allowPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    const actor = cached?.actor ?? (await loadActor(s.db.kysely, session.unitId, session.userId));
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (now.getTime() - new Date(session.lastSeenAt).getTime() >= TOUCH_INTERVAL_MS) {
      await touchSession(s.db.kysely, session.id, now);
      session.lastSeenAt = now.toISOString();
    }
    if (!cached) rememberAuth(s.db, token, session, actor);
    if (cfg.requires) authorize(actor, cfg.requires);
    req.session = session;
    req.actor = actor;
  });
}

/**
 * A browser names the page a write comes from: a write from another site (or
 * an opaque `Origin: null`) is refused even with a valid CSRF token, login
 * included. Requests without `Origin` (non-browser clients) pass.
 */
function checkOrigin(req: FastifyRequest, ownOrigin: string): void {
  if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('CSRF_FAILED', '拒绝来自其他网站的请求');
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOrigin) throw new AppError('CSRF_FAILED', '拒绝来自其他网站的请求');
}

export function clearCookie(reply: FastifyReply, s: Services): void {
  reply.clearCookie(s.config.cookieName, { path: '/' });
}

/** The actor of an authenticated route (the hook guarantees one). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

/** Throws FORBIDDEN unless the policy allows `action`. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new AppError('FORBIDDEN');
}
