import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { GuideLayout } from './guide-spool.js';
import { parseProgrammeXml } from './xmltv-read.js';
import type { Programme } from './xmltv-types.js';
import { programmeHead } from './xmltv-write.js';

// Now/next is asked for every channel on every listing; the answers change every half hour or so.
const CACHED_PROGRAMMES = 4096;

export interface Block {
  first: number;
  count: number;
}

/**
 * One source's guide data file, open: the index (offset, start, stop per record: 24 bytes each) stays in memory
 * (`written`: the one the import just built, not read back), the programmes stay on disk. Replaced by a refresh,
 * it closes once the last export reading it ends.
 */
export async function openGuideFile(path: string, layout: GuideLayout, written?: Float64Array) {
  const handle = await open(path, 'r');
  let index: Float64Array;
  try {
    const bytes = (layout.records * 3 + 1) * 8;
    const { size } = await handle.stat();
    if (size !== layout.indexAt + bytes) throw new Error(`${path} is ${size} bytes, expected ${layout.indexAt + bytes}`);
    if (written) index = written;
    else {
      // A buffer of its own, so the Float64Array view starts at offset 0 (aligned).
      const buffer = Buffer.allocUnsafeSlow(bytes);
      await handle.read(buffer, 0, bytes, layout.indexAt);
      index = new Float64Array(buffer.buffer, 0, layout.records * 3 + 1);
    }
    if (index[layout.records * 3] !== layout.indexAt) throw new Error(`${path} has a damaged index`);
  } catch (err) {
    await handle.close();
    throw err;
  }
  const blocks = new Map<string, Block>(layout.blocks.map(([id, first, count]) => [id, { first, count }]));
  const cache = new Map<number, Programme>();
  let users = 0;
  let retired = false;

  // Per record (offset, start, stop or NaN); a record ends where the next begins, the last where the index does.
  const offset = (i: number) => index[i * 3]!;
  const end = (i: number) => index[i * 3 + 3]!;
  const start = (i: number) => index[i * 3 + 1]!;
  const stopOrNaN = (i: number) => index[i * 3 + 2]!;

  /** Read synchronously: now/next is answered inside a synchronous call, and one record is a few hundred bytes. */
  function programme(i: number): Programme | null {
    const hit = cache.get(i);
    if (hit) return hit;
    const bytes = Buffer.allocUnsafe(end(i) - offset(i));
    readSync(handle.fd, bytes, 0, bytes.length, offset(i));
    const stop = stopOrNaN(i);
    const parsed = parseProgrammeXml(programmeHead('x', start(i), Number.isNaN(stop) ? null : stop) + bytes.toString('utf8'));
    if (cache.size >= CACHED_PROGRAMMES) cache.clear();
    if (parsed) cache.set(i, parsed);
    return parsed;
  }

  const close = () => void handle.close().catch(() => undefined);

  return {
    path,
    block: (guideChannelId: string) => blocks.get(guideChannelId),
    start,
    stop: (i: number): number | null => (Number.isNaN(stopOrNaN(i)) ? null : stopOrNaN(i)),
    offset,
    end,

    /** The programme on air at `at` and the one after it, as the kept list says (sorted by start). */
    nowNext(block: Block, at: number): { now: Programme | null; next: Programme | null } {
      let lo = block.first;
      let hi = block.first + block.count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (start(mid) > at) hi = mid;
        else lo = mid + 1;
      }
      const next = lo < block.first + block.count ? programme(lo) : null;
      const prev = lo - 1 >= block.first ? lo - 1 : -1;
      const prevEnd = prev === -1 ? -Infinity : Number.isNaN(stopOrNaN(prev)) ? (next ? start(lo) : Infinity) : stopOrNaN(prev);
      return { now: prevEnd > at ? programme(prev) : null, next };
    },

    /** Bytes [from, to) of the programme region. */
    async read(from: number, to: number): Promise<Buffer> {
      const bytes = Buffer.allocUnsafe(to - from);
      await handle.read(bytes, 0, bytes.length, from);
      return bytes;
    },

    /** An export holds the file open while it streams; release() when done. */
    acquire() {
      users++;
    },
    release() {
      if (--users === 0 && retired) close();
    },
    /** No new readers; closes now or when the last one releases. */
    retire() {
      retired = true;
      if (users === 0) close();
    },
  };
}

export type GuideFile = Awaited<ReturnType<typeof openGuideFile>>;
