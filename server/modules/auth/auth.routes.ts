import { changePasswordBody, loginBody, loginResponseDto } from '../../../core/contracts/auth.js';
import type { Services } from '../../platform/services.js';
import { clientIp, type ZApp } from '../../platform/http/types.js';
import { actorOf, clearCookie } from '../../platform/http/auth.plugin.js';
import { login } from './login.js';
import { changePassword } from './change-password.js';
import { logout } from './logout.js';

export function authRoutes(app: ZApp, s: Services): void {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: '登录', body: loginBody, response: { 200: loginResponseDto } },
    },
    async (req, reply) => {
      const r = await login(s, {
        username: req.body.username,
        password: req.body.password,
        ip: clientIp(req),
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(s.config.cookieName, r.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: s.config.cookieSecure,
      });
      return { csrfToken: r.csrfToken, mustChangePassword: r.mustChangePassword, user: r.user };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { allowPasswordChange: true }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const session = req.session;
      if (session) {
        await logout(s, actor, session.id, clientIp(req));
      }
      clearCookie(reply, s);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { allowPasswordChange: true },
      schema: { tags: ['auth'], summary: '修改本人密码', body: changePasswordBody },
    },
    async (req, reply) => {
      await changePassword(s, actorOf(req), req.session?.id ?? '', { ...req.body, ip: clientIp(req) });
      return reply.code(204).send();
    },
  );
}
