import Router from '@koa/router';
import { refFromQuery } from '../engine/content-ref.js';
import { respondTs, type StreamDeps } from './respond.js';

/** The engine's own MPEG-TS entry, so playlists written for an engine work by changing host and port. */
export function tsRouter(deps: StreamDeps): Router {
  const router = new Router();
  router.get('/ace/getstream', (ctx) => respondTs(ctx, deps, refFromQuery(ctx.query)));
  return router;
}
