import Router from '@koa/router';
import type { Context } from 'koa';
import type { Config } from '../config.js';
import { baseUrl } from '../http/base-url.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import { readJson, readJsonObject, readText } from '../http/read-body.js';
import type { ChannelFields } from './channel-input.js';
import { validateChannelInput } from './channel-input.js';
import type { ChannelService } from './channel-service.js';
import { channelJson } from './channel-view.js';
import type { Playlists } from './playlists.js';

export interface ChannelRoutesDeps {
  channels: ChannelService;
  playlists: Playlists;
  config: Pick<Config, 'publicUrl'>;
}

export const queryString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

const M3U_TYPES = /^(audio\/(x-)?mpegurl|application\/(x-mpegurl|vnd\.apple\.mpegurl)|text\/plain)$/;

export function channelsRouter({ channels, playlists, config }: ChannelRoutesDeps): Router {
  const router = new Router();
  const base = (ctx: Context) => baseUrl(ctx, config.publicUrl);
  const found = (id: string) => {
    const channel = channels.get(id);
    if (!channel) throw notFound(`channel ${id}`);
    return channel;
  };

  router.get('/api/channels', (ctx) => {
    const list = channels.list({ group: queryString(ctx.query.group), q: queryString(ctx.query.q) });
    ctx.body = list.map((c) => channelJson(c, base(ctx)));
  });

  router.get('/api/channels/:id', (ctx) => {
    ctx.body = channelJson(found(ctx.params.id ?? ''), base(ctx));
  });

  router.post('/api/channels', async (ctx) => {
    const fields = validateChannelInput(await readJson(ctx), 'create');
    const defaults = { group: null, logo: null, tvgId: null, number: null, enabled: true };
    const channel = await channels.create({ ...defaults, ...fields } as ChannelFields);
    ctx.status = 201;
    ctx.set('Location', `/api/channels/${channel.id}`);
    ctx.body = channelJson(channel, base(ctx));
  });

  router.patch('/api/channels/:id', async (ctx) => {
    const fields = validateChannelInput(await readJson(ctx), 'patch');
    ctx.body = channelJson(await channels.update(ctx.params.id ?? '', fields), base(ctx));
  });

  router.delete('/api/channels/:id', async (ctx) => {
    await channels.remove(ctx.params.id ?? '');
    ctx.status = 204;
  });

  // One write for the whole list: a list that cannot be read or fetched changes nothing.
  router.post('/api/channels/import', async (ctx) => {
    const type = (ctx.get('content-type').split(';')[0] ?? '').trim().toLowerCase();
    if (type === 'application/json') {
      const { url } = await readJsonObject(ctx);
      if (typeof url !== 'string') throw badRequest('JSON body must be {"url": "http(s)://…"}', 'VALIDATION');
      ctx.body = await playlists.importUrl(url);
    } else if (type === '' || M3U_TYPES.test(type)) {
      ctx.body = await playlists.importText(await readText(ctx));
    } else {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send an M3U (audio/x-mpegurl or text/plain) or JSON {url}, not ${type}`, 415);
    }
  });

  return router;
}
