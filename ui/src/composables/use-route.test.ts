import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash } from './use-route.js';

describe('hash routes', () => {
  it.each([
    ['', 'channels'], ['#/', 'channels'], ['#/sessions', 'sessions'], ['#/nope', 'channels'], ['#setup', 'setup'],
  ])('%j opens %s', (hash, page) => expect(parseHash(hash).page).toBe(page));

  it('round-trips parameters', () => {
    const href = hrefOf('player', { id: 'acestream://abc def' });
    const route = parseHash(href);
    expect(route.page).toBe('player');
    expect(route.params.get('id')).toBe('acestream://abc def');
    expect(hrefOf('guide')).toBe('#/guide');
  });
});
