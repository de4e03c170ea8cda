import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../core/errors.js';

/**
 * Text that no column should ever hold: NUL (PostgreSQL refuses it in text and
 * jsonb, so it used to surface as a 500) and lone UTF-16 surrogates (stored as
 * U+FFFD, silently changing what the user sent).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isCleanText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** Throws INVALID_TEXT when `s` carries NUL or a lone surrogate. */
export function assertCleanText(s: string, where: string): void {
  if (!isCleanText(s)) throw invalidText(where);
}

function invalidText(where: string): AppError {
  return new AppError('INVALID_TEXT', `提交的内容含有无效字符（空字符或不完整的 Unicode 字符）：${where}`, {
    path: where,
  });
}

/**
 * The path of the first bad string (value or key) in a parsed JSON value, or
 * null. Iterative: a deeply nested body must not overflow the stack.
 */
export function findBadText(root: unknown, rootPath: string): string | null {
  const stack: Array<[unknown, string]> = [[root, rootPath]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (!isCleanText(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, item] of Object.entries(v)) {
        if (!isCleanText(k)) return path;
        stack.push([item, `${path}.${k}`]);
      }
    }
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The one gate for request text, for every route, public ones included:
 * JSON bodies must be valid UTF-8, and no string in the body, the path
 * parameters or the query may carry NUL or a lone surrogate. Runs before
 * schema validation, so no handler ever sees such text.
 */
export function installInputGuard(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // Only JSON and raw files are accepted; text/plain would bypass the checks.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError('INVALID_TEXT', '请求内容不是有效的 UTF-8 编码'), undefined);
      return;
    }
    parseJson(req, text, done);
  });

  app.addHook('preValidation', async (req) => {
    const bad = findBadText(req.params, 'params') ?? findBadText(req.query, 'query') ?? findBadText(req.body, 'body');
    if (bad) throw invalidText(bad);
  });
}
