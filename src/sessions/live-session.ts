import { randomBytes } from 'node:crypto';
import { Parser, type ParsedManifest } from 'm3u8-parser';
import type { ContentRef } from '../engine/content-ref.js';
import type { Engine, EnginePool } from '../engine/engine-pool.js';
import type { Readable } from 'node:stream';
import type { EngineSession, EngineStat } from '../engine/engine-client.js';
import { withDeadline } from '../engine/deadline.js';
import { engineProtocol, engineSessionGone, isEngineError } from '../engine/engine-errors.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../log.js';

export interface LiveSessionDeps {
  engines: EnginePool;
  log: Logger;
  /** Budget for start + prebuffering (the first playlist), whatever the engine does meanwhile. */
  startTimeoutMs: number;
  playlistTimeoutMs: number;
  /**
   * Where numbering resumes. A player may still hold the playlist of an earlier session of this content
   * (paused past the grace period): numbers that went backwards would make it give up.
   */
  numbering?: Numbering;
}

export interface Numbering {
  sequence: number;
  discontinuity: number;
}

/** One engine playlist as fetched, with the numbering that applies to its generation. */
export interface PlaylistSnapshot {
  path: string;
  text: string;
  manifest: ParsedManifest;
  generation: number;
  sequenceOffset: number;
  discontinuityOffset: number;
}

// Playlist reloads from many clients within this window share one upstream fetch.
const PLAYLIST_REUSE_MS = 1000;
const STAT_REUSE_MS = 2000;
const RESTARTS_ALLOWED = 3;
const RESTART_WINDOW_MS = 60_000;
const HLS_CLIENT_WINDOW_MS = 15_000;

export function createLiveSession(ref: ContentRef, channelId: string | undefined, deps: LiveSessionDeps) {
  const id = randomBytes(6).toString('base64url');
  const log = deps.log.child({ sessionId: id, contentId: ref.id, ...(channelId ? { channelId } : {}) });
  const startedAt = Date.now();
  let lastActivity = startedAt;
  let engine: Engine | undefined;
  let engineSession: EngineSession | undefined;
  let generation = 0;
  const discontinuityBase = deps.numbering?.discontinuity ?? 0;
  let sequenceOffset = deps.numbering?.sequence ?? 0;
  let highestSequence = sequenceOffset - 1;
  const channelIds = new Set<string>(channelId ? [channelId] : []);
  let starting: Promise<EngineSession> | undefined;
  let restarts: number[] = [];
  let stopped = false;
  let firstPlaylistDone = false;
  let generationBegan = startedAt;
  const hlsClients = new Map<string, number>();
  let tsClients = 0;
  let pending = 0;
  const playlists = new Map<string, { at: number; promise: Promise<PlaylistSnapshot> }>();
  let statCache: { at: number; promise: Promise<EngineStat | null> } | undefined;

  /** Starts on the pool's choice; an engine that cannot be reached is marked down and another one tried. */
  async function startEngine(avoid?: Engine): Promise<EngineSession> {
    const began = Date.now();
    generationBegan = began;
    const chosen = deps.engines.pick(avoid);
    let started: EngineSession;
    try {
      started = await chosen.client.start(ref);
    } catch (err) {
      if (!isEngineError(err, 'ENGINE_UNAVAILABLE') && !isEngineError(err, 'ENGINE_TIMEOUT')) throw err;
      deps.engines.markDown(chosen, (err as Error).message);
      const other = deps.engines.pick(chosen);
      if (other === chosen || avoid) throw err;
      return startEngine(chosen);
    }
    if (stopped) {
      await chosen.client.stop(started).catch(() => {});
      throw new AppError('SESSION_STOPPED', 'the session was stopped while starting', 410);
    }
    engine = chosen;
    engine.sessions += 1;
    engineSession = started;
    firstPlaylistDone = false;
    log.info({ generation, infohash: started.infohash, engine: chosen.url, ms: Date.now() - began }, 'engine session started');
    return started;
  }

  function release(): { engine: Engine; session: EngineSession } | undefined {
    const held = engine && engineSession ? { engine, session: engineSession } : undefined;
    if (engine) engine.sessions -= 1;
    engine = undefined;
    engineSession = undefined;
    return held;
  }

  function ensureEngine(avoid?: Engine): Promise<EngineSession> {
    if (engineSession) return Promise.resolve(engineSession);
    starting ??= startEngine(avoid).finally(() => {
      starting = undefined;
    });
    return starting;
  }

  async function fetchPlaylist(path: string, gen: number, offset: number): Promise<PlaylistSnapshot> {
    const timeoutMs = firstPlaylistDone
      ? deps.playlistTimeoutMs
      : Math.max(1000, deps.startTimeoutMs - (Date.now() - generationBegan));
    // Before prebuffering ends the engine holds the answer back; the start budget covers that wait.
    const what = firstPlaylistDone ? 'the playlist request' : 'the first playlist (prebuffering)';
    // A restart may have released the engine between the caller's check and now.
    if (!engine) throw engineSessionGone('restarting');
    const text = await withDeadline(engine.client.playlist(path, timeoutMs), timeoutMs, what);
    if (!/^\uFEFF?#EXTM3U/.test(text)) throw engineProtocol('the engine playlist is not an M3U8 playlist');
    const parser = new Parser();
    parser.push(text);
    parser.end();
    const manifest = parser.manifest;
    if (gen === generation) {
      firstPlaylistDone = true;
      if (manifest.segments.length > 0) {
        highestSequence = Math.max(highestSequence, (manifest.mediaSequence ?? 0) + manifest.segments.length - 1 + offset);
      }
    }
    return { path, text, manifest, generation: gen, sequenceOffset: offset, discontinuityOffset: discontinuityBase + gen };
  }

  function cachedPlaylist(path: string): Promise<PlaylistSnapshot> {
    const now = Date.now();
    const hit = playlists.get(path);
    if (hit && now - hit.at < PLAYLIST_REUSE_MS) return hit.promise;
    const promise = fetchPlaylist(path, generation, sequenceOffset);
    const entry = { at: now, promise };
    playlists.set(path, entry);
    promise.catch(() => {
      if (playlists.get(path) === entry) playlists.delete(path);
    });
    return promise;
  }

  /** A new engine session for the clients still watching; numbering continues after the last one. */
  async function restart(reason: string, failedGeneration: number, engineDown: boolean): Promise<void> {
    if (failedGeneration !== generation || starting) {
      await ensureEngine();
      return;
    }
    const now = Date.now();
    restarts = restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (restarts.length >= RESTARTS_ALLOWED) {
      throw engineSessionGone(`restarted ${restarts.length} times within ${RESTART_WINDOW_MS / 1000} s (${reason})`);
    }
    restarts.push(now);
    const old = release();
    generation += 1;
    sequenceOffset = highestSequence + 1;
    playlists.clear();
    statCache = undefined;
    log.warn({ reason, generation, engine: old?.engine.url }, 'engine session lost; restarting');
    if (old && engineDown) deps.engines.markDown(old.engine, reason);
    // Best effort: a stalled engine may still hold the session; a dead one refuses at once.
    if (old) old.engine.client.stop(old.session).catch(() => {});
    await ensureEngine(engineDown ? old?.engine : undefined);
  }

  return {
    id,
    ref,
    log,
    startedAt,
    get generation() {
      return generation;
    },
    get engineSession() {
      return engineSession;
    },
    get engine() {
      return engine;
    },

    /** A segment of the current engine session, from whichever engine holds it. */
    openSegment(path: string): Readable {
      if (!engine) throw new AppError('SEGMENT_GONE', 'the session has no engine right now; reload the playlist', 404);
      return engine.client.segment(path, deps.playlistTimeoutMs);
    },
    get stopped() {
      return stopped;
    },
    channelIds,

    /** Where a later session of the same content should continue numbering. */
    nextNumbering(): Numbering {
      return { sequence: highestSequence + 1, discontinuity: discontinuityBase + generation + 1 };
    },

    /**
     * The playlist at `path` (default: the session's own). A session that died under us is restarted
     * once, transparently, when its own playlist was asked for.
     */
    async playlist(path?: string): Promise<PlaylistSnapshot> {
      if (stopped) throw new AppError('SESSION_STOPPED', 'this stream session has been stopped', 410);
      const current = await ensureEngine();
      const gen = generation;
      const wanted = path ?? current.playbackPath;
      // A session that never produced a playlist (still prebuffering) is not restarted on a timeout: that is
      // the start budget running out, and the client is told so.
      const wasPlaying = firstPlaylistDone;
      try {
        return await cachedPlaylist(wanted);
      } catch (err) {
        const gone = isEngineError(err, 'ENGINE_SESSION_GONE') || isEngineError(err, 'ENGINE_PROTOCOL_ERROR');
        // An engine that stopped answering takes its sessions with it: restart them elsewhere if we can.
        const engineDown = wasPlaying && (isEngineError(err, 'ENGINE_UNAVAILABLE') || isEngineError(err, 'ENGINE_TIMEOUT'));
        if ((!gone && !engineDown) || stopped || (path !== undefined && path !== current.playbackPath)) throw err;
        await restart((err as Error).message, gen, engineDown);
        return cachedPlaylist(engineSession!.playbackPath);
      }
    },

    stat(): Promise<EngineStat | null> {
      const now = Date.now();
      if (!engineSession || !engine) return Promise.resolve(null);
      if (statCache && now - statCache.at < STAT_REUSE_MS) return statCache.promise;
      const promise = engine.client.stat(engineSession).catch((err: unknown) => {
        log.debug({ err }, 'stat failed');
        return null;
      });
      statCache = { at: now, promise };
      return promise;
    },

    touch(clientKey: string) {
      lastActivity = Date.now();
      if (!hlsClients.has(clientKey)) log.info({ client: clientKey }, 'hls client joined');
      hlsClients.set(clientKey, lastActivity);
    },

    attachTs(): () => void {
      tsClients += 1;
      lastActivity = Date.now();
      let attached = true;
      return () => {
        if (!attached) return;
        attached = false;
        tsClients -= 1;
        lastActivity = Date.now();
      };
    },

    /** Keeps the session from idling out while a request waits on it (prebuffering can take long). */
    hold(): () => void {
      pending += 1;
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        pending -= 1;
        lastActivity = Date.now();
      };
    },

    clients(now = Date.now()): { hls: number; ts: number } {
      for (const [key, seen] of hlsClients) if (now - seen > HLS_CLIENT_WINDOW_MS) hlsClients.delete(key);
      return { hls: hlsClients.size, ts: tsClients };
    },

    idleMs(now = Date.now()): number {
      return tsClients > 0 || pending > 0 ? 0 : now - lastActivity;
    },

    get lastActivity() {
      return lastActivity;
    },

    async stop(reason: string): Promise<void> {
      if (stopped) return;
      stopped = true;
      // A start still in flight sees `stopped` when it returns and stops what it started.
      const held = release();
      playlists.clear();
      log.info({ reason, uptimeS: Math.round((Date.now() - startedAt) / 1000) }, 'engine session stopped');
      if (held) await held.engine.client.stop(held.session).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'engine stop failed'));
    },
  };
}

export type LiveSession = ReturnType<typeof createLiveSession>;
