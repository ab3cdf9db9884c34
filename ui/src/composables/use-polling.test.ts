import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { usePolling } from './use-polling.js';

afterEach(() => vi.useRealTimers());

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await nextTick();
};

describe('polling', () => {
  it('loads at once, then every interval, and stops with its scope', async () => {
    vi.useFakeTimers();
    let n = 0;
    const scope = effectScope();
    const poll = scope.run(() => usePolling(async () => ++n, 5000))!;
    await flush();
    expect(poll.data.value).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(poll.data.value).toBe(2);
    scope.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(n).toBe(2);
  });

  it('keeps the last good data on an error and clears the error on the next success', async () => {
    vi.useFakeTimers();
    const answers: (() => Promise<string>)[] = [async () => 'a', async () => Promise.reject(new Error('server down')), async () => 'b'];
    const scope = effectScope();
    const poll = scope.run(() => usePolling(() => answers.shift()!(), 1000))!;
    await flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect([poll.data.value, poll.error.value]).toEqual(['a', 'server down']);
    await vi.advanceTimersByTimeAsync(1000);
    expect([poll.data.value, poll.error.value]).toEqual(['b', null]);
    scope.stop();
  });

  it('reads the interval again after each call', async () => {
    vi.useFakeTimers();
    let interval = 1000;
    let n = 0;
    const scope = effectScope();
    scope.run(() => usePolling(async () => ++n, () => interval));
    await flush();
    interval = 10_000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(n).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(n).toBe(3);
    scope.stop();
  });
});
