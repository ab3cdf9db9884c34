import type { Channel } from '../src/catalog/index.js';

type Numbered = Pick<Channel, 'id' | 'name' | 'number'>;

/**
 * The lineup's GuideNumber for each channel. The catalog gives every channel a number when it is created,
 * imported or cleared, so this is the channel's own number (the playlist's tvg-chno); only a channel stored
 * without one (edited by hand) falls back to one after the highest, in name order. Pass every channel,
 * disabled ones too, so enabling or disabling one never renumbers others.
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
