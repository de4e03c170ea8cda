import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.js';
import type { Services } from './platform/services.js';
import { installErrorHandler } from './platform/http/error-handler.js';
import { installAuth } from './platform/http/auth.plugin.js';
import { installInputGuard } from './platform/http/input-guard.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { sendSpa, serveSpa } from './platform/http/spa.js';
import { frameworkErrorHandlers } from './platform/http/framework-errors.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { meRoutes } from './modules/me/me.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { topicsRoutes } from './modules/topics/topics.routes.js';
import { divisionTeamRoutes } from './modules/org/division-team.routes.js';
import { noticesRoutes } from './modules/notices/notices.routes.js';
import { meetingsRoutes } from './modules/meetings/meetings.routes.js';
import { observersRoutes } from './modules/meetings/observers.routes.js';
import { wire } from './wiring.js';
import { calendarFeedRoutes } from './modules/meetings/calendar-feed.routes.js';
import { workbenchRoutes } from './modules/workbench/workbench.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { recordRoutes } from './modules/record/record.routes.js';
import { distributionRoutes } from './modules/distribution/distribution.routes.js';
import { minutesRoutes } from './modules/minutes/minutes.routes.js';
import { integrityRoutes } from './modules/integrity/integrity.routes.js';
import { trackingRoutes } from './modules/tracking/tracking.routes.js';
import { accountabilityRoutes } from './modules/accountability/accountability.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { oversightRoutes } from './modules/oversight/oversight.routes.js';
import { registersRoutes } from './modules/registers/registers.routes.js';
import { inspectionsRoutes } from './modules/inspections/inspections.routes.js';
import { archiveRoutes } from './modules/archive/archive.routes.js';

// Validation messages reach civil servants: Chinese.
z.config(z.locales.zhCN());

export interface AppOptions {
  logger?: boolean | { level: string };
  /** Serve the built SPA from this folder (default: dist/web when it exists). */
  webDir?: string | null;
  /** Called for every route as it is registered (the fuzz test enumerates the API with it). */
  onRoute?: (route: RouteOptions) => void;
}

/** The built SPA: next to the bundled server (dist/server → dist/web) or under the project. */
export function findWebDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../web'), resolve(here, '../dist/web'), resolve(process.cwd(), 'dist/web')];
  return candidates.find((d) => existsSync(resolve(d, 'index.html'))) ?? null;
}

/** Builds the HTTP app around the given services; listening is the caller's business. */
export async function createApp(s: Services, opts: AppOptions = {}): Promise<FastifyInstance> {
  wire();
  const { frameworkErrors, clientErrorHandler } = frameworkErrorHandlers(s.config.publicUrl);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: s.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Before any plugin: plugins capture the error handler, hooks and body parsers present when they register.
  installErrorHandler(app);
  installSecurityHeaders(app, s.config.publicUrl);
  installInputGuard(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'jiyao 纪要 API',
        description: '处务会会议纪要系统接口。错误响应统一为 {error:{code,message}}。',
        version: s.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: s.config.cookieName },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installAuth(app, s);
  // Written material arrives as the raw file (X-Filename carries its name).
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: s.config.uploadMaxBytes },
    (_req, body, done) => done(null, body),
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  healthRoutes(app, s);
  authRoutes(app, s);
  meRoutes(app, s);
  orgRoutes(app, s);
  settingsRoutes(app, s);
  auditRoutes(app, s);
  integrityRoutes(app, s);
  divisionTeamRoutes(app, s);
  topicsRoutes(app, s);
  noticesRoutes(app, s);
  meetingsRoutes(app, s);
  observersRoutes(app, s);
  calendarFeedRoutes(app, s);
  workbenchRoutes(app, s);
  calendarRoutes(app, s);
  recordRoutes(app, s);
  minutesRoutes(app, s);
  distributionRoutes(app, s);
  trackingRoutes(app, s);
  oversightRoutes(app, s);
  registersRoutes(app, s);
  inspectionsRoutes(app, s);
  archiveRoutes(app, s);
  accountabilityRoutes(app, s);
  searchRoutes(app, s);

  const webDir = opts.webDir === undefined ? findWebDir() : opts.webDir;
  if (webDir) {
    await serveSpa(app, webDir, { precompressed: s.config.staticPrecompressed, immutable: s.config.staticImmutable });
  }
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes: any GET outside /api that is not a file gets the SPA.
    if (webDir && req.method === 'GET' && !req.url.startsWith('/api/') && req.url !== '/api') {
      return sendSpa(reply);
    }
    return reply
      .code(404)
      .send(new AppError('NOT_FOUND', `接口不存在：${req.method} ${req.url.split('?')[0]}`).toBody());
  });
  return app;
}
