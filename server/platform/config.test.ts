import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', seedDemo: 'auto', cookieSecure: false });
    expect(c.databaseUrl).toMatch(/^sqlite:.*\/data\/jiyao\.db$/);
  });

  it('a bad value stops start-up with one line naming the variable', () => {
    for (const [k, v] of [
      ['PORT', 'eighty'],
      ['PORT', '70000'],
      ['DATABASE_URL', 'mysql://x'],
      ['SESSION_COOKIE_SECURE', 'maybe'],
      ['LOG_LEVEL', 'loud'],
    ] as const) {
      let err: unknown;
      try {
        loadConfig({ [k]: v });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain(k);
      expect(msg.split('\n')).toHaveLength(1);
    }
  });

  it('SESSION_COOKIE_SECURE defaults to true when the public URL is https, and can be overridden', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://jiyao.example.cn' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://jiyao.example.cn' }).cookieSecure).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://jiyao.example.cn', SESSION_COOKIE_SECURE: 'false' }).cookieSecure).toBe(
      false,
    );
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:3000', SESSION_COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
  });

  it('accepts PostgreSQL URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).databaseUrl).toBe('postgres://u@h:5432/db');
  });
});
