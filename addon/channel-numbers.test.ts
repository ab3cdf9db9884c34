import { describe, expect, it } from 'vitest';
import { channelNumbers } from './channel-numbers.js';
import { channel } from './test-support.js';

describe('channel numbers shared by playlist, lineup and guide', () => {
  const cases: { name: string; channels: { id: string; name: string; number: number | null }[]; expected: Record<string, number> }[] = [
    { name: 'keeps the numbers users gave', channels: [{ id: 'a', name: 'A', number: 7 }, { id: 'b', name: 'B', number: 3 }], expected: { a: 7, b: 3 } },
    {
      name: 'numbers the rest after the highest, in name order',
      channels: [{ id: 'z', name: 'Zulu', number: null }, { id: 'n', name: 'news', number: 10 }, { id: 'a', name: 'Alpha', number: null }],
      expected: { n: 10, a: 11, z: 12 },
    },
    { name: 'starts at 1 when nobody has a number', channels: [{ id: 'b', name: 'B', number: null }, { id: 'a', name: 'a', number: null }], expected: { a: 1, b: 2 } },
    {
      name: 'breaks name ties by id so the order never depends on storage order',
      channels: [{ id: 'y', name: 'Same', number: null }, { id: 'x', name: 'same', number: null }],
      expected: { x: 1, y: 2 },
    },
    { name: 'leaves duplicate user numbers as given', channels: [{ id: 'a', name: 'A', number: 2 }, { id: 'b', name: 'B', number: 2 }], expected: { a: 2, b: 2 } },
  ];
  it.each(cases)('$name', ({ channels, expected }) => {
    expect(Object.fromEntries(channelNumbers(channels.map((c) => channel(c))))).toEqual(expected);
  });

  it('does not renumber others when a channel is disabled (callers pass every channel)', () => {
    const all = [channel({ id: 'a', name: 'A' }), channel({ id: 'b', name: 'B', enabled: false }), channel({ id: 'c', name: 'C' })];
    expect(channelNumbers(all).get('c')).toBe(3);
  });
});
