import Router from '@koa/router';
import type { ChannelService } from '../src/catalog/index.js';
import type { Config } from '../src/config.js';
import { baseUrl } from '../src/http/base-url.js';
import type { Logger } from '../src/log.js';
import { channelNumbers } from './channel-numbers.js';
import { deviceXml, discover, lineup, lineupStatus } from './hdhr.js';

export interface HdhrDeps {
  config: Pick<Config, 'publicUrl' | 'dataDir' | 'maxStreams'>;
  channels: Pick<ChannelService, 'list'>;
  log: Logger;
}

/**
 * HDHomeRun tuner emulation, so Plex, Jellyfin and Emby add the server as a network tuner by its address.
 * The streams themselves are the /play routes; a tuner's HEAD probe there starts nothing.
 */
export function hdhrRouter({ config, channels, log }: HdhrDeps): Router {
  const router = new Router();

  router.get('/discover.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = discover(config, baseUrl(ctx, config.publicUrl));
  });

  router.get('/lineup_status.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = lineupStatus();
  });

  router.get('/lineup.json', (ctx) => {
    const all = channels.list();
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = lineup(all, baseUrl(ctx, config.publicUrl), channelNumbers(all));
  });

  router.get('/device.xml', (ctx) => {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = deviceXml(config, baseUrl(ctx, config.publicUrl));
  });

  // Plex posts `?scan=start` after adding the tuner: there is nothing to scan, the lineup is always current.
  router.post('/lineup.post', (ctx) => {
    log.debug({ query: ctx.querystring }, 'tuner scan request ignored');
    ctx.status = 200;
    ctx.body = '';
  });

  return router;
}
