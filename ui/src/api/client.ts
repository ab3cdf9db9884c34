import type {
  Channel, ChannelInput, EpgSource, GuideChannel, Health, ImportReport, MappingRow, NowNext, SessionStatus, StreamStart,
} from './types.js';
import { adminToken, linkPrefix, waitForSignIn } from './auth.js';

/** Every failed call ends here: a message a person can read, plus the server's code and field errors. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Body = { json: unknown } | { text: string; type: string };

interface RequestOptions {
  body?: Body;
  signal?: AbortSignal;
}

const STATUS_TEXT: Record<number, string> = {
  401: 'this needs the admin token',
  404: 'not found',
  413: 'too large',
  502: 'the engine answered with an error',
  503: 'the engine is not available',
  504: 'the engine did not answer in time',
};

/** Reads `{error:{code,message,fields?}}`; anything else (an HTML page, a proxy's text) becomes a plain sentence. */
export async function errorFrom(res: Response, method: string, path: string): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const e = body.error;
    if (e && typeof e.message === 'string') {
      const fields = e.fields && typeof e.fields === 'object' ? (e.fields as Record<string, string>) : {};
      return new ApiError(e.message, res.status, typeof e.code === 'string' ? e.code : 'ERROR', fields);
    }
  } catch {
    // not JSON: fall through to a message built from the status
  }
  const what = STATUS_TEXT[res.status] ?? (res.statusText || 'request failed');
  const hint = res.status === 404 && path.startsWith('/api/') ? ' (this server may not offer this feature yet)' : '';
  return new ApiError(`${method} ${path}: ${what} (HTTP ${res.status})${hint}`, res.status, `HTTP_${res.status}`);
}

// Our own routes go through the address's /k/<key>; URLs the server wrote (hlsUrl, statusUrl) carry it already.
const urlOf = (path: string) => (path.startsWith('/api/') ? `${linkPrefix()}${path}` : path);

/**
 * One call; a 401 (ADMIN_TOKEN set, no token or a wrong one) opens the sign-in form and, once signed in,
 * the call is made again with the new token.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestOnce<T>(method, path, options);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || attempt > 0 || !(await waitForSignIn())) throw err;
    }
  }
}

async function requestOnce<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (adminToken.value) headers.authorization = `Bearer ${adminToken.value}`;
  let body: string | undefined;
  if (options.body && 'json' in options.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body.json);
  } else if (options.body) {
    headers['content-type'] = options.body.type;
    body = options.body.text;
  }
  let res: Response;
  try {
    res = await fetch(urlOf(path), { method, headers, body, signal: options.signal, cache: 'no-store' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('Cannot reach the acehub server. Is it running?', 0, 'NETWORK');
  }
  if (!res.ok) throw await errorFrom(res, method, path);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  try {
    return (text === '' ? undefined : JSON.parse(text)) as T;
  } catch {
    throw new ApiError(`${method} ${path}: the server sent something that is not JSON`, res.status, 'INVALID_RESPONSE');
  }
}

/** The message to show for anything thrown by a call (ApiError or not). */
export const messageOf = (err: unknown): string =>
  err instanceof Error ? err.message : typeof err === 'string' ? err : 'Something went wrong.';

const enc = encodeURIComponent;

/** Tries a token without keeping it: true when the server takes it. */
export async function checkAdminToken(token: string): Promise<boolean> {
  const res = await fetch(urlOf('/api/auth/check'), { method: 'POST', headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (res.ok) return true;
  if (res.status === 401) return false;
  throw await errorFrom(res, 'POST', '/api/auth/check');
}

export const api = {
  health: (signal?: AbortSignal) => request<Health>('GET', '/api/health', { signal }),

  startStream: (aceId: string) => request<StreamStart>('POST', `/api/streams/start/${enc(aceId)}`),
  streamStatus: (statusUrl: string, signal?: AbortSignal) => request<SessionStatus>('GET', statusUrl, { signal }),
  stopStream: (stopUrl: string) => request<{ stopped: boolean }>('POST', stopUrl),
  sessions: (signal?: AbortSignal) => request<SessionStatus[]>('GET', '/api/sessions', { signal }),
  stopSession: (id: string) => request<void>('DELETE', `/api/sessions/${enc(id)}`),

  channels: (signal?: AbortSignal) => request<Channel[]>('GET', '/api/channels', { signal }),
  channel: (id: string) => request<Channel>('GET', `/api/channels/${enc(id)}`),
  createChannel: (input: ChannelInput) => request<Channel>('POST', '/api/channels', { body: { json: input } }),
  updateChannel: (id: string, input: ChannelInput) => request<Channel>('PATCH', `/api/channels/${enc(id)}`, { body: { json: input } }),
  deleteChannel: (id: string) => request<void>('DELETE', `/api/channels/${enc(id)}`),
  importM3uText: (text: string) => request<ImportReport>('POST', '/api/channels/import', { body: { text, type: 'audio/x-mpegurl' } }),
  importM3uUrl: (url: string) => request<ImportReport>('POST', '/api/channels/import', { body: { json: { url } } }),

  epgNow: (signal?: AbortSignal) => request<NowNext[]>('GET', '/api/epg/now', { signal }),
  epgSources: (signal?: AbortSignal) => request<EpgSource[]>('GET', '/api/epg/sources', { signal }),
  addEpgSource: (url: string) => request<EpgSource>('POST', '/api/epg/sources', { body: { json: { url } } }),
  refreshEpgSource: (id: string) => request<EpgSource>('POST', `/api/epg/sources/${enc(id)}/refresh`),
  deleteEpgSource: (id: string) => request<void>('DELETE', `/api/epg/sources/${enc(id)}`),
  epgMapping: (signal?: AbortSignal) => request<MappingRow[]>('GET', '/api/epg/mapping', { signal }),
  guideChannels: (q: string, signal?: AbortSignal) => request<GuideChannel[]>('GET', `/api/epg/channels?q=${enc(q)}`, { signal }),
};

export type Api = typeof api;
