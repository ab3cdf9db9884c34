import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import Router from '@koa/router';
import type { ChannelService } from '../catalog/channel-service.js';
import { effectiveTvgId } from '../catalog/channel-view.js';
import { checkSourceUrl } from '../catalog/fetch-remote.js';
import type { SourcePolicy } from '../catalog/source-policy.js';
import { readJsonObject } from '../http/read-body.js';
import type { GuideService } from './guide-service.js';
import type { GuideStore } from './guide-store.js';
import type { Programme } from './xmltv-types.js';

export interface EpgRoutesDeps {
  guide: GuideService;
  guides: GuideStore;
  channels: ChannelService;
  /** Which guide URLs may be added (ALLOW_LOCAL_SOURCES, the engines). */
  policy?: SourcePolicy;
}

/** What the UI shows for a programme: ISO times and the first title/description. */
export const programmeView = (p: Programme | null) =>
  p && {
    start: new Date(p.start).toISOString(),
    stop: p.stop === null ? null : new Date(p.stop).toISOString(),
    title: p.titles[0]?.value ?? '',
    subTitle: p.subTitles[0]?.value ?? null,
    desc: p.descs[0]?.value ?? null,
    categories: p.categories.map((c) => c.value),
    icon: p.icon,
  };

export function epgRouter({ guide, guides, channels, policy }: EpgRoutesDeps): Router {
  const router = new Router();

  router.get('/api/epg/sources', (ctx) => {
    ctx.body = guide.list();
  });

  router.post('/api/epg/sources', async (ctx) => {
    const body = await readJsonObject(ctx);
    ctx.status = 201;
    ctx.body = await guide.add(await checkSourceUrl(body.url, policy));
  });

  router.delete('/api/epg/sources/:id', async (ctx) => {
    await guide.remove(ctx.params.id ?? '');
    ctx.status = 204;
  });

  router.post('/api/epg/sources/:id/refresh', async (ctx) => {
    ctx.body = await guide.refresh(ctx.params.id ?? '');
  });

  router.get('/api/epg/now', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = channels.list({ enabledOnly: true }).map((c) => {
      const { now, next } = guide.nowNext(c.id);
      return { channelId: c.id, name: c.name, now: programmeView(now), next: programmeView(next) };
    });
  });

  // Every channel with its automatic match (null: unmapped); PATCH /api/channels/:id {tvgId} overrides it.
  router.get('/api/epg/mapping', (ctx) => {
    ctx.body = channels.list().map((c) => ({
      channelId: c.id, name: c.name, tvgId: c.tvgId, effectiveTvgId: effectiveTvgId(c), match: c.epgMatch,
      guideChannel: c.epgMatch ? (guides.guideChannel(c.epgMatch) ?? null) : null,
    }));
  });

  // The guide channels of every source, for picking an override by hand.
  router.get('/api/epg/channels', (ctx) => {
    const q = typeof ctx.query.q === 'string' ? ctx.query.q.toLowerCase() : '';
    ctx.body = guides.channels().filter((c) => q === '' || [c.id, ...c.displayNames].some((t) => t.toLowerCase().includes(q))).slice(0, 500);
  });

  router.get('/epg.xml', (ctx) => {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = Readable.from(guide.xmltv());
  });

  // Jellyfin gunzips only when the path ends in .gz (CLIENTS.md).
  router.get('/epg.xml.gz', (ctx) => {
    ctx.type = 'application/gzip';
    ctx.set('Cache-Control', 'no-cache');
    const gzip = createGzip();
    pipeline(Readable.from(guide.xmltv()), gzip, () => undefined);
    ctx.body = gzip;
  });

  return router;
}
