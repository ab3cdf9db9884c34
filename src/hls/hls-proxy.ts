import { enginePath } from '../engine/engine-client.js';
import { AppError } from '../http/errors.js';
import type { LiveSession, PlaylistSnapshot } from '../sessions/live-session.js';
import { rewritePlaylist, type UriKind } from './playlist-rewrite.js';
import type { SegmentCache, SegmentEntry } from './segment-cache.js';

export interface HlsProxyDeps {
  cache: SegmentCache;
  /** Segments a client's playlist lists (the live edge), whatever the engine's own list holds. */
  window: number;
}

const EXTENSION: Record<UriKind, string> = { segment: 'ts', playlist: 'm3u8', key: 'key' };
// Only engine media paths of the session's own content may be fetched on a client's behalf.
const MEDIA_PATH = /^\/(ace|hls)\/(c|m)\/([0-9a-f]{40})\/[^?#]+(\?[^#]*)?$/i;

export const segmentToken = (path: string) => Buffer.from(path).toString('base64url');

export function pathFromToken(token: string, infohash: string): string {
  const path = Buffer.from(token, 'base64url').toString('utf8');
  const match = MEDIA_PATH.exec(path);
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token) || !match || match[3]!.toLowerCase() !== infohash || path.includes('..')) {
    throw new AppError('INVALID_SEGMENT', 'not a segment of this stream', 400);
  }
  return path;
}

export const segmentCacheKey = (session: LiveSession, generation: number, path: string) => `${session.id}/${generation}/${path}`;

export function createHlsProxy({ cache, window }: HlsProxyDeps) {
  const warmed = new WeakSet<PlaylistSnapshot>();

  /**
   * Players fetch the segments a playlist lists right after reading it, all clients of a channel the same
   * ones: start those fetches as soon as a playlist is seen, once per upstream playlist, so clients find
   * them cached instead of queueing behind one cold fetch after another.
   */
  function warm(session: LiveSession, snapshot: PlaylistSnapshot) {
    if (warmed.has(snapshot)) return;
    warmed.add(snapshot);
    for (const segment of snapshot.manifest.segments.slice(-window)) {
      let path: string;
      try {
        path = enginePath(new URL(segment.uri, `http://engine.invalid${snapshot.path}`).href);
      } catch {
        continue;
      }
      cache.get(segmentCacheKey(session, snapshot.generation, path), () => session.openSegment(path));
    }
  }

  function rewrite(session: LiveSession, snapshot: PlaylistSnapshot, linkPrefix: string): string {
    warm(session, snapshot);
    const prefix = `${linkPrefix}/hls/${session.id}/${snapshot.generation}/`;
    return rewritePlaylist(snapshot.text, {
      playlistUrl: snapshot.path,
      mapUri: (uri, kind) => `${prefix}${segmentToken(enginePath(uri))}.${EXTENSION[kind]}`,
      window,
      sequenceOffset: snapshot.sequenceOffset,
      discontinuityOffset: snapshot.discontinuityOffset,
    });
  }

  function checkGeneration(session: LiveSession, generation: number) {
    if (generation !== session.generation || !session.engineSession) {
      throw new AppError('SEGMENT_GONE', 'this segment belongs to an earlier engine session; reload the playlist', 404);
    }
    return session.engineSession;
  }

  return {
    /** The session's playlist (or one of its variants) with every URI pointing back at us. */
    async playlist(session: LiveSession, linkPrefix: string, token?: { generation: number; token: string }): Promise<string> {
      if (!token) return rewrite(session, await session.playlist(), linkPrefix);
      const engine = checkGeneration(session, token.generation);
      return rewrite(session, await session.playlist(pathFromToken(token.token, engine.infohash)), linkPrefix);
    },

    /** A segment already complete in the cache, or undefined (nothing is fetched, nothing thrown). */
    cachedSegment(session: LiveSession, generation: number, token: string): SegmentEntry | undefined {
      const engine = session.engineSession;
      if (generation !== session.generation || !engine) return undefined;
      try {
        return cache.complete(segmentCacheKey(session, generation, pathFromToken(token, engine.infohash)));
      } catch {
        return undefined;
      }
    },

    /** The shared entry for one segment: fetched from the engine once, however many clients ask. */
    async segment(session: LiveSession, generation: number, token: string): Promise<SegmentEntry> {
      const engine = checkGeneration(session, generation);
      const path = pathFromToken(token, engine.infohash);
      const entry = cache.get(segmentCacheKey(session, generation, path), () => session.openSegment(path));
      await entry.ready;
      return entry;
    },
  };
}

export type HlsProxy = ReturnType<typeof createHlsProxy>;
