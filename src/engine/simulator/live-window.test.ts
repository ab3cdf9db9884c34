import { describe, expect, it } from 'vitest';
import { liveWindow, type LiveWindowOptions } from './live-window.js';

const base: LiveWindowOptions = { pace: 'live', initialSegments: 3, windowSize: 12, playlist: 'sliding', segmentMs: 4000 };

describe('which segments a session has produced', () => {
  it.each([
    ['nothing while prebuffering', -1, base, undefined],
    ['the initial segments when prebuffering ends', 0, base, { first: 0, last: 2 }],
    ['one more per segment duration', 4000, base, { first: 0, last: 3 }],
    ['a sliding window of windowSize', 4000 * 20, base, { first: 11, last: 22 }],
    ['everything from 0 when growing', 4000 * 20, { ...base, playlist: 'growing' }, { first: 0, last: 22 }],
    ['a full window at once in fast pace', 0, { ...base, pace: 'fast' }, { first: 0, last: 11 }],
    ['at least one segment', 0, { ...base, initialSegments: 0 }, { first: 0, last: 0 }],
  ] as const)('%s', (_name, since, options, expected) => {
    expect(liveWindow(since, options)).toEqual(expected);
  });
});
