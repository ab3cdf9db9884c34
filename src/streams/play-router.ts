import Router from '@koa/router';
import { channelRef, type ChannelService } from '../catalog/index.js';
import { AppError } from '../http/errors.js';
import { respondPlaylist, respondTs, type StreamDeps } from './respond.js';

/**
 * A catalog channel's stream URLs: `/play/<id>.ts` and `/play/<id>.m3u8`. No query string — tuners (Plex,
 * Jellyfin) append their own — and the content id stays server-side.
 */
export function playRouter(deps: StreamDeps & { channels: ChannelService }): Router {
  const router = new Router();
  router.get('/play/:file', async (ctx) => {
    const match = /^([A-Za-z0-9_-]{1,32})\.(ts|m3u8)$/.exec(ctx.params.file!);
    const channel = match ? deps.channels.get(match[1]!) : undefined;
    if (!channel) throw new AppError('CHANNEL_NOT_FOUND', 'no channel with that id', 404);
    if (!channel.enabled) throw new AppError('CHANNEL_DISABLED', `channel "${channel.name}" is disabled`, 404);
    ctx.state.logIds.channelId = channel.id;
    const respond = match![2] === 'ts' ? respondTs : respondPlaylist;
    await respond(ctx, deps, channelRef(channel), channel.id);
  });
  return router;
}
