import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, httpStatusOf, type ErrorCode } from '../../../core/errors.js';
import { applySecurityHeaders, securityHeaders } from './security-headers.js';

/**
 * Errors raised before a route is chosen (by the router) or before a request
 * exists at all (by Node's HTTP parser) bypass the error handler. These two
 * handlers give them the same `{error:{code,message}}` body, in Chinese.
 */
export function frameworkErrorHandlers(publicUrl: string) {
  const https = publicUrl.startsWith('https:');

  function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
    const code: ErrorCode =
      err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'URI_TOO_LONG'
        : err.code === 'FST_ERR_BAD_URL'
          ? 'BAD_URL'
          : 'BAD_REQUEST';
    reply.code(httpStatusOf(code)).type('application/json; charset=utf-8');
    applySecurityHeaders(reply, https);
    void reply.send(new AppError(code).toBody());
  }

  function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const code: ErrorCode =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? 'HEADERS_TOO_LARGE'
        : err.code === 'HPE_URI_TOO_LONG'
          ? 'URI_TOO_LONG'
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? 'REQUEST_TIMEOUT'
            : 'BAD_REQUEST';
    const status = httpStatusOf(code);
    const body = JSON.stringify(new AppError(code).toBody());
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
      ...securityHeaders(https, 'application/json'),
    };
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${body}`);
    else socket.destroy();
  }

  return { frameworkErrors, clientErrorHandler };
}

/**
 * Reads and discards the rest of a refused request body (up to `maxBytes`,
 * within `maxMs`), so the client has finished sending when the error goes out:
 * closing a socket with unread data makes the kernel reset the connection, and
 * the client then never reads the 413.
 */
export function drainRequest(req: FastifyRequest, maxBytes: number, maxMs: number): Promise<void> {
  const raw = req.raw;
  if (raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish();
    };
    const timer = setTimeout(finish, maxMs);
    raw.on('data', onData);
    raw.on('end', finish);
    raw.on('error', finish);
    raw.on('close', finish);
    raw.resume();
  });
}
