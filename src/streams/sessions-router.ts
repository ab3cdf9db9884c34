import Router from '@koa/router';
import { contentRef } from '../engine/content-ref.js';
import { linkPrefixOf } from '../http/access.js';
import { AppError } from '../http/errors.js';
import type { LiveSession } from '../sessions/live-session.js';
import type { StreamDeps } from './respond.js';

/** Session control for the UI and scripts: the seed's /api/streams API and the live session list. */
export function sessionsRouter(deps: StreamDeps): Router {
  const router = new Router();
  const find = (id: string) => {
    const session = deps.sessions.get(id);
    if (!session) throw new AppError('SESSION_NOT_FOUND', 'no live session with that id (it may have ended)', 404);
    return session;
  };

  router.post('/api/streams/start/:aceId', async (ctx) => {
    const raw = ctx.params.aceId!;
    // The seed took a bare id; `infohash:<hex>` selects the other kind.
    const ref = raw.startsWith('infohash:') ? contentRef('infohash', raw.slice(9)) : contentRef('content_id', raw);
    const session = await deps.sessions.acquire(ref);
    ctx.state.logIds.sessionId = session.id;
    const base = `${deps.linkPrefix}${linkPrefixOf(ctx)}/api/streams`;
    ctx.body = {
      sessionId: session.id,
      contentId: ref.id,
      hlsUrl: `${base}/hls/${session.id}/manifest.m3u8`,
      statusUrl: `${base}/status/${session.id}`,
      stopUrl: `${base}/stop/${session.id}`,
    };
  });

  router.get('/api/streams/status/:sessionId', async (ctx) => {
    ctx.body = await describe(find(ctx.params.sessionId!), `${deps.linkPrefix}${linkPrefixOf(ctx)}`);
  });

  router.post('/api/streams/stop/:sessionId', async (ctx) => {
    const session = find(ctx.params.sessionId!);
    await deps.sessions.stop(session, 'stopped by request');
    ctx.body = { stopped: true, sessionId: session.id };
  });

  router.get('/api/sessions', async (ctx) => {
    ctx.body = await Promise.all(deps.sessions.list().map((s) => describe(s, `${deps.linkPrefix}${linkPrefixOf(ctx)}`)));
  });

  router.delete('/api/sessions/:sessionId', async (ctx) => {
    const session = find(ctx.params.sessionId!);
    await deps.sessions.stop(session, 'stopped by request');
    ctx.status = 204;
  });

  return router;
}

async function describe(session: LiveSession, linkPrefix: string) {
  const stat = await session.stat();
  const clients = session.clients();
  return {
    sessionId: session.id,
    contentId: session.ref.id,
    kind: session.ref.kind,
    infohash: session.engineSession?.infohash ?? null,
    channelId: [...session.channelIds][0] ?? null,
    channelIds: [...session.channelIds],
    clients: clients.hls + clients.ts,
    hlsClients: clients.hls,
    tsClients: clients.ts,
    restarts: session.generation,
    startedAt: new Date(session.startedAt).toISOString(),
    lastActivity: new Date(session.lastActivity).toISOString(),
    status: stat?.status ?? (session.engineSession ? 'unknown' : 'starting'),
    peers: stat?.peers ?? 0,
    speedDown: stat?.speedDown ?? 0,
    speedUp: stat?.speedUp ?? 0,
    downloaded: stat?.downloaded ?? 0,
    uploaded: stat?.uploaded ?? 0,
    ...(stat?.errorMessage ? { errorMessage: stat.errorMessage } : {}),
    hlsUrl: `${linkPrefix}/api/streams/hls/${session.id}/manifest.m3u8`,
  };
}
