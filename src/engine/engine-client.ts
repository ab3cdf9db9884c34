import { got, RequestError, type Response } from 'got';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from '../log.js';
import type { ContentRef } from './content-ref.js';
import { contentNotFound, engineProtocol, engineSessionGone, engineTimeout, engineUnavailable } from './engine-errors.js';
import { readEnvelope } from './envelope.js';

export interface EngineClientDeps {
  baseUrl: string;
  log: Logger;
  /** Starting includes the engine's own prebuffer work on some versions: public proxies allow 10–60 s. */
  startTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** An engine playback session, as paths on the configured engine (never the host the engine wrote). */
export interface EngineSession {
  infohash: string;
  playbackSessionId: string;
  playbackPath: string;
  statPath: string | undefined;
  commandPath: string | undefined;
  isLive: boolean;
}

export interface EngineStat {
  status: string;
  peers: number;
  speedDown: number;
  speedUp: number;
  downloaded: number;
  uploaded: number;
  errorMessage: string | undefined;
}

export interface EngineVersion {
  version: string;
  code: number | undefined;
  platform: string | undefined;
}

/** Engine URLs carry whatever host the engine was reached by: keep only a path we recognise. */
export function enginePath(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://engine.invalid');
  } catch {
    throw engineProtocol(`unparseable URL "${url.slice(0, 200)}"`);
  }
  const path = parsed.pathname + parsed.search;
  if (!/^\/(ace|hls)\//.test(parsed.pathname) || parsed.pathname.includes('..')) {
    throw engineProtocol(`URL outside /ace/ and /hls/: "${url.slice(0, 200)}"`);
  }
  return path;
}

export function createEngineClient({ baseUrl, log, startTimeoutMs = 30_000, requestTimeoutMs = 5_000 }: EngineClientDeps) {
  const base = baseUrl.replace(/\/+$/, '');
  const http = got.extend({ prefixUrl: '', retry: { limit: 0 }, throwHttpErrors: false, followRedirect: false });

  async function call(path: string, what: string, timeoutMs: number): Promise<Response<string>> {
    try {
      return await http.get(base + path, { timeout: { request: timeoutMs } });
    } catch (err) {
      throw translate(err, what, timeoutMs);
    }
  }

  async function callJson(path: string, what: string, timeoutMs: number) {
    const res = await call(path, what, timeoutMs);
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      throw engineProtocol(`${what} answered HTTP ${res.statusCode} with non-JSON "${res.body.slice(0, 80)}"`);
    }
    return readEnvelope(body, what);
  }

  return {
    baseUrl: base,

    /** Starts an HLS session: the one output from which both HLS and MPEG-TS clients are fed. */
    async start(ref: ContentRef): Promise<EngineSession> {
      const pid = randomBytes(8).toString('hex');
      const query = new URLSearchParams({ [ref.kind]: ref.id, format: 'json', pid });
      const { result, error } = await callJson(`/ace/manifest.m3u8?${query}`, 'the start request', startTimeoutMs);
      if (error !== undefined) {
        if (/load content|not found|invalid/i.test(error)) throw contentNotFound(ref.id, error);
        throw engineProtocol(`start failed: ${error}`);
      }
      const r = result as Record<string, unknown> | null;
      if (!r || typeof r.playback_url !== 'string') throw engineProtocol('start answer has no playback_url');
      return {
        infohash: typeof r.infohash === 'string' ? r.infohash.toLowerCase() : ref.id,
        playbackSessionId: typeof r.playback_session_id === 'string' ? r.playback_session_id : '',
        playbackPath: enginePath(r.playback_url),
        statPath: typeof r.stat_url === 'string' ? enginePath(r.stat_url) : undefined,
        commandPath: typeof r.command_url === 'string' ? enginePath(r.command_url) : undefined,
        isLive: r.is_live !== 0,
      };
    },

    /** Null when the engine no longer knows the session. */
    async stat(session: EngineSession): Promise<EngineStat | null> {
      if (!session.statPath) return null;
      const sep = session.statPath.includes('?') ? '&' : '?';
      // Our own polling must not count as a player keeping the session alive.
      const { result, error } = await callJson(`${session.statPath}${sep}skip_player_activity=1`, 'stat', requestTimeoutMs);
      if (error !== undefined) {
        if (/unknown playback session/i.test(error)) return null;
        throw engineProtocol(`stat failed: ${error}`);
      }
      return normaliseStat(result);
    },

    async stop(session: EngineSession): Promise<void> {
      if (!session.commandPath) return;
      const sep = session.commandPath.includes('?') ? '&' : '?';
      const { error } = await callJson(`${session.commandPath}${sep}method=stop`, 'stop', requestTimeoutMs);
      if (error !== undefined && !/unknown playback session/i.test(error)) throw engineProtocol(`stop failed: ${error}`);
    },

    async version(): Promise<EngineVersion> {
      const { result, error } = await callJson('/webui/api/service?method=get_version', 'get_version', requestTimeoutMs);
      if (error !== undefined) throw engineProtocol(`get_version failed: ${error}`);
      const r = (result ?? {}) as Record<string, unknown>;
      return {
        version: typeof r.version === 'string' ? r.version : 'unknown',
        code: typeof r.code === 'number' ? r.code : undefined,
        platform: typeof r.platform === 'string' ? r.platform : undefined,
      };
    },

    /** A playlist of a live session. 403/404/500 mean the session is gone (taken over, stopped, expired). */
    async playlist(path: string, timeoutMs: number): Promise<string> {
      const res = await call(path, 'the playlist request', timeoutMs);
      if (res.statusCode === 200) return res.body;
      if ([403, 404, 410, 500].includes(res.statusCode)) throw engineSessionGone(`playlist answered HTTP ${res.statusCode}`);
      throw engineProtocol(`playlist answered HTTP ${res.statusCode}`);
    },

    /** A segment as a stream; the caller consumes it once and shares it. */
    segment(path: string, timeoutMs: number): Readable {
      const stream = http.stream(base + path, { timeout: { response: timeoutMs, read: timeoutMs } });
      return stream;
    },

    describeError: (err: unknown, what: string, timeoutMs: number) => translate(err, what, timeoutMs),
    log,
  };
}

export type EngineClient = ReturnType<typeof createEngineClient>;

function translate(err: unknown, what: string, timeoutMs: number) {
  if (err instanceof RequestError) {
    if (err.code === 'ETIMEDOUT') return engineTimeout(what, timeoutMs);
    if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EPIPE'].includes(err.code)) {
      return engineUnavailable(`${err.code} on ${what}`);
    }
    return engineUnavailable(`${err.code || err.message} on ${what}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

function normaliseStat(result: unknown): EngineStat {
  const r = (result ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : 0);
  return {
    status: typeof r.status === 'string' ? r.status : 'unknown',
    peers: num(r.peers),
    speedDown: num(r.speed_down),
    speedUp: num(r.speed_up),
    downloaded: num(r.downloaded),
    uploaded: num(r.uploaded),
    errorMessage: typeof r.error_message === 'string' ? r.error_message : undefined,
  };
}
