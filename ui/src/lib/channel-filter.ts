import type { Channel } from '../api/types.js';

/** Case- and accent-insensitive, like the server's own search (src/catalog/fold-text.ts). */
export const foldText = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export function filterChannels(channels: Channel[], query: string, group: string): Channel[] {
  const q = foldText(query.trim());
  return channels.filter(
    (c) =>
      (group === '' || (c.group ?? '') === group) &&
      (q === '' || [c.name, c.group ?? '', c.tvgId ?? '', String(c.number ?? ''), c.contentId ?? '', c.infohash ?? ''].some((t) => foldText(t).includes(q))),
  );
}

export const groupsOf = (channels: Channel[]) =>
  [...new Set(channels.map((c) => c.group ?? '').filter((g) => g !== ''))].sort((a, b) => a.localeCompare(b));

/** The id a channel's engine session carries, to find it in /api/sessions. */
export const sessionMatches = (c: Pick<Channel, 'contentId' | 'infohash'>, s: { contentId: string; infohash: string | null }) =>
  (c.contentId !== null && s.contentId === c.contentId) || (c.infohash !== null && (s.infohash === c.infohash || s.contentId === c.infohash));
