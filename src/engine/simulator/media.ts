import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  PACKET_SIZE,
  TIMESTAMP_WRAP,
  countsForContinuity,
  packets,
  pesTimestampOffsets,
  readTimestamp,
  rewriteSegment,
} from './mpegts.js';

export interface Media {
  /** Number of distinct segment files; segment n plays file n % count. */
  readonly count: number;
  /** Length of one pass over all files, in 90 kHz ticks. */
  readonly loopTicks: number;
  /** Rounded-up longest segment, in seconds (for EXT-X-TARGETDURATION). */
  readonly targetDuration: number;
  /** Mean segment length in milliseconds: the pace at which a live session produces segments. */
  readonly segmentMs: number;
  /** Duration of segment n in seconds. */
  duration(n: number): number;
  /** Bytes of segment n, with clocks and continuity counters continuing those of segment n - 1. */
  segment(n: number): Buffer;
}

export interface MediaOptions {
  /** Rewritten segments kept in memory; each is ~150 kB. */
  cacheSize?: number;
}

const CLOCK_HZ = 90_000;

export const defaultMediaDir = fileURLToPath(new URL('./media/', import.meta.url));

export function loadMedia(dir = defaultMediaDir, options: MediaOptions = {}): Media {
  const names = readdirSync(dir)
    .map((name) => /^seg-(\d+)\.mpegts$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => m[0]);
  if (names.length === 0) throw new Error(`no seg-N.mpegts files in ${dir}`);
  return createMedia(
    names.map((name) => readFileSync(join(dir, name))),
    options,
  );
}

interface FileInfo {
  firstVideoPts: number;
  videoPts: number[];
  counted: Map<number, number>;
}

function inspect(buf: Buffer, index: number): FileInfo {
  if (buf.length === 0 || buf.length % PACKET_SIZE !== 0) {
    throw new Error(`segment ${index} is not a whole number of MPEG-TS packets`);
  }
  const counted = new Map<number, number>();
  const videoPts: number[] = [];
  for (const p of packets(buf)) {
    if (countsForContinuity(p)) counted.set(p.pid, (counted.get(p.pid) ?? 0) + 1);
    const { ptsAt } = pesTimestampOffsets(buf, p);
    const streamId = buf[p.payloadOffset + 3] ?? 0;
    if (ptsAt !== undefined && streamId >= 0xe0 && streamId <= 0xef) videoPts.push(readTimestamp(buf, ptsAt));
  }
  const firstVideoPts = videoPts[0];
  if (firstVideoPts === undefined) throw new Error(`segment ${index} has no video timestamps`);
  return { firstVideoPts, videoPts, counted };
}

export function createMedia(files: Buffer[], { cacheSize = 16 }: MediaOptions = {}): Media {
  const infos = files.map(inspect);
  const count = files.length;
  const last = infos[count - 1]!;
  const lastPts = last.videoPts[last.videoPts.length - 1]!;
  const previousPts = last.videoPts[last.videoPts.length - 2] ?? lastPts - CLOCK_HZ / 25;
  const frameTicks = lastPts - previousPts;
  const starts = infos.map((info) => info.firstVideoPts);
  const end = lastPts + frameTicks;
  const loopTicks = end - starts[0]!;
  const durations = starts.map((start, i) => ((starts[i + 1] ?? end) - start) / CLOCK_HZ);

  // Continuity counters are renumbered from 0 at segment 0 so that any segment n can compute its own start.
  const pids = new Set(infos.flatMap((info) => [...info.counted.keys()]));
  const before: Array<Map<number, number>> = [];
  const perLoop = new Map<number, number>();
  for (const info of infos) {
    before.push(new Map(perLoop));
    for (const pid of pids) perLoop.set(pid, (perLoop.get(pid) ?? 0) + (info.counted.get(pid) ?? 0));
  }

  const cache = new Map<number, Buffer>();

  function build(n: number): Buffer {
    const loop = Math.floor(n / count);
    const index = n % count;
    const nextCounter = new Map<number, number>();
    for (const pid of pids) {
      const passed = ((loop % 16) * ((perLoop.get(pid) ?? 0) % 16) + (before[index]!.get(pid) ?? 0)) % 16;
      nextCounter.set(pid, passed);
    }
    const shift = Number((BigInt(loop) * BigInt(loopTicks)) % BigInt(TIMESTAMP_WRAP));
    return rewriteSegment(files[index]!, { shift, nextCounter });
  }

  function segment(n: number): Buffer {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad segment number ${n}`);
    const hit = cache.get(n);
    if (hit) {
      cache.delete(n);
      cache.set(n, hit);
      return hit;
    }
    const built = build(n);
    cache.set(n, built);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    return built;
  }

  return {
    count,
    loopTicks,
    targetDuration: Math.ceil(Math.max(...durations) - 1e-6),
    segmentMs: (loopTicks / CLOCK_HZ / count) * 1000,
    duration: (n) => durations[n % count]!,
    segment,
  };
}
