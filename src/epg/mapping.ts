import type { EpgMatch } from '../catalog/types.js';
import { normaliseName } from './normalise-name.js';
import type { GuideChannel } from './xmltv-types.js';

export interface GuideIndex {
  sourceId: string;
  byId: Map<string, GuideChannel>;
  /** Normalised display-name → guide channel id; the first channel declaring a name keeps it. */
  byName: Map<string, string>;
}

type Mappable = { name: string; tvgId: string | null };

export function indexGuide(sourceId: string, channels: GuideChannel[]): GuideIndex {
  const byId = new Map<string, GuideChannel>();
  const byName = new Map<string, string>();
  for (const channel of channels) {
    if (!byId.has(channel.id)) byId.set(channel.id, channel);
    for (const name of channel.displayNames) {
      const key = normaliseName(name);
      if (key !== '' && !byName.has(key)) byName.set(key, channel.id);
    }
  }
  return { sourceId, byId, byName };
}

/** A tvg-id equal to a guide channel id wins in any source; then the name against every display-name. */
export function matchChannel(channel: Mappable, indexes: GuideIndex[]): EpgMatch | null {
  if (channel.tvgId) {
    for (const index of indexes) {
      if (index.byId.has(channel.tvgId)) return { sourceId: index.sourceId, guideChannelId: channel.tvgId, by: 'tvg-id' };
    }
  }
  const key = normaliseName(channel.name);
  if (key === '') return null;
  for (const index of indexes) {
    const id = index.byName.get(key);
    if (id !== undefined) return { sourceId: index.sourceId, guideChannelId: id, by: 'name' };
  }
  return null;
}

/** During a refresh: does this guide channel belong to some catalog channel (by id or by name)? */
export function catalogWants(channels: Mappable[]): { byId: (id: string) => boolean; channel: (c: GuideChannel) => boolean } {
  const ids = new Set(channels.flatMap((c) => (c.tvgId ? [c.tvgId] : [])));
  const names = new Set(channels.map((c) => normaliseName(c.name)).filter((n) => n !== ''));
  return {
    byId: (id) => ids.has(id),
    channel: (c) => ids.has(c.id) || c.displayNames.some((n) => names.has(normaliseName(n))),
  };
}
