import type { ServerResponse } from 'node:http';
import { enginePath } from '../engine/engine-client.js';
import { segmentCacheKey } from '../hls/hls-proxy.js';
import type { SegmentCache, SegmentEntry } from '../hls/segment-cache.js';
import type { Logger } from '../log.js';
import type { LiveSession, PlaylistSnapshot } from '../sessions/live-session.js';

export interface TsFanoutDeps {
  cache: SegmentCache;
  log: Logger;
  /**
   * Bytes a client may fall behind before it is dropped, so one slow reader never holds the others back.
   * Must exceed a segment: a joining client is handed the current segment in one write.
   */
  maxBacklogBytes: number;
}

interface Feed {
  session: LiveSession;
  clients: Set<ServerResponse>;
  /** The segment being sent: its chunk array as it was when sending began, and how many went out. */
  current: { chunks: Buffer[]; sent: number } | undefined;
}

// When the feed falls behind the engine (a slow fetch), it skips to these last segments of the list.
const MAX_CATCH_UP = 3;

/**
 * MPEG-TS for every client of a session from one read of its HLS playlist: TS segments concatenate into a
 * continuous transport stream, so the engine serves one player however many TS and HLS clients there are.
 */
export function createTsFanout({ cache, log, maxBacklogBytes }: TsFanoutDeps) {
  const feeds = new Map<string, Feed>();

  function write(feed: Feed, res: ServerResponse, chunk: Buffer) {
    if (res.destroyed) return;
    res.write(chunk);
    if (res.writableLength > maxBacklogBytes) {
      feed.session.log.warn({ backlogBytes: res.writableLength }, 'ts client too slow; dropped');
      feed.clients.delete(res);
      res.destroy();
    }
  }

  function broadcast(feed: Feed, entry: SegmentEntry): Promise<void> {
    const current = { chunks: entry.chunks, sent: 0 };
    feed.current = current;
    return new Promise((resolve, reject) => {
      const push = () => {
        while (current.sent < current.chunks.length) {
          const chunk = current.chunks[current.sent++]!;
          for (const res of feed.clients) write(feed, res, chunk);
        }
        if (!entry.done) return;
        entry.listeners.delete(push);
        if (entry.error) reject(entry.error);
        else resolve();
      };
      entry.listeners.add(push);
      push();
    });
  }

  async function mediaPlaylist(session: LiveSession): Promise<PlaylistSnapshot> {
    const snapshot = await session.playlist();
    const variants = snapshot.manifest.playlists ?? [];
    if (variants.length === 0) return snapshot;
    // A master playlist (content that is HLS at its source): feed TS clients the richest variant.
    const best = variants.reduce((a, b) => ((b.attributes.BANDWIDTH ?? 0) > (a.attributes.BANDWIDTH ?? 0) ? b : a));
    return session.playlist(enginePath(new URL(best.uri, `http://engine.invalid${snapshot.path}`).href));
  }

  async function run(feed: Feed) {
    const { session } = feed;
    let lastSequence: number | undefined;
    while (feed.clients.size > 0 && !session.stopped) {
      let snapshot: PlaylistSnapshot;
      try {
        snapshot = await mediaPlaylist(session);
      } catch (err) {
        session.log.warn({ err: (err as Error).message }, 'ts feed lost its playlist; closing its clients');
        break;
      }
      const { segments, mediaSequence = 0, targetDuration = 6 } = snapshot.manifest;
      const first = mediaSequence + snapshot.sequenceOffset;
      const fresh = segments
        .map((segment, i) => ({ segment, sequence: first + i }))
        .filter(({ sequence }) => lastSequence === undefined || sequence > lastSequence)
        .slice(lastSequence === undefined ? -1 : -MAX_CATCH_UP);
      if (fresh.length === 0) {
        await sleep(Math.min(2000, Math.max(500, (targetDuration * 1000) / 3)));
        continue;
      }
      for (const { segment, sequence } of fresh) {
        if (feed.clients.size === 0) break;
        const path = enginePath(new URL(segment.uri, `http://engine.invalid${snapshot.path}`).href);
        try {
          await broadcast(feed, cache.get(segmentCacheKey(session, snapshot.generation, path), () => session.openSegment(path)));
        } catch (err) {
          session.log.warn({ err: (err as Error).message, sequence }, 'segment skipped in ts feed');
        }
        lastSequence = sequence;
      }
    }
    feeds.delete(session.id);
    for (const res of feed.clients) res.end();
    feed.clients.clear();
  }

  return {
    /**
     * Adds a client whose headers are already sent. It first gets the segment being sent from its start
     * (a segment starts with PAT/PMT and a keyframe, on a 188-byte packet boundary), then the live feed.
     */
    attach(session: LiveSession, res: ServerResponse): void {
      const release = session.attachTs();
      let feed = feeds.get(session.id);
      const isNew = !feed;
      feed ??= { session, clients: new Set(), current: undefined };
      feeds.set(session.id, feed);
      if (feed.current) for (const chunk of feed.current.chunks.slice(0, feed.current.sent)) write(feed, res, chunk);
      feed.clients.add(res);
      const joined = feed;
      session.log.info({ clients: feed.clients.size }, 'ts client joined');
      res.once('close', () => {
        joined.clients.delete(res);
        release();
        session.log.info({ clients: joined.clients.size }, 'ts client left');
      });
      if (isNew) {
        run(joined).catch((err: unknown) => log.error({ err }, 'ts feed failed'));
      }
    },

    clients: (sessionId: string) => feeds.get(sessionId)?.clients.size ?? 0,
  };
}

export type TsFanout = ReturnType<typeof createTsFanout>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
