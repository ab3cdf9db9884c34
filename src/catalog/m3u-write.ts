import type { ContentRef } from '../engine/content-ref.js';

/** Channels without a tvg-id get `<channel id>.acehub`: unique, stable, and shaped like an XMLTV id. */
export const GENERATED_TVG_SUFFIX = '.acehub';

export interface M3uItem {
  tvgId: string;
  name: string;
  logo: string | null;
  number: number | null;
  group: string | null;
  url: string;
  mimetype: string;
  ref: ContentRef;
}

// Most values are already clean: one test per value decides, and only the rare dirty one pays for the
// replace chain. Each test matches exactly what its chain would change (\s and trim() share one set).
const ATTR_DIRTY = /["\r\n,]|[^\S ]| {2}|^ | $/;
const NAME_DIRTY = /[\r\n,]|[^\S ]| {2}|^ | $| - /;
const URL_DIRTY = /[\r\n",]/;

// No client has an escape syntax (CLIENTS.md): strip what would end the attribute or the #EXTINF line.
export const cleanAttr = (value: string) => (ATTR_DIRTY.test(value) ? value.replace(/["\r\n,]/g, ' ').replace(/\s+/g, ' ').trim() : value);

const cleanUrlAttr = (value: string) => (URL_DIRTY.test(value) ? value.replace(/[\r\n]/g, '').replace(/"/g, '%22').replace(/,/g, '%2C') : value);

/** VLC splits the name at the first comma and Jellyfin at ` - `: the display name may contain neither. */
export const cleanName = (value: string) =>
  NAME_DIRTY.test(value) ? value.replace(/[\r\n,]/g, ' ').replace(/\s+/g, ' ').trim().replace(/ - /g, ' – ') : value;

const attr = (key: string, value: string | null) => (value === null || value === '' ? '' : ` ${key}="${value}"`);

export function m3uEntry(item: M3uItem): string {
  const name = cleanName(item.name);
  const attrs =
    attr('tvg-id', cleanAttr(item.tvgId)) +
    attr('tvg-name', cleanAttr(name)) +
    attr('tvg-logo', item.logo === null ? null : cleanUrlAttr(item.logo)) +
    attr('tvg-chno', item.number === null ? null : String(item.number)) +
    attr('group-title', item.group === null ? null : cleanAttr(item.group)) +
    attr(item.ref.kind === 'infohash' ? 'x-ace-infohash' : 'x-ace-content-id', item.ref.id);
  return `#EXTINF:-1${attrs},${name}\n#KODIPROP:mimetype=${item.mimetype}\n${item.url}\n`;
}

export function writeM3u(items: M3uItem[], guideUrl: string): string {
  const guide = cleanUrlAttr(guideUrl);
  const parts = [`#EXTM3U x-tvg-url="${guide}" url-tvg="${guide}"\n`];
  for (const item of items) parts.push(m3uEntry(item));
  return parts.join('');
}
