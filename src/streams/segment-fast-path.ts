import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { clientKeyOf, writeComplete, type StreamDeps } from './respond.js';

const SEGMENT = /^\/hls\/([A-Za-z0-9_-]{1,32})\/(\d{1,9})\/([A-Za-z0-9_-]{1,400})\.ts$/;

/**
 * Cache hits for segment URLs, answered before Koa: with a live window served to many viewers almost every
 * request is one, and the middleware stack cost about as much CPU as writing the segment (profiled; the
 * benchmark's warm HLS ratio went from ~0.7–0.9× to parity with direct engine access). Anything else — a
 * miss, a HEAD, an access-key deployment, an unknown session — goes through the normal routes unchanged.
 */
export function segmentFastPath(deps: StreamDeps, log: Logger, { trustProxy }: { trustProxy: boolean }) {
  return function serveCachedSegment(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || !req.url?.startsWith('/hls/')) return false;
    const match = SEGMENT.exec(req.url);
    const session = match ? deps.sessions.get(match[1]!) : undefined;
    const entry = session && deps.hls.cachedSegment(session, Number(match![2]), match![3]!);
    if (!session || !entry) return false;
    const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : '';
    session.touch(clientKeyOf(forwarded || req.socket.remoteAddress || '', req.headers['user-agent']));
    res.writeHead(200, {
      'Content-Type': entry.contentType,
      'Content-Length': entry.size,
      'Cache-Control': 'public, max-age=300, immutable',
      // Any origin may read segments (hls.js in a page elsewhere); Content-Length and Content-Type are
      // CORS-safelisted, so nothing needs exposing.
      'Access-Control-Allow-Origin': '*',
    });
    writeComplete(res, entry);
    log.debug({ method: 'GET', path: req.url, status: 200, sessionId: session.id, cached: true }, 'request');
    return true;
  };
}
