import { describe, expect, it } from 'vitest';
import { chartLine, chartSpan, recordSamples, type History } from './history.js';

const session = (sessionId: string, speedDown: number, peers = 5) => ({ sessionId, speedDown, speedUp: speedDown / 10, peers });

describe('the sessions chart keeps a few minutes per live session', () => {
  it('appends one sample per poll and forgets sessions that ended', () => {
    let h: History = new Map();
    h = recordSamples(h, [session('a', 100), session('b', 50)], 0);
    h = recordSamples(h, [session('a', 200)], 5000);
    expect([...h.keys()]).toEqual(['a']);
    expect(h.get('a')!.map((s) => s.down)).toEqual([100, 200]);
  });

  it('drops samples older than the window', () => {
    let h: History = new Map();
    for (let t = 0; t <= 400_000; t += 100_000) h = recordSamples(h, [session('a', t)], t);
    expect(h.get('a')!.map((s) => s.at)).toEqual([100_000, 200_000, 300_000, 400_000]);
  });

  it('spans what has been seen, from 30 s up to 5 min', () => {
    expect(chartSpan([], 1000)).toBe(30_000);
    expect(chartSpan([{ at: 0, down: 0, up: 0, peers: 0 }], 90_000)).toBe(90_000);
    expect(chartSpan([{ at: 0, down: 0, up: 0, peers: 0 }], 900_000)).toBe(300_000);
  });

  it('draws the newest sample at the right edge and the maximum at the top', () => {
    const samples = [{ at: 0, down: 50, up: 0, peers: 1 }, { at: 30_000, down: 100, up: 0, peers: 2 }];
    const line = chartLine(samples, (s) => s.down, 30_000, 300, 50, { spanMs: 30_000 });
    expect(line.points).toBe('0.0,25.0 300.0,2.0');
    expect([line.max, line.last]).toEqual([100, 100]);
    const scaled = chartLine(samples, (s) => s.down, 30_000, 300, 50, { spanMs: 30_000, scaleMax: 200 });
    expect(scaled.points).toBe('0.0,36.5 300.0,25.0');
  });

  it('an all-zero series lies on the bottom line instead of dividing by zero', () => {
    const line = chartLine([{ at: 0, down: 0, up: 0, peers: 0 }], (s) => s.up, 0, 100, 20);
    expect(line.points).toBe('100.0,18.0');
  });
});
