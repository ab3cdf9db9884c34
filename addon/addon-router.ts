import Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { Channel, ChannelService, GuideService } from '../src/catalog/index.js';
import type { Config } from '../src/config.js';
import { baseUrl } from '../src/http/base-url.js';
import { notFound } from '../src/http/errors.js';
import type { Logger } from '../src/log.js';
import { catalogMetas, channelIdOf, channelMeta, channelStreams, type MetaOptions } from './addon-view.js';
import { buildManifest, catalogGroup, PAGE_SIZE, parseExtra, readManifestFile, type AddonManifest } from './manifest.js';

export interface AddonDeps {
  config: Pick<Config, 'publicUrl'>;
  channels: Pick<ChannelService, 'list' | 'get'>;
  guide: Pick<GuideService, 'nowNext'>;
  log: Logger;
  /** The top-level manifest.json, read once here unless given (tests). */
  manifest?: AddonManifest;
  /** Zone for now/next times in descriptions; the process's (TZ) by default. */
  timeZone?: string;
}

// The add-on protocol requires CORS on every route and Stremio's own server sends no Origin, while the
// app-wide CORS middleware answers only requests that carry one.
async function anyOrigin(ctx: Context, next: Next) {
  ctx.set('Access-Control-Allow-Origin', '*');
  await next();
}

/** The Stremio-style add-on: manifest, one catalog per group plus "All", meta and stream per channel. */
export function addonRouter({ config, channels, guide, log, manifest = readManifestFile(), timeZone }: AddonDeps): Router {
  const router = new Router();
  const view: MetaOptions = { nowNext: (id) => guide.nowNext(id), timeZone };
  const enabled = () => channels.list({ enabledOnly: true });
  const groups = (list: Channel[]) => list.flatMap((c) => (c.group ? [c.group] : []));
  const channelOf = (type: string, id: string) => {
    const channelId = channelIdOf(id);
    const channel = type === 'tv' && channelId !== undefined ? channels.get(channelId) : undefined;
    if (!channel?.enabled) throw notFound(`channel ${id}`);
    return channel;
  };
  log.debug({ id: manifest.id, version: manifest.version }, 'add-on manifest loaded');

  router.use(['/manifest.json', '/catalog', '/meta', '/stream'], anyOrigin);

  router.get('/manifest.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = buildManifest(manifest, groups(enabled()));
  });

  const catalog = (ctx: Context) => {
    const list = enabled();
    const group = ctx.params.type === 'tv' ? catalogGroup(ctx.params.id ?? '', groups(list)) : undefined;
    if (group === undefined) throw notFound(`catalog ${ctx.params.type}/${ctx.params.id}`);
    // The extra segment is read raw: the router has decoded it once already, which would turn %26 into &.
    const { search, skip } = parseExtra(ctx.params.extra === undefined ? undefined : ctx.path.split('/').pop()?.replace(/\.json$/, ''));
    const page = channels.list({ enabledOnly: true, ...(group === null ? {} : { group }), ...(search ? { q: search } : {}) }).slice(skip, skip + PAGE_SIZE);
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = { metas: catalogMetas(page, view) };
  };
  router.get('/catalog/:type/:id.json', catalog);
  router.get('/catalog/:type/:id/:extra.json', catalog);

  router.get('/meta/:type/:id.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = { meta: channelMeta(channelOf(ctx.params.type ?? '', ctx.params.id ?? ''), view) };
  });

  router.get('/stream/:type/:id.json', (ctx) => {
    const channel = channelOf(ctx.params.type ?? '', ctx.params.id ?? '');
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = { streams: channelStreams(channel, baseUrl(ctx, config.publicUrl), view) };
  });

  return router;
}
