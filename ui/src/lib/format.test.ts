import { describe, expect, it } from 'vitest';
import { engineStatusLabel, formatBytes, formatDuration, formatSpeed, relativeTime } from './format.js';

describe('numbers read the way people say them', () => {
  it.each([
    [0, '0 kB/s'], [-5, '0 kB/s'], [Number.NaN, '0 kB/s'], [12.4, '12 kB/s'], [999, '999 kB/s'], [1500, '1.50 MB/s'], [25_000, '25.0 MB/s'],
  ])('speed %s KB/s → %s', (input, out) => expect(formatSpeed(input)).toBe(out));

  it.each([
    [0, '0 B'], [512, '512 B'], [1500, '1.50 kB'], [456_000, '456 kB'], [12_345_678, '12.3 MB'], [3e9, '3.00 GB'],
  ])('size %s B → %s', (input, out) => expect(formatBytes(input)).toBe(out));

  it.each([
    [0, '0s'], [59.9, '59s'], [75, '1m 15s'], [3725, '1h 2m'], [50 * 3600, '2d 2h'],
  ])('duration %s s → %s', (input, out) => expect(formatDuration(input)).toBe(out));

  it('names engine states, and passes unknown ones through', () => {
    expect(engineStatusLabel('prebuf')).toBe('prebuffering');
    expect(engineStatusLabel('dl')).toBe('downloading');
    expect(engineStatusLabel('weird')).toBe('weird');
  });

  it('says when something last happened', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(relativeTime(null, now)).toBe('never');
    expect(relativeTime('2026-01-01T11:59:58Z', now)).toBe('just now');
    expect(relativeTime('2026-01-01T11:58:00Z', now)).toBe('2m 0s ago');
  });
});
