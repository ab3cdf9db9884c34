import { streamUrls, type Channel } from '../src/catalog/index.js';
import type { Programme } from '../src/epg/xmltv-types.js';

export const META_PREFIX = 'acehub:';

export interface NowNext {
  now: Programme | null;
  next: Programme | null;
}

export type NowNextOf = (channelId: string) => NowNext;

export const metaId = (c: Pick<Channel, 'id'>) => `${META_PREFIX}${c.id}`;

/** The channel id inside an add-on id, or undefined when the id is not ours. */
export const channelIdOf = (id: string) => (id.startsWith(META_PREFIX) ? id.slice(META_PREFIX.length) : undefined);

const title = (p: Programme) => p.titles[0]?.value ?? '';

/**
 * "Now: News (18:00–18:30 UTC)\nNext: Weather (18:30 UTC)". Clients show the text as is, so times are written in
 * the server's zone (TZ) with the zone named; tests pass 'UTC'.
 */
export function nowNextText({ now, next }: NowNext, timeZone?: string): string {
  const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone } as const;
  const clock = new Intl.DateTimeFormat('en-GB', options);
  const zoned = new Intl.DateTimeFormat('en-GB', { ...options, timeZoneName: 'short' });
  const lines: string[] = [];
  if (now) lines.push(`Now: ${title(now)} (${now.stop === null ? zoned.format(now.start) : `${clock.format(now.start)}–${zoned.format(now.stop)}`})`);
  if (next) lines.push(`Next: ${title(next)} (${zoned.format(next.start)})`);
  return lines.join('\n');
}

export interface MetaOptions {
  nowNext: NowNextOf;
  timeZone?: string;
}

/** A catalog entry: what Stremio shows on a tile. */
export function catalogMeta(c: Channel, { nowNext, timeZone }: MetaOptions) {
  const description = nowNextText(nowNext(c.id), timeZone);
  return {
    id: metaId(c),
    type: 'tv' as const,
    name: c.name,
    ...(c.logo ? { poster: c.logo, logo: c.logo } : {}),
    // Channel logos are square-ish; the default portrait shape would crop them.
    posterShape: 'square' as const,
    ...(c.group ? { genres: [c.group] } : {}),
    ...(description ? { description } : {}),
  };
}

export const catalogMetas = (channels: readonly Channel[], options: MetaOptions) => channels.map((c) => catalogMeta(c, options));

/** `GET /meta/tv/<id>.json`: the tile plus a background, the shape Stremio opens a channel with. */
export function channelMeta(c: Channel, options: MetaOptions) {
  return { ...catalogMeta(c, options), ...(c.logo ? { background: c.logo } : {}) };
}

/**
 * `GET /stream/tv/<id>.json`: our lazy URLs (nothing starts until a player opens one). Neither HLS nor
 * MPEG-TS plays in a browser's video element as is, so both say notWebReady.
 */
export function channelStreams(c: Channel, base: string, { nowNext, timeZone }: MetaOptions) {
  const urls = streamUrls(c, base);
  const guide = nowNextText(nowNext(c.id), timeZone);
  const describe = (format: string) => [`${c.name} · ${format}`, guide].filter(Boolean).join('\n');
  const hints = { notWebReady: true };
  return [
    { url: urls.hls, name: 'acehub HLS', description: describe('HLS'), behaviorHints: hints },
    { url: urls.ts, name: 'acehub TS', description: describe('MPEG-TS'), behaviorHints: hints },
  ];
}
