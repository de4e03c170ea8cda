import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The page may run only its own scripts (the built SPA has no inline script),
 * may not be framed, and talks only to its own origin. Ant Design writes its
 * styles at run time (CSS-in-JS), hence 'unsafe-inline' for styles alone;
 * QR codes and icons come as data: images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers of every response; HTML also gets the content security policy. */
export function securityHeaders(https: boolean, contentType: string): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    ...(https ? { 'strict-transport-security': HSTS } : {}),
    ...(contentType.startsWith('text/html')
      ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' }
      : {}),
  };
}

export function applySecurityHeaders(reply: FastifyReply, https: boolean): void {
  const type = String(reply.getHeader('content-type') ?? '');
  for (const [k, v] of Object.entries(securityHeaders(https, type))) {
    if (!reply.hasHeader(k)) reply.header(k, v);
  }
}

/** Every response of the app, from routes, errors, the 404 handler and static files. */
export function installSecurityHeaders(app: FastifyInstance, publicUrl: string): void {
  const https = publicUrl.startsWith('https:');
  app.addHook('onSend', async (_req, reply, payload) => {
    applySecurityHeaders(reply, https);
    return payload;
  });
}
