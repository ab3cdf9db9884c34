import { channelRef } from './channel-service.js';
import { cleanAttr, GENERATED_TVG_SUFFIX, type M3uItem } from './m3u-write.js';
import type { Channel } from './types.js';

/** The id shared by the playlist's tvg-id and the guide's <channel id>: the user's, else a generated one. */
export const effectiveTvgId = (c: Pick<Channel, 'id' | 'tvgId'>) => cleanAttr(c.tvgId ?? '') || `${c.id}${GENERATED_TVG_SUFFIX}`;

// Tuners append their own query strings (Plex, Jellyfin): keep stream URLs query-free.
export const streamUrls = (c: Pick<Channel, 'id'>, base: string) => ({ ts: `${base}/play/${c.id}.ts`, hls: `${base}/play/${c.id}.m3u8` });

export const channelJson = (c: Channel, base: string) => ({ ...c, effectiveTvgId: effectiveTvgId(c), streams: streamUrls(c, base) });

export type PlaylistFormat = 'ts' | 'hls';

export function playlistItems(channels: Channel[], base: string, format: PlaylistFormat): M3uItem[] {
  return channels.map((c) => ({
    tvgId: effectiveTvgId(c),
    name: c.name,
    logo: c.logo,
    number: c.number,
    group: c.group,
    url: streamUrls(c, base)[format],
    mimetype: format === 'hls' ? 'application/vnd.apple.mpegurl' : 'video/mp2t',
    ref: channelRef(c),
  }));
}
