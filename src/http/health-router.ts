import Router from '@koa/router';
import type { EnginePool } from '../engine/engine-pool.js';
import type { Sessions } from '../sessions/sessions.js';

/** Which secrets the server wants (never their values), so the UI can offer to sign in up front. */
export interface HealthAuth {
  adminToken: boolean;
  accessKey: boolean;
}

/**
 * Always 200 while the server runs: the engines' state is part of the answer, not the status. Asking
 * checks every engine now, so the answer (and the UI's indicator) follows an engine coming back at once.
 */
export function healthRouter(engines: EnginePool, sessions: Sessions, auth: HealthAuth = { adminToken: false, accessKey: false }): Router {
  const router = new Router();
  router.get('/api/health', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    await engines.checkAll();
    const list = engines.engines.map((e) => ({
      url: e.url,
      reachable: e.healthy,
      version: e.version,
      sessions: e.sessions,
      ...(e.lastError ? { error: e.lastError } : {}),
    }));
    const first = list.find((e) => e.reachable) ?? list[0]!;
    ctx.body = {
      status: list.some((e) => e.reachable) ? 'ok' : 'degraded',
      engine: first,
      engines: list,
      sessions: sessions.list().length,
      auth,
    };
  });
  return router;
}
