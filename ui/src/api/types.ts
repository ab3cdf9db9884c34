/** Shapes of the server's JSON answers, as the UI reads them (see src/streams, src/catalog, src/epg). */

export interface EngineState {
  url: string;
  reachable: boolean;
  version: string | null;
  /** Live sessions placed on this engine. */
  sessions?: number;
  error?: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  engine: EngineState;
  /** Every configured engine (ENGINE_URL may list several); `engine` is the first reachable one. */
  engines?: EngineState[];
  /** Which secrets the server wants: ADMIN_TOKEN for writes, ACCESS_KEY in stream and playlist URLs. */
  auth?: { adminToken: boolean; accessKey: boolean };
}

export interface StreamStart {
  sessionId: string;
  contentId: string;
  hlsUrl: string;
  statusUrl: string;
  stopUrl: string;
}

export interface SessionStatus {
  sessionId: string;
  contentId: string;
  kind: 'content_id' | 'infohash';
  infohash: string | null;
  clients: number;
  hlsClients: number;
  tsClients: number;
  restarts: number;
  startedAt: string;
  lastActivity: string;
  /** The engine's word: prebuf, dl, buf, idle, check, err, or ours: starting, unknown. */
  status: string;
  peers: number;
  /** KB/s */
  speedDown: number;
  speedUp: number;
  /** bytes */
  downloaded: number;
  uploaded: number;
  errorMessage?: string;
  hlsUrl: string;
}

export interface EpgMatch {
  sourceId: string;
  guideChannelId: string;
  by: 'tvg-id' | 'name';
}

export interface Channel {
  id: string;
  name: string;
  contentId: string | null;
  infohash: string | null;
  group: string | null;
  logo: string | null;
  tvgId: string | null;
  number: number | null;
  enabled: boolean;
  epgMatch?: EpgMatch | null;
  effectiveTvgId?: string;
  streams?: { ts: string; hls: string };
  createdAt: string;
  updatedAt: string;
}

/** What the channel form sends; `url` takes a bare id, an acestream:// link or an engine URL. */
export interface ChannelInput {
  name?: string;
  url?: string;
  group?: string | null;
  logo?: string | null;
  tvgId?: string | null;
  number?: number | null;
  enabled?: boolean;
}

export interface ImportReport {
  added: number;
  updated: number;
  skipped: { line: number; reason: string }[];
}

export interface RefreshState {
  lastRefreshAt: string | null;
  lastResult: 'ok' | 'error' | null;
  lastError: string | null;
}

export interface EpgSource extends RefreshState {
  id: string;
  url: string;
  createdAt: string;
  lastSuccessAt: string | null;
  channelCount: number;
  programmeCount: number;
}

export interface Programme {
  start: string;
  stop: string | null;
  title: string;
  subTitle: string | null;
  desc: string | null;
  categories: string[];
  icon: string | null;
}

export interface NowNext {
  channelId: string;
  name: string;
  now: Programme | null;
  next: Programme | null;
}

export interface GuideChannel {
  id: string;
  displayNames: string[];
  icon: string | null;
}

export interface MappingRow {
  channelId: string;
  name: string;
  tvgId: string | null;
  effectiveTvgId: string;
  match: EpgMatch | null;
  guideChannel: GuideChannel | null;
}
