import { AppError, notFound } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { ChannelService, ImportResult } from './channel-service.js';
import { checkRemoteUrl, checkSourceUrl, remoteText, type RemoteLimits } from './fetch-remote.js';
import { newId } from './ids.js';
import { rowsFromM3u } from './m3u-import.js';
import { parseM3u } from './m3u-parse.js';
import type { CatalogStore } from './store.js';
import type { PlaylistSource } from './types.js';

export interface PlaylistsDeps {
  store: CatalogStore;
  channels: ChannelService;
  log: Logger;
  limits: Omit<RemoteLimits, 'signal'>;
  now?: () => number;
}

/** M3U import (from a body or a URL) and the saved remote playlists refreshed on a schedule. */
export function createPlaylists({ store, channels, log, limits, now = Date.now }: PlaylistsDeps) {
  const abort = new AbortController();
  const inFlight = new Map<string, Promise<PlaylistSource>>();
  const source = (id: string) => store.data().playlistSources.find((s) => s.id === id);

  async function importText(text: string): Promise<ImportResult> {
    const parsed = parseM3u(text);
    const { rows, skipped } = rowsFromM3u(parsed);
    if (!parsed.hasHeader && rows.length === 0) throw new AppError('INVALID_PLAYLIST', 'not an M3U playlist: no #EXTM3U header and no Ace Stream entries', 400);
    return channels.importRows(rows, skipped);
  }

  const importUrl = async (url: string) => importText(await remoteText(checkRemoteUrl(url), { ...limits, signal: abort.signal }));

  async function run(s: PlaylistSource): Promise<PlaylistSource> {
    const at = new Date(now()).toISOString();
    const record = (change: Partial<PlaylistSource>) =>
      store.update((data) => {
        const found = data.playlistSources.find((x) => x.id === s.id);
        if (found) Object.assign(found, { lastRefreshAt: at, ...change });
        return found;
      });
    try {
      const result = await importUrl(s.url);
      log.info({ sourceId: s.id, added: result.added, updated: result.updated, skipped: result.skipped.length }, 'playlist refreshed');
      const saved = await record({ lastResult: 'ok', lastError: null, added: result.added, updated: result.updated, skipped: result.skipped.length });
      return saved ?? s;
    } catch (err) {
      log.warn({ err, sourceId: s.id, url: s.url }, 'playlist refresh failed; catalog unchanged');
      await record({ lastResult: 'error', lastError: (err as Error).message });
      throw err;
    }
  }

  function refresh(id: string): Promise<PlaylistSource> {
    const s = source(id);
    if (!s) return Promise.reject(notFound(`playlist source ${id}`));
    const running = inFlight.get(id) ?? run(s).finally(() => inFlight.delete(id));
    inFlight.set(id, running);
    return running;
  }

  return {
    importText,
    importUrl,
    refresh,
    list: () => store.data().playlistSources,

    async add(url: string): Promise<PlaylistSource> {
      const href = await checkSourceUrl(url, limits.policy);
      const created = await store.update((data) => {
        if (data.playlistSources.some((s) => s.url === href)) throw new AppError('DUPLICATE_SOURCE', `${href} is already a playlist source`, 409);
        const s: PlaylistSource = {
          id: newId((id) => data.playlistSources.some((x) => x.id === id)), url: href, createdAt: new Date(now()).toISOString(),
          lastRefreshAt: null, lastResult: null, lastError: null, added: 0, updated: 0, skipped: 0,
        };
        data.playlistSources.push(s);
        return s;
      });
      return refresh(created.id).catch(() => source(created.id) ?? created);
    },

    /** Removing a source keeps the channels it brought: they are the user's catalog now. */
    async remove(id: string): Promise<void> {
      await store.update((data) => {
        const index = data.playlistSources.findIndex((s) => s.id === id);
        if (index === -1) throw notFound(`playlist source ${id}`);
        data.playlistSources.splice(index, 1);
      });
    },

    async refreshDue(maxAgeMs: number): Promise<void> {
      for (const s of store.data().playlistSources) {
        if (s.lastRefreshAt !== null && now() - Date.parse(s.lastRefreshAt) < maxAgeMs) continue;
        await refresh(s.id).catch(() => undefined);
      }
    },

    close: () => abort.abort(),
    idle: () => Promise.allSettled([...inFlight.values()]).then(() => undefined),
  };
}

export type Playlists = ReturnType<typeof createPlaylists>;
