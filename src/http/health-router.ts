import Router from '@koa/router';
import type { EngineClient } from '../engine/engine-client.js';

/** Always 200 while the server runs: the engine's state is part of the answer, not the status. */
export function healthRouter(engine: EngineClient): Router {
  const router = new Router();
  router.get('/api/health', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    try {
      const { version } = await engine.version();
      ctx.body = { status: 'ok', engine: { reachable: true, version, url: engine.baseUrl } };
    } catch (err) {
      ctx.body = { status: 'degraded', engine: { reachable: false, version: null, url: engine.baseUrl, error: (err as Error).message } };
    }
  });
  return router;
}
