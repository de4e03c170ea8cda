import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, httpStatusOf } from '../../../core/errors.js';
import { drainRequest } from './framework-errors.js';

/** A refused body is read to its end before the 413 goes out, within these bounds. */
const DRAIN_MAX_BYTES = 256 * 1024 * 1024;
const DRAIN_MAX_MS = 15_000;

/**
 * Every failure leaves as `{error:{code, message, details?}}` with a Chinese
 * message. Input problems are 4xx with a code; only a bug is a 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    let e: AppError;
    if (err instanceof AppError) {
      e = err;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
        message: v.message,
      }));
      const first = details[0];
      e = new AppError(
        'VALIDATION_FAILED',
        first ? `提交的数据不符合要求：${first.path ? `${first.path} ` : ''}${first.message ?? ''}` : undefined,
        details,
      );
    } else if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      e = new AppError('MALFORMED_JSON');
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      e = new AppError('MALFORMED_JSON', '请求内容为空');
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      await drainRequest(req, DRAIN_MAX_BYTES, DRAIN_MAX_MS);
      reply.header('connection', 'close');
      e = String(req.headers['content-type'] ?? '').startsWith('application/octet-stream')
        ? new AppError(
            'FILE_TOO_LARGE',
            `文件超过大小限制（${Math.round((req.routeOptions.bodyLimit ?? 0) / 1024 / 1024)} MB）`,
          )
        : new AppError('PAYLOAD_TOO_LARGE');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      e = new AppError('UNSUPPORTED_MEDIA_TYPE');
    } else if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      e = new AppError('URI_TOO_LONG');
    } else if (err.code === 'FST_ERR_BAD_URL') {
      e = new AppError('BAD_URL');
    } else if (err.validation) {
      e = new AppError('VALIDATION_FAILED', undefined, err.validation);
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      e = new AppError('VALIDATION_FAILED', `请求无效（${err.code ?? err.statusCode}）`);
    } else {
      req.log.error({ err }, 'unhandled error');
      e = new AppError('INTERNAL');
    }
    return reply.code(httpStatusOf(e.code)).send(e.toBody());
  });
}
