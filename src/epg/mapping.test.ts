import { describe, expect, it } from 'vitest';
import { catalogWants, indexGuide, matchChannel } from './mapping.js';

const first = indexGuide('s1', [
  { id: 'bbc1.uk', displayNames: ['BBC One', 'BBC 1'], icon: null },
  { id: 'dup.uk', displayNames: ['BBC One HD'], icon: null },
  { id: 'tmc.fr', displayNames: ['Télé Monte-Carlo'], icon: null },
]);
const second = indexGuide('s2', [
  { id: 'cnn.us', displayNames: ['CNN International'], icon: null },
  { id: 'only-here', displayNames: ['Only Here'], icon: null },
]);

describe('matchChannel', () => {
  it.each([
    ['tvg-id equal to a guide id', { name: 'whatever', tvgId: 'tmc.fr' }, { sourceId: 's1', guideChannelId: 'tmc.fr', by: 'tvg-id' }],
    ['tvg-id in a later source', { name: 'x', tvgId: 'only-here' }, { sourceId: 's2', guideChannelId: 'only-here', by: 'tvg-id' }],
    ['unknown tvg-id falls back to the name', { name: 'BBC 1', tvgId: 'nope' }, { sourceId: 's1', guideChannelId: 'bbc1.uk', by: 'name' }],
    ['the first guide channel with a name wins', { name: 'bbc one fhd', tvgId: null }, { sourceId: 's1', guideChannelId: 'bbc1.uk', by: 'name' }],
    ['accents and dashes', { name: 'TELE MONTE CARLO HD', tvgId: null }, { sourceId: 's1', guideChannelId: 'tmc.fr', by: 'name' }],
    ['a name in the second source', { name: 'CNN-International', tvgId: null }, { sourceId: 's2', guideChannelId: 'cnn.us', by: 'name' }],
    ['tvg-id is case-sensitive', { name: 'nothing', tvgId: 'BBC1.UK' }, null],
    ['no match', { name: 'Unknown TV', tvgId: null }, null],
  ])('%s', (_name, channel, expected) => {
    expect(matchChannel(channel, [first, second])).toEqual(expected);
  });
});

describe('catalogWants', () => {
  const wants = catalogWants([{ name: 'BBC One', tvgId: null }, { name: 'x', tvgId: 'cnn.us' }]);
  it.each([
    [{ id: 'a', displayNames: ['bbc-one'], icon: null }, true],
    [{ id: 'cnn.us', displayNames: [], icon: null }, true],
    [{ id: 'b', displayNames: ['ITV'], icon: null }, false],
  ])('%j → %s', (channel, expected) => {
    expect(wants.channel(channel)).toBe(expected);
  });
});
