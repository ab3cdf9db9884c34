import { describe, expect, it } from 'vitest';
import { linkPrefix } from './auth.js';

describe('the access-key prefix the UI was opened under', () => {
  it.each([
    ['/', ''],
    ['/index.html', ''],
    ['/k/s3cret-key/', '/k/s3cret-key'],
    ['/k/s3cret-key', '/k/s3cret-key'],
    ['/tv/k/s3cret-key/', '/tv/k/s3cret-key'],
    ['/kk/x/', ''],
  ])('%s → %j', (path, prefix) => {
    expect(linkPrefix(path)).toBe(prefix);
  });
});
