import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.js';
import { assertCleanText } from './input-guard.js';

/**
 * A file sent as `application/octet-stream` with its name in the `X-Filename`
 * header (URL-encoded): the bytes and a clean name, or a 4xx with a code. One
 * place for every upload route, so each refuses the same bad names.
 */
export function uploadedFile(req: FastifyRequest): { name: string; data: Buffer } {
  const body = req.body;
  if (!Buffer.isBuffer(body))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 application/octet-stream 上传文件内容');
  let name = String(req.headers['x-filename'] ?? '');
  try {
    name = decodeURIComponent(name);
  } catch {
    throw new AppError('VALIDATION_FAILED', '文件名编码不正确');
  }
  assertCleanText(name, 'X-Filename');
  if ([...name].length > 255) throw new AppError('VALIDATION_FAILED', '文件名过长');
  return { name, data: body };
}
