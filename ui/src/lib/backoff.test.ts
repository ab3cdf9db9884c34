import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createRetrier } from './backoff.js';

afterEach(() => vi.useRealTimers());

describe('retries wait longer each time, up to a ceiling', () => {
  it('doubles from the base and stops at the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a))).toEqual([1000, 2000, 4000, 8000, 16_000, 16_000, 16_000]);
    expect(backoffDelay(-1, 500, 4000)).toBe(500);
  });

  it('a retrier runs at 2 s, 4 s, 8 s, then refuses; reset starts over', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const retrier = createRetrier(3, 2000);
    const at: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(retrier.schedule(run)).toBe(true);
      const before = Date.now();
      vi.runAllTimers();
      at.push(Date.now() - before);
    }
    expect(at).toEqual([2000, 4000, 8000]);
    expect(run).toHaveBeenCalledTimes(3);
    expect(retrier.schedule(run)).toBe(false);
    retrier.reset();
    expect(retrier.schedule(run)).toBe(true);
    expect(retrier.attempt).toBe(1);
  });

  it('cancel drops the pending attempt', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const retrier = createRetrier(3);
    retrier.schedule(run);
    retrier.cancel();
    vi.runAllTimers();
    expect(run).not.toHaveBeenCalled();
  });
});
