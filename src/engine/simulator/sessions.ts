import { randomBytes } from 'node:crypto';
import type { Counters } from './counters.js';

export type SessionState = 'prebuf' | 'dl' | 'stopped' | 'superseded';
export type EndReason = 'stop' | 'expire' | 'kill' | 'supersede';

export interface Session {
  readonly infohash: string;
  readonly contentId?: string;
  readonly playbackSessionId: string;
  readonly key: string;
  readonly startedAt: number;
  readonly readyAt: number;
  lastActivity: number;
  ended?: 'stopped' | 'superseded';
  /** Settles when prebuffering ends or the session ends, whichever comes first. */
  readonly ready: Promise<void>;
}

export interface SessionStoreDeps {
  prebufferMs: number;
  idleExpiryMs: number;
  counters: Counters;
  now: () => number;
}

// Ended sessions are remembered so their URLs keep answering 403/500, but not forever.
const ENDED_KEPT = 1000;

export function createSessionStore({ prebufferMs, idleExpiryMs, counters, now }: SessionStoreDeps) {
  const byKey = new Map<string, Session>();
  const active = new Map<string, Session>();
  const ended: string[] = [];
  const pending = new Map<Session, { timer: NodeJS.Timeout; release: () => void }>();
  const endListeners = new Map<Session, Set<() => void>>();

  const sweeper = setInterval(expireIdle, Math.min(1000, Math.max(20, idleExpiryMs / 4)));
  sweeper.unref();

  function start(infohash: string, contentId?: string): Session {
    const previous = active.get(infohash);
    if (previous) end(previous, 'supersede');
    const startedAt = now();
    let release = () => {};
    const ready = new Promise<void>((resolve) => (release = resolve));
    const session: Session = {
      infohash,
      contentId,
      playbackSessionId: randomBytes(20).toString('hex'),
      key: randomBytes(16).toString('hex'),
      startedAt,
      readyAt: startedAt + prebufferMs,
      lastActivity: startedAt,
      ready,
    };
    const timer = setTimeout(() => settle(session), prebufferMs);
    pending.set(session, { timer, release });
    byKey.set(session.key, session);
    active.set(infohash, session);
    counters.started(infohash);
    return session;
  }

  function settle(session: Session): void {
    const p = pending.get(session);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(session);
    p.release();
  }

  function end(session: Session, reason: EndReason): void {
    if (session.ended) return;
    session.ended = reason === 'supersede' ? 'superseded' : 'stopped';
    if (reason === 'stop') counters.add('stops');
    if (reason === 'expire') counters.add('expired');
    if (active.get(session.infohash) === session) active.delete(session.infohash);
    settle(session);
    for (const listener of endListeners.get(session) ?? []) listener();
    endListeners.delete(session);
    ended.push(session.key);
    if (ended.length > ENDED_KEPT) byKey.delete(ended.shift()!);
  }

  function expireIdle(): void {
    const t = now();
    for (const session of [...active.values()]) {
      if (t - session.lastActivity > idleExpiryMs) end(session, 'expire');
    }
  }

  function stateOf(session: Session): SessionState {
    return session.ended ?? (now() < session.readyAt ? 'prebuf' : 'dl');
  }

  return {
    start,
    end,
    stateOf,
    /** The session behind a playback URL, ended or not, if it belongs to that infohash. */
    find(infohash: string, key: string): Session | undefined {
      const session = byKey.get(key);
      return session?.infohash === infohash ? session : undefined;
    },
    activeFor: (infohash: string) => active.get(infohash),
    activeCount: () => active.size,
    touch(session: Session): void {
      session.lastActivity = Math.max(session.lastActivity, now());
    },
    /** Calls back once when the session ends; returns an unsubscribe function. */
    onEnd(session: Session, listener: () => void): () => void {
      if (session.ended) {
        listener();
        return () => {};
      }
      const set = endListeners.get(session) ?? new Set();
      set.add(listener);
      endListeners.set(session, set);
      return () => set.delete(listener);
    },
    list(): Session[] {
      return [...byKey.values()];
    },
    dispose(): void {
      clearInterval(sweeper);
      for (const session of [...pending.keys()]) settle(session);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
