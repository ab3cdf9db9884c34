import { describe, expect, it } from 'vitest';
import { catalogMeta, channelIdOf, channelMeta, channelStreams, metaId, nowNextText, type NowNext } from './addon-view.js';
import { channel, programme } from './test-support.js';

const news = programme('News', '2026-03-01T18:00:00Z', '2026-03-01T18:30:00Z');
const film = programme('Film', '2026-03-01T18:30:00Z', null);
const none: NowNext = { now: null, next: null };

describe('now/next text', () => {
  it.each([
    { name: 'both', nowNext: { now: news, next: film }, text: 'Now: News (18:00–18:30 UTC)\nNext: Film (18:30 UTC)' },
    { name: 'only now, open-ended', nowNext: { now: film, next: null }, text: 'Now: Film (18:30 UTC)' },
    { name: 'only next', nowNext: { now: null, next: news }, text: 'Next: News (18:00 UTC)' },
    { name: 'no guide', nowNext: none, text: '' },
  ])('$name', ({ nowNext, text }) => {
    expect(nowNextText(nowNext, 'UTC')).toBe(text);
  });
});

describe('add-on ids', () => {
  it.each([
    { id: 'acehub:abc12345', channelId: 'abc12345' },
    { id: 'tt0111161', channelId: undefined },
    { id: 'acehub:', channelId: '' },
  ])('$id → $channelId', ({ id, channelId }) => {
    expect(channelIdOf(id)).toBe(channelId);
  });
  it('round-trips', () => expect(channelIdOf(metaId({ id: 'k3j2' }))).toBe('k3j2'));
});

describe('metas', () => {
  const withLogo = channel({ id: 'c1', name: 'Sport 1', group: 'Sport', logo: 'http://logo/s.png' });
  const bare = channel({ id: 'c2', name: 'Bare' });
  const options = { nowNext: (id: string) => (id === 'c1' ? { now: news, next: film } : none), timeZone: 'UTC' };

  it.each([
    {
      name: 'a channel with logo, group and guide',
      c: withLogo,
      meta: {
        id: 'acehub:c1', type: 'tv', name: 'Sport 1', poster: 'http://logo/s.png', logo: 'http://logo/s.png', posterShape: 'square',
        genres: ['Sport'], description: 'Now: News (18:00–18:30 UTC)\nNext: Film (18:30 UTC)',
      },
    },
    { name: 'a bare channel has no empty fields', c: bare, meta: { id: 'acehub:c2', type: 'tv', name: 'Bare', posterShape: 'square' } },
  ])('catalog tile: $name', ({ c, meta }) => {
    expect(catalogMeta(c, options)).toEqual(meta);
  });

  it('the full meta adds the logo as background', () => {
    expect(channelMeta(withLogo, options)).toMatchObject({ id: 'acehub:c1', background: 'http://logo/s.png' });
    expect(channelMeta(bare, options)).not.toHaveProperty('background');
  });
});

describe('streams', () => {
  it('offers HLS then TS, lazy, query-free and not web ready, with now/next', () => {
    const streams = channelStreams(channel({ id: 'c1', name: 'Sport 1' }), 'http://h:8080', { nowNext: () => ({ now: news, next: null }), timeZone: 'UTC' });
    expect(streams).toEqual([
      { url: 'http://h:8080/play/c1.m3u8', name: 'acehub HLS', description: 'Sport 1 · HLS\nNow: News (18:00–18:30 UTC)', behaviorHints: { notWebReady: true } },
      { url: 'http://h:8080/play/c1.ts', name: 'acehub TS', description: 'Sport 1 · MPEG-TS\nNow: News (18:00–18:30 UTC)', behaviorHints: { notWebReady: true } },
    ]);
  });
});
