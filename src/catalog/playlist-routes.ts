import Router from '@koa/router';
import type { Config } from '../config.js';
import { baseUrl } from '../http/base-url.js';
import { badRequest } from '../http/errors.js';
import { readJsonObject } from '../http/read-body.js';
import type { ChannelService } from './channel-service.js';
import { queryString } from './channel-routes.js';
import { playlistItems } from './channel-view.js';
import { writeM3u } from './m3u-write.js';
import type { Playlists } from './playlists.js';

export interface PlaylistRoutesDeps {
  channels: ChannelService;
  playlists: Playlists;
  config: Pick<Config, 'publicUrl'>;
}

export function playlistRouter({ channels, playlists, config }: PlaylistRoutesDeps): Router {
  const router = new Router();
  // Kodi, Jellyfin and Plex refetch the whole list on every start and on a timer, and it changes rarely:
  // render each (format, group, base URL) once per catalog revision. A few entries at most, so a client
  // sending made-up Host headers cannot grow it.
  const rendered = new Map<string, Buffer>();
  let renderedFor: object | null = null;

  // GET also answers HEAD (the router adds it); Koa sends the headers without the body.
  router.get('/playlist.m3u', (ctx) => {
    const format = queryString(ctx.query.format) ?? 'ts';
    if (format !== 'ts' && format !== 'hls') throw badRequest('format must be ts or hls', 'VALIDATION');
    const base = baseUrl(ctx, config.publicUrl);
    const group = queryString(ctx.query.group);
    if (channels.revision() !== renderedFor) {
      rendered.clear();
      renderedFor = channels.revision();
    }
    const key = JSON.stringify([format, group ?? null, base]);
    let body = rendered.get(key);
    if (body === undefined) {
      body = Buffer.from(writeM3u(playlistItems(channels.list({ enabledOnly: true, group }), base, format), `${base}/epg.xml`));
      if (rendered.size >= 4) rendered.clear();
      rendered.set(key, body);
    }
    // Not application/vnd.apple.mpegurl: VLC would take the list for an HLS stream (CLIENTS.md).
    ctx.type = 'audio/x-mpegurl; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = body;
  });

  router.get('/api/playlists/sources', (ctx) => {
    ctx.body = playlists.list();
  });

  router.post('/api/playlists/sources', async (ctx) => {
    const body = await readJsonObject(ctx);
    ctx.status = 201;
    ctx.body = await playlists.add(typeof body.url === 'string' ? body.url : '');
  });

  router.delete('/api/playlists/sources/:id', async (ctx) => {
    await playlists.remove(ctx.params.id ?? '');
    ctx.status = 204;
  });

  router.post('/api/playlists/sources/:id/refresh', async (ctx) => {
    ctx.body = await playlists.refresh(ctx.params.id ?? '');
  });

  return router;
}
