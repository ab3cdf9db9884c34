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

// No client has an escape syntax (CLIENTS.md): strip what would end the attribute or the #EXTINF line.
export const cleanAttr = (value: string) => value.replace(/["\r\n,]/g, ' ').replace(/\s+/g, ' ').trim();

const cleanUrlAttr = (value: string) => value.replace(/[\r\n]/g, '').replace(/"/g, '%22').replace(/,/g, '%2C');

/** VLC splits the name at the first comma and Jellyfin at ` - `: the display name may contain neither. */
export const cleanName = (value: string) => value.replace(/[\r\n,]/g, ' ').replace(/\s+/g, ' ').trim().replace(/ - /g, ' – ');

export function m3uEntry(item: M3uItem): string {
  const attrs: [string, string | null][] = [
    ['tvg-id', cleanAttr(item.tvgId)],
    ['tvg-name', cleanAttr(cleanName(item.name))],
    ['tvg-logo', item.logo === null ? null : cleanUrlAttr(item.logo)],
    ['tvg-chno', item.number === null ? null : String(item.number)],
    ['group-title', item.group === null ? null : cleanAttr(item.group)],
    [item.ref.kind === 'infohash' ? 'x-ace-infohash' : 'x-ace-content-id', item.ref.id],
  ];
  const attrText = attrs.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}="${v}"`).join(' ');
  return `#EXTINF:-1 ${attrText},${cleanName(item.name)}\n#KODIPROP:mimetype=${item.mimetype}\n${item.url}\n`;
}

export function writeM3u(items: M3uItem[], guideUrl: string): string {
  const guide = cleanUrlAttr(guideUrl);
  return `#EXTM3U x-tvg-url="${guide}" url-tvg="${guide}"\n${items.map(m3uEntry).join('')}`;
}
