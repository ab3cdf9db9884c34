import Router from '@koa/router';
import { contentRef, refFromQuery } from '../engine/content-ref.js';
import { segmentToken } from '../hls/hls-proxy.js';
import { linkPrefixOf } from '../http/access.js';
import { AppError } from '../http/errors.js';
import { clientKey, HLS_TYPE, respondPlaylist, sendSegment, type StreamDeps } from './respond.js';

const notFoundSession = () => new AppError('SESSION_NOT_FOUND', 'no live session with that id (it may have ended)', 404);

/** Everything an HLS client fetches: engine-compatible entry, the seed API's entry, and our segment URLs. */
export function hlsRouter(deps: StreamDeps): Router {
  const router = new Router();

  router.get('/ace/manifest.m3u8', (ctx) => respondPlaylist(ctx, deps, refFromQuery(ctx.query)));

  router.get('/api/streams/hls/:sessionId/manifest.m3u8', async (ctx) => {
    const session = deps.sessions.get(ctx.params.sessionId!);
    if (!session) throw notFoundSession();
    await respondPlaylist(ctx, deps, session.ref);
  });

  router.get('/hls/:sessionId/:generation/:file', async (ctx) => {
    const match = /^([A-Za-z0-9_-]{1,400})\.(ts|m3u8|key)$/.exec(ctx.params.file!);
    // Exactly the shapes we write: decimal generation, base64url token. Nothing else is decoded or looked up.
    if (!match || !/^\d{1,9}$/.test(ctx.params.generation!)) throw new AppError('INVALID_SEGMENT', 'not a segment URL', 400);
    const generation = Number(ctx.params.generation);
    const session = deps.sessions.get(ctx.params.sessionId!);
    if (!session) throw notFoundSession();
    ctx.state.logIds.sessionId = session.id;
    session.touch(clientKey(ctx));
    const [, token, ext] = match as unknown as [string, string, string];
    if (ext === 'm3u8') {
      ctx.set('Cache-Control', 'no-cache, no-store');
      ctx.type = HLS_TYPE;
      ctx.body = await deps.hls.playlist(session, `${deps.linkPrefix}${linkPrefixOf(ctx)}`, { generation, token });
      return;
    }
    sendSegment(ctx, deps, await deps.hls.segment(session, generation, token));
  });

  // The seed's segment route: the current generation's segment of the session holding this infohash.
  router.get('/api/streams/proxy/c/:hash/:segment', async (ctx) => {
    const hash = contentRef('infohash', ctx.params.hash!).id;
    if (!/^\d{1,9}\.ts$/.test(ctx.params.segment!)) throw new AppError('INVALID_SEGMENT', 'not a segment name', 400);
    const session = deps.sessions.byInfohash(hash);
    if (!session) throw notFoundSession();
    session.touch(clientKey(ctx));
    const token = segmentToken(`/ace/c/${hash}/${ctx.params.segment}`);
    sendSegment(ctx, deps, await deps.hls.segment(session, session.generation, token));
  });

  return router;
}
