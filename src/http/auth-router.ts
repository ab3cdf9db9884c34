import Router from '@koa/router';

/**
 * `POST /api/auth/check`: a write that changes nothing, so the admin-token middleware answers it like any
 * other. The UI's sign-in form tries a token here before keeping it.
 */
export function authRouter(): Router {
  const router = new Router();
  router.post('/api/auth/check', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { ok: true };
  });
  return router;
}
