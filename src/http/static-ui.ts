import { send } from '@koa/send';
import { existsSync } from 'node:fs';
import type { Middleware } from 'koa';

const SERVER_PATHS = /^\/(api|ace|hls|play|k)\//;

/**
 * Serves the built Vue app (ui/dist) on the same port as everything else. A browser navigating to an
 * unknown non-API path gets index.html, so client-side routes survive a reload. Hashed assets are cached for a year.
 */
export function staticUiMiddleware(root: string): Middleware {
  const hasUi = existsSync(`${root}/index.html`);
  return async function serveUi(ctx, next) {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404 || !['GET', 'HEAD'].includes(ctx.method) || SERVER_PATHS.test(ctx.path)) return;
    if (!hasUi) {
      if (ctx.path === '/') {
        ctx.type = 'text/plain';
        ctx.body = 'acehub is running. The web UI is not built: run `npm run build` (or `npm start`, which builds it).\n';
      }
      return;
    }
    const asset = ctx.path.startsWith('/assets/');
    const served = await send(ctx, ctx.path, { root, index: 'index.html', immutable: asset, maxage: asset ? 31_536_000_000 : 0 }).catch(() => undefined);
    // Only a browser navigating gets the app for an unknown path; API clients and players get the 404.
    const navigating = (ctx.get('accept') || '').includes('text/html');
    if (!served && navigating && !asset && !/\.[a-z0-9]+$/i.test(ctx.path)) await send(ctx, '/index.html', { root });
  };
}
