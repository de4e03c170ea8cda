import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { relative, sep } from 'node:path';

/** Vite names what it puts under assets/ by content hash: a new build means new names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashes, so a browser asks again each time (a 304 when unchanged). */
export const REVALIDATE = 'no-cache';

export interface SpaOptions {
  /** Send `<file>.br` / `<file>.gz` (written by the build) to browsers that accept them. */
  precompressed: boolean;
  /** Cache hashed assets for a year and have index.html revalidated; off: max-age=0 on everything. */
  immutable: boolean;
}

/** The cache-control of a file of the SPA (the path sent, a .br/.gz variant included). */
export function cacheControlFor(webDir: string, file: string): string {
  return relative(webDir, file).startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the built SPA from `webDir`. The SPA fallback (see `sendSpa`) goes
 * through the same plugin, so it gets the same encodings and cache headers.
 */
export async function serveSpa(app: FastifyInstance, webDir: string, opts: SpaOptions): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: ['index.html'],
    preCompressed: opts.precompressed,
    ...(opts.immutable
      ? {
          cacheControl: false,
          setHeaders: (reply: FastifyReply, file: string) => {
            reply.header('cache-control', cacheControlFor(webDir, file));
          },
        }
      : {}),
  });
}

/** A client-side route (any GET outside /api that is not a file): the SPA's page. */
export function sendSpa(reply: FastifyReply): FastifyReply {
  return reply.type('text/html').sendFile('index.html');
}
