import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log.js';
import { schedule } from './schedule.js';

describe('schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a job soon after start, then every tick with the configured age, until stopped', async () => {
    const run = vi.fn(async () => undefined);
    const stop = schedule([{ name: 'guides', everyHours: 12, run }], silentLogger());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledWith(12 * 3_600_000);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(run).toHaveBeenCalledTimes(2);
    stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never runs a job set to 0 hours, and survives a failing job', async () => {
    const off = vi.fn(async () => undefined);
    const failing = vi.fn(async () => {
      throw new Error('boom');
    });
    const stop = schedule([{ name: 'off', everyHours: 0, run: off }, { name: 'failing', everyHours: 1, run: failing }], silentLogger());
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(off).not.toHaveBeenCalled();
    expect(failing).toHaveBeenCalledTimes(2);
    stop();
  });
});
