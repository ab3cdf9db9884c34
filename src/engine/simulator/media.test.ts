import { describe, expect, it } from 'vitest';
import { createMedia, loadMedia } from './media.js';
import {
  PACKET_SIZE,
  SYNC_BYTE,
  TIMESTAMP_WRAP,
  clockReferenceOffsets,
  countsForContinuity,
  packets,
  pesTimestampOffsets,
  readClockBase,
  readTimestamp,
} from './mpegts.js';

const media = loadMedia();

interface Clocks {
  pts: Map<number, number[]>;
  pcr: number[];
}

function clocksOf(buf: Buffer): Clocks {
  const pts = new Map<number, number[]>();
  const pcr: number[] = [];
  for (const p of packets(buf)) {
    for (const at of clockReferenceOffsets(buf, p)) pcr.push(readClockBase(buf, at));
    const { ptsAt } = pesTimestampOffsets(buf, p);
    if (ptsAt === undefined) continue;
    const list = pts.get(p.pid) ?? [];
    list.push(readTimestamp(buf, ptsAt));
    pts.set(p.pid, list);
  }
  return { pts, pcr };
}

describe('the committed test stream', () => {
  it('has 8 segments of 4 s looping every 32 s', () => {
    expect(media.count).toBe(8);
    expect(media.loopTicks).toBe(32 * 90_000);
    expect(media.targetDuration).toBe(4);
    expect(media.segmentMs).toBe(4000);
    for (let n = 0; n < 8; n++) expect(media.duration(n)).toBeCloseTo(4, 3);
  });

  it('serves whole 188-byte packets that all start with the sync byte', () => {
    for (let n = 0; n < 20; n++) {
      const buf = media.segment(n);
      expect(buf.length % PACKET_SIZE).toBe(0);
      for (let at = 0; at < buf.length; at += PACKET_SIZE) expect(buf[at]).toBe(SYNC_BYTE);
    }
  });
});

describe('segments past the last file keep the stream continuous', () => {
  it('moves timestamps forward at the loop instead of jumping back', () => {
    const before = clocksOf(media.segment(media.count - 1));
    const after = clocksOf(media.segment(media.count));
    expect(Math.min(...after.pcr)).toBeGreaterThan(Math.max(...before.pcr));
    for (const [pid, list] of before.pts) {
      expect(Math.min(...after.pts.get(pid)!)).toBeGreaterThan(Math.max(...list));
    }
  });

  it('shifts a whole loop exactly by the loop length', () => {
    const first = clocksOf(media.segment(3));
    const again = clocksOf(media.segment(3 + 2 * media.count));
    expect(again.pcr[0]! - first.pcr[0]!).toBe(2 * media.loopTicks);
  });

  it('keeps presentation times of every stream increasing over 21 segments', () => {
    const last = new Map<number, number>();
    for (let n = 0; n <= 20; n++) {
      for (const [pid, list] of clocksOf(media.segment(n)).pts) {
        for (const pts of list) {
          expect(pts).toBeGreaterThan(last.get(pid) ?? -1);
          last.set(pid, pts);
        }
      }
    }
  });

  it('keeps continuity counters continuous per PID, across the loop boundary too', () => {
    const next = new Map<number, number>();
    let checked = 0;
    for (let n = 0; n <= 20; n++) {
      const buf = media.segment(n);
      for (const p of packets(buf)) {
        if (!countsForContinuity(p)) continue;
        const expected = next.get(p.pid);
        if (expected !== undefined) {
          expect(p.continuityCounter, `pid ${p.pid} in segment ${n}`).toBe(expected);
          checked++;
        }
        next.set(p.pid, (p.continuityCounter + 1) & 0x0f);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('wraps clocks at 2^33 like a real transport stream', () => {
    const loops = Math.ceil(TIMESTAMP_WRAP / media.loopTicks);
    const { pts, pcr } = clocksOf(media.segment(loops * media.count));
    for (const value of [...pcr, ...[...pts.values()].flat()]) expect(value).toBeLessThan(TIMESTAMP_WRAP);
  });

  it('returns the same bytes from its cache as when first built', () => {
    const fresh = Buffer.from(media.segment(42));
    for (let n = 0; n < 40; n++) media.segment(n);
    expect(media.segment(42).equals(fresh)).toBe(true);
  });
});

describe('loading media', () => {
  it('rejects a file that is not whole packets', () => {
    expect(() => createMedia([Buffer.alloc(100, SYNC_BYTE)])).toThrow(/whole number/);
  });

  it('rejects bad segment numbers', () => {
    expect(() => media.segment(-1)).toThrow(RangeError);
    expect(() => media.segment(1.5)).toThrow(RangeError);
  });
});
