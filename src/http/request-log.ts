import type { Middleware } from 'koa';
import type { Logger } from '../log.js';

/** One line per request, written when the response ends (streams included), with any ids routes set in `ctx.state.logIds`. */
export function requestLogMiddleware(log: Logger): Middleware {
  return async function logRequest(ctx, next) {
    const started = performance.now();
    ctx.state.logIds = {} as Record<string, string>;
    const done = () => {
      ctx.res.off('close', done);
      const line = {
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round(performance.now() - started),
        ...(ctx.state.logIds as Record<string, string>),
      };
      // Segment and playlist polling would flood info logs: those go to debug.
      if (/^\/(hls|api\/streams\/(hls|proxy))\//.test(ctx.path) && ctx.status < 400) log.debug(line, 'request');
      else log.info(line, 'request');
    };
    ctx.res.on('close', done);
    await next();
  };
}
