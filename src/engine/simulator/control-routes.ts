import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Counters } from './counters.js';
import type { FaultKind, Faults } from './faults.js';
import { liveWindow, type LiveWindowOptions } from './live-window.js';
import { versionCode, type SimulatorConfig } from './options.js';
import { requestOrigin, sendJson, sendText } from './reply.js';
import type { Session, SessionStore } from './sessions.js';
import { resolveStartTarget, type TargetRules } from './start-params.js';

export interface ControlRouteDeps {
  store: SessionStore;
  counters: Counters;
  config: SimulatorConfig;
  rules: TargetRules;
  window: LiveWindowOptions;
  fallbackHost: () => string;
  now: () => number;
  faults: Faults;
}

const FAULTS: FaultKind[] = ['garbage', 'html', 'stall', 'reset'];

const UNKNOWN_SESSION = { response: null, error: 'unknown playback session id' };
// Roughly the committed media's bitrate, so stat numbers look like a stream of that size.
const BYTES_PER_SECOND = 36_000;

export function createControlRoutes({ store, counters, config, rules, window, fallbackHost, now, faults }: ControlRouteDeps) {
  function start(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, output: 'ts' | 'hls'): void {
    const json = query.get('format') === 'json';
    const target = resolveStartTarget(query, rules);
    if ('error' in target) {
      if (json) sendJson(res, 200, { response: null, error: target.error });
      else sendText(res, 500, target.error);
      return;
    }
    const session = store.start(target.infohash, target.contentId);
    const ace = `${requestOrigin(req, fallbackHost())}/ace`;
    const id = `${session.infohash}/${session.key}`;
    const playbackUrl = output === 'hls' ? `${ace}/m/${id}.m3u8` : `${ace}/r/${id}`;
    if (!json) {
      sendText(res, 302, `Redirect to ${playbackUrl}`, { Location: playbackUrl });
      return;
    }
    sendJson(res, 200, {
      response: {
        playback_url: playbackUrl,
        stat_url: `${ace}/stat/${id}`,
        command_url: `${ace}/cmd/${id}`,
        infohash: session.infohash,
        playback_session_id: session.playbackSessionId,
        is_live: 1,
        is_encrypted: 0,
        client_session_id: -1,
      },
      error: null,
    });
  }

  function stat(res: ServerResponse, infohash: string, key: string, query: URLSearchParams): void {
    counters.add('statRequests');
    const session = store.find(infohash, key);
    if (!session || session.ended) return sendJson(res, 200, UNKNOWN_SESSION);
    if (query.get('skip_player_activity') !== '1') store.touch(session);
    sendJson(res, 200, { response: statOf(session), error: null });
  }

  function statOf(session: Session) {
    const t = now();
    const status = store.stateOf(session);
    const downloading = status === 'dl';
    const seconds = Math.max(0, (t - session.readyAt) / 1000);
    const seed = Number.parseInt(session.playbackSessionId.slice(0, 6), 16);
    const step = Math.floor(t / 5000);
    const downloaded = downloading ? Math.floor((seconds + 8) * BYTES_PER_SECOND) : 0;
    const live = liveWindow(t - session.readyAt, window);
    const nowSeconds = Math.floor(t / 1000);
    const windowSeconds = live ? Math.round(((live.last - live.first + 1) * window.segmentMs) / 1000) : 0;
    return {
      status,
      peers: downloading ? 5 + ((seed + step * 7) % 36) : 0,
      speed_down: downloading ? 30 + ((seed + step * 3) % 20) : 0,
      speed_up: downloading ? (seed + step) % 12 : 0,
      downloaded,
      uploaded: Math.floor(downloaded / 4),
      total_progress: 0,
      is_live: 1,
      playback_session_id: session.playbackSessionId,
      infohash: session.infohash,
      disk_cache_stats: { avail: 20_000_000_000, disk_cache_limit: 21_474_836_480, inactive_inuse: 0, active_inuse: downloaded },
      livepos: {
        pos: String(nowSeconds),
        live_first: String(nowSeconds - windowSeconds),
        live_last: String(nowSeconds),
        first_ts: String(nowSeconds - windowSeconds),
        last_ts: String(nowSeconds),
        buffer_pieces: String(downloading ? 15 : 0),
      },
    };
  }

  function command(res: ServerResponse, infohash: string, key: string, query: URLSearchParams): void {
    const session = store.find(infohash, key);
    if (!session || session.ended) return sendJson(res, 200, UNKNOWN_SESSION);
    if (query.get('method') === 'stop') store.end(session, 'stop');
    sendJson(res, 200, { response: 'ok', error: null });
  }

  function service(res: ServerResponse, query: URLSearchParams): void {
    if (query.get('method') !== 'get_version') return sendJson(res, 200, { result: null, error: 'unknown method' });
    sendJson(res, 200, {
      result: { code: versionCode(config.version), platform: 'linux', version: config.version },
      error: null,
    });
  }

  function kill(infohash: string): boolean {
    const session = store.activeFor(infohash.toLowerCase());
    if (session) store.end(session, 'kill');
    return session !== undefined;
  }

  /** The engine process restarting: every session is lost at once. */
  function forgetAll(): number {
    const lost = [...store.list()].filter((s) => !s.ended);
    for (const session of lost) store.end(session, 'kill');
    return lost.length;
  }

  function listSessions() {
    return store.list().map((s) => ({
      infohash: s.infohash,
      ...(s.contentId === undefined ? {} : { contentId: s.contentId }),
      playbackSessionId: s.playbackSessionId,
      key: s.key,
      startedAt: s.startedAt,
      state: store.stateOf(s),
    }));
  }

  function simulatorControl(req: IncomingMessage, res: ServerResponse, path: string): void {
    const post = req.method === 'POST';
    if (path === '/sim/counters' && !post) return sendJson(res, 200, counters.snapshot(store.activeCount()));
    if (path === '/sim/sessions' && !post) return sendJson(res, 200, listSessions());
    if (path === '/sim/reset-counters' && post) {
      counters.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/sim/forget-all' && post) return sendJson(res, 200, { ok: true, lost: forgetAll() });
    const fault = /^\/sim\/fault\/(\w+)$/.exec(path);
    if (fault && post) {
      const kind = fault[1] === 'none' ? undefined : (fault[1] as FaultKind);
      if (kind && !FAULTS.includes(kind)) return sendText(res, 400, `faults: none, ${FAULTS.join(', ')}`);
      faults.set(kind, new URL(req.url ?? '/', 'http://sim').searchParams.get('scope') ?? '/');
      return sendJson(res, 200, { ok: true, fault: faults.get() ?? null });
    }
    const killed = /^\/sim\/kill\/([0-9a-fA-F]{40})$/.exec(path);
    if (killed && post) return sendJson(res, 200, { ok: true, killed: kill(killed[1]!) });
    sendText(res, 404, 'not found');
  }

  return { start, stat, command, service, kill, forgetAll, listSessions, simulatorControl };
}

export type ControlRoutes = ReturnType<typeof createControlRoutes>;
