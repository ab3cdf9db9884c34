import type { ServerResponse } from 'node:http';
import type { Context } from 'koa';
import type { ContentRef } from '../engine/content-ref.js';
import type { HlsProxy } from '../hls/hls-proxy.js';
import { linkPrefixOf } from '../http/access.js';
import type { SegmentCache, SegmentEntry } from '../hls/segment-cache.js';
import type { Sessions } from '../sessions/sessions.js';
import type { TsFanout } from '../ts/ts-fanout.js';

export interface StreamDeps {
  sessions: Sessions;
  hls: HlsProxy;
  ts: TsFanout;
  cache: SegmentCache;
  /** Path prefix of every link we write into playlists (from PUBLIC_URL), '' at the root. */
  linkPrefix: string;
}

export const HLS_TYPE = 'application/vnd.apple.mpegurl';

/** HLS clients are told apart by address and player: there is no connection to count. */
export const clientKeyOf = (ip: string, userAgent: string | undefined) => `${ip}|${(userAgent || '-').slice(0, 60)}`;
export const clientKey = (ctx: Context) => clientKeyOf(ctx.ip, ctx.get('user-agent'));

/**
 * The live playlist of a content. HEAD answers without starting anything: tuners and media servers probe
 * every channel's URL, and a probe must not start a P2P session.
 */
export async function respondPlaylist(ctx: Context, deps: StreamDeps, ref: ContentRef, channelId?: string) {
  ctx.set('Cache-Control', 'no-cache, no-store');
  ctx.type = HLS_TYPE;
  if (ctx.method === 'HEAD') {
    ctx.status = 200;
    return;
  }
  const session = await deps.sessions.acquire(ref, channelId);
  ctx.state.logIds.sessionId = session.id;
  session.touch(clientKey(ctx));
  ctx.body = await deps.hls.playlist(session, `${deps.linkPrefix}${linkPrefixOf(ctx)}`);
}

/** A continuous MPEG-TS body fed from the shared session; headers go out once prebuffering is over. */
export async function respondTs(ctx: Context, deps: StreamDeps, ref: ContentRef, channelId?: string) {
  ctx.set('Cache-Control', 'no-cache, no-store');
  ctx.type = 'video/mp2t';
  if (ctx.method === 'HEAD') {
    ctx.status = 200;
    return;
  }
  const session = await deps.sessions.acquire(ref, channelId);
  ctx.state.logIds.sessionId = session.id;
  // The client may have given up while the engine prebuffered.
  if (ctx.res.socket?.destroyed ?? true) return;
  ctx.status = 200;
  ctx.respond = false;
  ctx.res.flushHeaders();
  deps.ts.attach(session, ctx.res);
}

/**
 * One segment from the shared cache. A complete segment is written straight from its chunks in one corked
 * write (the common case: every client after the first); one still arriving streams as it comes.
 */
export function sendSegment(ctx: Context, deps: StreamDeps, entry: SegmentEntry) {
  // A segment URL names one engine session generation and one segment: its bytes never change.
  ctx.set('Cache-Control', 'public, max-age=300, immutable');
  ctx.type = entry.contentType;
  const complete = entry.done && !entry.error;
  const length = complete ? entry.size : entry.contentLength;
  if (length !== undefined) ctx.length = length;
  if (ctx.method === 'HEAD') {
    ctx.status = 200;
    return;
  }
  if (!complete) {
    ctx.body = deps.cache.reader(entry);
    return;
  }
  ctx.status = 200;
  ctx.respond = false;
  ctx.res.writeHead(200);
  writeComplete(ctx.res, entry);
}

/** A complete segment in one corked write, straight from its shared chunks. */
export function writeComplete(res: ServerResponse, entry: SegmentEntry) {
  res.cork();
  for (const chunk of entry.chunks) res.write(chunk);
  res.end();
}
