/** What db.json holds. Bump CURRENT_SCHEMA and add a migration in migrations.ts when this changes. */
export interface Channel {
  id: string;
  name: string;
  /** Exactly one of contentId / infohash is set: 40 hex characters, lower-case. */
  contentId: string | null;
  infohash: string | null;
  group: string | null;
  logo: string | null;
  /** The user's or the imported list's tvg-id; null means "generate one" (see effectiveTvgId). */
  tvgId: string | null;
  number: number | null;
  enabled: boolean;
  /** The automatic guide match, recomputed after every guide refresh and channel change. */
  epgMatch: EpgMatch | null;
  createdAt: string;
  updatedAt: string;
}

export interface EpgMatch {
  sourceId: string;
  guideChannelId: string;
  by: 'tvg-id' | 'name';
}

export interface RefreshState {
  lastRefreshAt: string | null;
  lastResult: 'ok' | 'error' | null;
  lastError: string | null;
}

export interface PlaylistSource extends RefreshState {
  id: string;
  url: string;
  createdAt: string;
  added: number;
  updated: number;
  skipped: number;
}

export interface EpgSource extends RefreshState {
  id: string;
  url: string;
  createdAt: string;
  lastSuccessAt: string | null;
  /** Every <channel> of the last good guide, and the programmes kept from it. */
  channelCount: number;
  programmeCount: number;
}

export interface DbData {
  schemaVersion: number;
  channels: Channel[];
  playlistSources: PlaylistSource[];
  epgSources: EpgSource[];
}

export const CURRENT_SCHEMA = 1;

export const emptyDb = (): DbData => ({ schemaVersion: CURRENT_SCHEMA, channels: [], playlistSources: [], epgSources: [] });
