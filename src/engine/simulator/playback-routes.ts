import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Counters } from './counters.js';
import { liveWindow, type LiveWindow, type LiveWindowOptions } from './live-window.js';
import type { Media } from './media.js';
import { PACKET_SIZE } from './mpegts.js';
import { requestOrigin, sendText } from './reply.js';
import type { Session, SessionStore } from './sessions.js';

export interface PlaybackRouteDeps {
  store: SessionStore;
  counters: Counters;
  media: Media;
  window: LiveWindowOptions;
  missingSegmentStatus: number;
  fallbackHost: () => string;
  now: () => number;
}

// The TS output trickles each segment out in pieces, like a live source, rather than in 4 s bursts.
const PIECES_PER_SEGMENT = 8;
// A reader this far behind is not a player any more: drop it rather than buffer without bound.
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export function createPlaybackRoutes(deps: PlaybackRouteDeps) {
  const { store, counters, media, window, missingSegmentStatus, fallbackHost, now } = deps;

  function windowOf(session: Session): LiveWindow | undefined {
    if (store.stateOf(session) !== 'dl') return undefined;
    return liveWindow(now() - session.readyAt, window);
  }

  /** Waits out prebuffering; answers and returns false if the session cannot be played (any more). */
  async function playable(res: ServerResponse, session: Session | undefined): Promise<boolean> {
    if (!session) {
      sendText(res, 404, 'not found');
      return false;
    }
    if (!session.ended) store.touch(session);
    await session.ready;
    if (session.ended === 'superseded') sendText(res, 403, 'forbidden');
    else if (session.ended) sendText(res, 500, 'session stopped');
    return !session.ended && !res.destroyed;
  }

  async function playlist(req: IncomingMessage, res: ServerResponse, infohash: string, key: string): Promise<void> {
    counters.add('playlistRequests');
    const session = store.find(infohash, key);
    if (!(await playable(res, session))) return;
    const live = liveWindow(Math.max(0, now() - session!.readyAt), window)!;
    const segments = `${requestOrigin(req, fallbackHost())}/ace/c/${infohash}`;
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      `#EXT-X-TARGETDURATION:${media.targetDuration}`,
      `#EXT-X-MEDIA-SEQUENCE:${live.first}`,
    ];
    for (let n = live.first; n <= live.last; n++) {
      lines.push(`#EXTINF:${media.duration(n).toFixed(6)},`, `${segments}/${n}.ts`);
    }
    const body = `${lines.join('\n')}\n`;
    res.writeHead(200, { 'Content-Type': 'application/vnd.apple.mpegurl', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  function segment(res: ServerResponse, infohash: string, n: number): void {
    counters.add('segmentRequests');
    const session = store.activeFor(infohash);
    if (session) store.touch(session);
    const live = session && windowOf(session);
    if (!live || n < live.first || n > live.last) {
      sendText(res, missingSegmentStatus, 'segment not available');
      return;
    }
    const body = media.segment(n);
    res.writeHead(200, { 'Content-Type': 'video/mp2t', 'Content-Length': body.length });
    res.end(body);
  }

  async function stream(res: ServerResponse, infohash: string, key: string): Promise<void> {
    counters.add('streamRequests');
    const session = store.find(infohash, key);
    if (!(await playable(res, session))) return;
    const live = session!;
    let n = liveWindow(Math.max(0, now() - live.readyAt), window)!.last;
    let pieces: Buffer[] = [];
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const startedAt = now();
    const pieceMs = window.segmentMs / PIECES_PER_SEGMENT;

    const stopWatching = store.onEnd(live, () => {
      clearTimeout(timer);
      if (!res.writableEnded) res.end();
    });
    res.on('close', () => {
      clearTimeout(timer);
      stopWatching();
    });

    const tick = () => {
      if (res.destroyed || res.writableEnded) return;
      if (pieces.length === 0) pieces = split(media.segment(++n));
      res.write(pieces.shift()!);
      store.touch(live);
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        return;
      }
      sent++;
      timer = setTimeout(tick, Math.max(0, startedAt + (sent + 1) * pieceMs - now()));
    };

    res.writeHead(200, { 'Content-Type': 'video/mp2t' });
    // The live edge segment goes out at once, as the engine sends its prebuffer.
    res.write(media.segment(n));
    timer = setTimeout(tick, pieceMs);
  }

  return { playlist, segment, stream };
}

function split(segment: Buffer): Buffer[] {
  const packetsPerPiece = Math.ceil(segment.length / PACKET_SIZE / PIECES_PER_SEGMENT);
  const size = packetsPerPiece * PACKET_SIZE;
  const pieces: Buffer[] = [];
  for (let at = 0; at < segment.length; at += size) pieces.push(segment.subarray(at, at + size));
  return pieces;
}

export type PlaybackRoutes = ReturnType<typeof createPlaybackRoutes>;
