import { describe, expect, it } from 'vitest';
import type { Channel } from '../api/types.js';
import { filterChannels, groupsOf, sessionMatches } from './channel-filter.js';

const channel = (name: string, group: string | null, extra: Partial<Channel> = {}): Channel => ({
  id: name.toLowerCase(), name, group, contentId: 'a'.repeat(40), infohash: null, logo: null, tvgId: null, number: null, enabled: true,
  createdAt: '', updatedAt: '', ...extra,
});

const list = [channel('Télé Sport', 'Sports', { number: 7 }), channel('News 24', 'News', { tvgId: 'news.uk' }), channel('Plain', null)];

describe('searching the channel list', () => {
  it('ignores case and accents, and looks at group, number and tvg-id', () => {
    expect(filterChannels(list, 'tele', '').map((c) => c.name)).toEqual(['Télé Sport']);
    expect(filterChannels(list, 'NEWS.UK', '').map((c) => c.name)).toEqual(['News 24']);
    expect(filterChannels(list, '7', '').map((c) => c.name)).toEqual(['Télé Sport']);
    expect(filterChannels(list, '  ', '')).toHaveLength(3);
  });

  it('filters by group, and lists groups sorted without blanks', () => {
    expect(filterChannels(list, '', 'News').map((c) => c.name)).toEqual(['News 24']);
    expect(groupsOf(list)).toEqual(['News', 'Sports']);
  });

  it('finds the session of a channel by content id or infohash', () => {
    const byHash = channel('H', null, { contentId: null, infohash: 'b'.repeat(40) });
    expect(sessionMatches(list[0]!, { contentId: 'a'.repeat(40), infohash: 'x' })).toBe(true);
    expect(sessionMatches(byHash, { contentId: 'c'.repeat(40), infohash: 'b'.repeat(40) })).toBe(true);
    expect(sessionMatches(byHash, { contentId: 'c'.repeat(40), infohash: null })).toBe(false);
  });
});
