import { refKey, type ContentRef } from '../engine/content-ref.js';
import type { EnginePool } from '../engine/engine-pool.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../log.js';
import { createLiveSession, type LiveSession, type Numbering } from './live-session.js';

export interface SessionsDeps {
  engines: EnginePool;
  log: Logger;
  /** Grace period after the last client before the engine session is stopped. */
  idleMs: number;
  startTimeoutMs: number;
  playlistTimeoutMs?: number;
  maxStreams: number;
  /** Called when a session ends, so caches holding its data can let go. */
  onEnded?: (session: LiveSession) => void;
}

const NUMBERING_KEPT = 1000;

export const allTunersBusy = (max: number) =>
  new AppError('ALL_TUNERS_BUSY', `all ${max} streams are in use; stop one or raise MAX_STREAMS`, 503);

/**
 * The engine serves one player per content and a second start takes the stream over, so every client of a
 * content, on any route, goes through the one LiveSession held here.
 */
export function createSessions({ engines, log, idleMs, startTimeoutMs, playlistTimeoutMs = 10_000, maxStreams, onEnded }: SessionsDeps) {
  const byKey = new Map<string, LiveSession>();
  const byId = new Map<string, LiveSession>();
  const numbering = new Map<string, Numbering>();
  const sweeper = setInterval(sweep, Math.min(1000, Math.max(100, idleMs / 4)));
  sweeper.unref();

  function find(ref: ContentRef): LiveSession | undefined {
    const direct = byKey.get(refKey(ref));
    if (direct || ref.kind !== 'infohash') return direct;
    // A channel by content id and another by its infohash are the same engine stream.
    return [...byId.values()].find((s) => s.engineSession?.infohash === ref.id);
  }

  async function end(session: LiveSession, reason: string) {
    if (byId.get(session.id) !== session) return;
    byId.delete(session.id);
    for (const [key, s] of byKey) if (s === session) byKey.delete(key);
    remember(refKey(session.ref), session.nextNumbering());
    onEnded?.(session);
    await session.stop(reason);
  }

  function remember(key: string, next: Numbering) {
    numbering.delete(key);
    numbering.set(key, next);
    // A small bound: contents not played for a long time start again from zero.
    if (numbering.size > NUMBERING_KEPT) numbering.delete(numbering.keys().next().value!);
  }

  function sweep() {
    const now = Date.now();
    for (const session of byId.values()) {
      if (session.idleMs(now) >= idleMs) void end(session, 'idle');
    }
  }

  return {
    /**
     * The live session for this content, started if needed and prebuffered: what comes back is ready
     * to serve its playlist. Concurrent first requests share one engine start.
     */
    async acquire(ref: ContentRef, channelId?: string): Promise<LiveSession> {
      let session = find(ref);
      if (!session) {
        if (byId.size >= maxStreams) throw allTunersBusy(maxStreams);
        const key = refKey(ref);
        session = createLiveSession(ref, channelId, { engines, log, startTimeoutMs, playlistTimeoutMs, numbering: numbering.get(key) });
        byKey.set(key, session);
        byId.set(session.id, session);
        session.log.info('session created');
      }
      if (channelId) session.channelIds.add(channelId);
      const release = session.hold();
      try {
        await session.playlist();
        return session;
      } catch (err) {
        await end(session, `failed: ${(err as Error).message}`);
        throw err;
      } finally {
        release();
      }
    },

    get: (id: string) => byId.get(id),
    byInfohash: (infohash: string) => [...byId.values()].find((s) => s.engineSession?.infohash === infohash),
    list: () => [...byId.values()],
    stop: (session: LiveSession, reason: string) => end(session, reason),

    async close(): Promise<void> {
      clearInterval(sweeper);
      await Promise.all([...byId.values()].map((s) => end(s, 'shutdown')));
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
