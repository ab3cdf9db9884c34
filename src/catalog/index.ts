import { join } from 'node:path';
import type Router from '@koa/router';
import type { Config } from '../config.js';
import { epgRouter } from '../epg/epg-routes.js';
import { createGuideService, type GuideService } from '../epg/guide-service.js';
import { createGuideStore } from '../epg/guide-store.js';
import type { Logger } from '../log.js';
import { channelsRouter } from './channel-routes.js';
import { createChannelService, type ChannelService } from './channel-service.js';
import { playlistRouter } from './playlist-routes.js';
import { createPlaylists } from './playlists.js';
import { schedule } from './schedule.js';
import { openCatalogStore } from './store.js';

export { channelRef, type ChannelService } from './channel-service.js';
export { effectiveTvgId, streamUrls } from './channel-view.js';
export { StartupError } from './store.js';
export type { Channel } from './types.js';
export type { GuideService } from '../epg/guide-service.js';

export interface CatalogFeatureDeps {
  config: Config;
  log: Logger;
  /** Overrides the remote fetch time limits (30 s for playlists, 5 min for guides); tests make it short. */
  fetchTimeoutMs?: number;
  /** Wait before refetching a guide for a newly mapped channel whose programmes were not kept (10 s). */
  guideRescanDelayMs?: number;
}

export interface CatalogFeature {
  routers: Router[];
  channels: ChannelService;
  guide: GuideService;
  start(): void;
  close(): Promise<void>;
}

const MB = 1024 * 1024;

/**
 * Opens DATA_DIR/db.json (throws StartupError naming the file when it is unusable) and the stored guides,
 * and builds the channel, playlist and guide services with their routers. No timers until start().
 */
export async function createCatalogFeature({ config, log: parentLog, fetchTimeoutMs, guideRescanDelayMs }: CatalogFeatureDeps): Promise<CatalogFeature> {
  const log = parentLog.child({ feature: 'catalog' });
  const store = await openCatalogStore(config.dataDir, log);
  const guides = createGuideStore({ dir: join(config.dataDir, 'guide'), log, sourceOrder: () => store.data().epgSources.map((s) => s.id) });
  await guides.load(store.data().epgSources.map((s) => s.id));
  const channels = createChannelService({ store, match: (c) => guides.match(c) });
  const policy = { allowLocal: config.allowLocalSources, engineUrls: config.engineUrls };
  const playlists = createPlaylists({
    store, channels, log, limits: { maxBytes: 20 * MB, maxUnpackedBytes: 20 * MB, timeoutMs: fetchTimeoutMs ?? 30_000, policy },
  });
  const guide = createGuideService({
    store, guides, channels, log, epgDays: config.epgDays, rescanDelayMs: guideRescanDelayMs,
    limits: { maxBytes: 300 * MB, maxUnpackedBytes: 2048 * MB, timeoutMs: fetchTimeoutMs ?? 300_000, policy },
  });
  let stop = () => {};

  return {
    routers: [channelsRouter({ channels, playlists, config }), playlistRouter({ channels, playlists, config }), epgRouter({ guide, guides, channels, policy })],
    channels,
    guide,
    start() {
      stop();
      stop = schedule([
        { name: 'playlists', everyHours: config.playlistRefreshHours, run: (age) => playlists.refreshDue(age) },
        { name: 'guides', everyHours: config.epgRefreshHours, run: (age) => guide.refreshDue(age) },
      ], log);
    },
    async close() {
      stop();
      playlists.close();
      guide.close();
      await Promise.all([playlists.idle(), guide.idle()]);
      guides.close();
      await store.flush();
    },
  };
}
