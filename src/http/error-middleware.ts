import type { Middleware } from 'koa';
import type { Logger } from '../log.js';
import { AppError } from './errors.js';

/**
 * Turns every thrown error into `{error: {code, message}}` with its status. Once headers are out (a stream
 * mid-flight) nothing can be said to the client: log it and let the socket close.
 */
export function errorMiddleware(log: Logger): Middleware {
  return async function handleErrors(ctx, next) {
    try {
      await next();
    } catch (err) {
      const appError = toAppError(err);
      if (ctx.headerSent || !ctx.writable) {
        log.warn({ err, path: ctx.path }, 'error after response started');
        ctx.req.socket.destroy();
        return;
      }
      if (appError.status >= 500 && !appError.expose) log.error({ err, path: ctx.path }, 'request failed');
      ctx.status = appError.status;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = {
        error: { code: appError.code, message: appError.expose ? appError.message : 'internal error', ...appError.details },
      };
    }
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
  const status = e.status ?? e.statusCode;
  // Errors raised by Koa itself or its body parser (ctx.throw, 413, bad JSON) carry status + expose.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
    return new AppError(code, e.message ?? 'bad request', status);
  }
  const wrapped = new AppError('INTERNAL', e.message ?? 'internal error', 500);
  wrapped.cause = err;
  return wrapped;
}
