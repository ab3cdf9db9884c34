import type { Channel } from '../src/catalog/index.js';

type Numbered = Pick<Channel, 'id' | 'name' | 'number'>;

/**
 * The number every client shows for a channel: the user's when set, else one after the highest number, in
 * name order. Pass every channel, disabled ones too, so enabling or disabling one never renumbers others;
 * the playlist's tvg-chno, the lineup's GuideNumber and the guide must all read their numbers from here.
 */
export function channelNumbers(channels: readonly Numbered[]): Map<string, number> {
  const numbers = new Map<string, number>();
  let highest = 0;
  for (const c of channels) {
    if (c.number === null) continue;
    numbers.set(c.id, c.number);
    highest = Math.max(highest, c.number);
  }
  const unnumbered = channels
    .filter((c) => c.number === null)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of unnumbered) numbers.set(c.id, ++highest);
  return numbers;
}
