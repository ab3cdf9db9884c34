import { describe, expect, it } from 'vitest';
import { normaliseName } from './normalise-name.js';

describe('normaliseName', () => {
  it.each([
    ['BBC One', 'bbcone'],
    ['bbc  one', 'bbcone'],
    ['BBC-One HD', 'bbcone'],
    ['BBC One FHD', 'bbcone'],
    ['BBC One (HD)', 'bbcone'],
    ['BBC One [FHD] HD', 'bbcone'],
    ['Télé Monte-Carlo', 'telemontecarlo'],
    ['TELE MONTE CARLO', 'telemontecarlo'],
    ['Sky Sports_Main.Event', 'skysportsmainevent'],
    ['Canal+ Sport', 'canal+sport'],
    ['HD', 'hd'],
    ['Channel 4K', 'channel'],
    ['MTV HDTV', 'mtvhdtv'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });
});
