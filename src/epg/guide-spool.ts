import { open, rename, rm, type FileHandle } from 'node:fs/promises';

/** Where each guide channel's programmes sit in a guide data file (README: "Guide files"). */
export interface GuideLayout {
  records: number;
  /** Byte offset of the index: (offset, start, stop or NaN) per record as float64, then the end offset. */
  indexAt: number;
  /** [guide channel id, first record, record count]: a channel's records are contiguous and sorted by start. */
  blocks: [string, number, number][];
}

// What an import holds in memory before writing a run out: this much, whatever the size of the guide.
const RUN_BYTES = 16 * 1024 * 1024;
const CHUNK = 1024 * 1024;

// Fixed pages rather than doubling: no copy of the whole column and at most one page unused.
const PAGE = 65_536;

/**
 * A float64 column, one number per record: 8 bytes each, where a record as an object costs ten times that.
 * Outside the JS heap, and clear() keeps the pages for the next run.
 */
function column() {
  const pages: Float64Array[] = [];
  let length = 0;
  return {
    push(value: number) {
      if (length === pages.length * PAGE) pages.push(new Float64Array(PAGE));
      pages[Math.floor(length / PAGE)]![length++ % PAGE] = value;
    },
    at: (i: number) => pages[Math.floor(i / PAGE)]![i % PAGE]!,
    length: () => length,
    clear() {
      length = 0;
    },
  };
}

/** Gathers byte ranges into ~1 MB writes. put() returns a promise only when it had to write. */
function fileWriter(file: FileHandle) {
  const out = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let position = 0;
  const flush = async () => {
    if (used > 0) await file.write(out, 0, used);
    used = 0;
  };
  const write = async (bytes: Uint8Array) => {
    await flush();
    if (bytes.length > out.length) await file.write(bytes);
    else {
      out.set(bytes, 0);
      used = bytes.length;
    }
  };
  return {
    position: () => position,
    put(bytes: Uint8Array): Promise<void> | undefined {
      position += bytes.length;
      if (used + bytes.length > out.length) return write(bytes);
      out.set(bytes, used);
      used += bytes.length;
      return undefined;
    },
    flush,
  };
}

type Segment = { first: number; count: number; offset: number; bytes: number };

/**
 * Collects one import's kept programmes (`body`: programmeBody's XML) and writes them to `file` grouped by guide
 * channel, sorted by start. Programmes gather in memory up to RUN_BYTES and then go to a spool file as a run,
 * grouped and sorted within the run; finish() merges the runs channel by channel (one read per channel and run)
 * and appends the index. A guide ten times larger means more runs, not more memory.
 */
export function createGuideSpool(file: string, runBytesMax = RUN_BYTES) {
  const spoolFile = `${file}.spool`;
  const channelIds: string[] = [];
  const channelIndex = new Map<string, number>();
  // Every record in the spool, in spool order.
  const starts = column();
  const stops = column();
  const offsets = column();
  const runs: Map<number, Segment>[] = [];
  // The run being collected: bytes in chunks (reused from run to run), records as parallel arrays.
  let chunks: Buffer[] = [];
  let spare: Buffer[] = [];
  let used = 0;
  const run = { channel: column(), start: column(), stop: column(), chunk: column(), at: column(), bytes: column() };
  let runBytes = 0;
  let spool: { handle: FileHandle; writer: ReturnType<typeof fileWriter> } | null = null;

  async function writeRun(): Promise<void> {
    if (run.channel.length() === 0) return;
    if (!spool) {
      const handle = await open(spoolFile, 'w+');
      spool = { handle, writer: fileWriter(handle) };
    }
    const { writer } = spool;
    const byChannel = new Map<number, number[]>();
    for (let i = 0; i < run.channel.length(); i++) {
      const c = run.channel.at(i);
      (byChannel.get(c) ?? byChannel.set(c, []).get(c)!).push(i);
    }
    const segments = new Map<number, Segment>();
    for (const [channel, list] of byChannel) {
      // Guides list a channel's programmes in time order; sort only when one does not.
      if (list.some((r, k) => k > 0 && run.start.at(r) < run.start.at(list[k - 1]!))) list.sort((a, b) => run.start.at(a) - run.start.at(b) || a - b);
      const segment = { first: starts.length(), count: list.length, offset: writer.position(), bytes: 0 };
      for (const r of list) {
        starts.push(run.start.at(r));
        stops.push(run.stop.at(r));
        offsets.push(writer.position());
        const wait = writer.put(chunks[run.chunk.at(r)]!.subarray(run.at.at(r), run.at.at(r) + run.bytes.at(r)));
        if (wait) await wait;
      }
      segment.bytes = writer.position() - segment.offset;
      segments.set(channel, segment);
    }
    await writer.flush();
    runs.push(segments);
    spare = chunks.filter((c) => c.length === CHUNK);
    chunks = [];
    used = 0;
    for (const c of Object.values(run)) c.clear();
    runBytes = 0;
  }

  /**
   * The final file, channel by channel: its segment of every run read once (into one reused buffer), copied
   * as is when the runs are already in time order, else record by record in start order. Returns the index.
   */
  async function merge(source: FileHandle, out: ReturnType<typeof fileWriter>, blocks: GuideLayout['blocks']): Promise<Float64Array> {
    const index = new Float64Array(starts.length() * 3 + 1);
    let k = 0;
    const entry = (record: number, at: number) => {
      index[k++] = at;
      index[k++] = starts.at(record);
      index[k++] = stops.at(record);
    };
    let scratch = Buffer.alloc(0);
    for (let channel = 0; channel < channelIds.length; channel++) {
      const segments = runs.flatMap((r) => r.get(channel) ?? []);
      const total = segments.reduce((sum, s) => sum + s.bytes, 0);
      if (scratch.length < total) scratch = Buffer.allocUnsafe(total);
      const parts: { segment: Segment; data: Buffer }[] = [];
      for (let at = 0, i = 0; i < segments.length; at += segments[i]!.bytes, i++) {
        const segment = segments[i]!;
        await source.read(scratch, at, segment.bytes, segment.offset);
        parts.push({ segment, data: scratch.subarray(at, at + segment.bytes) });
      }
      const first = k / 3;
      const inOrder = segments.every((s, i) => i === 0 || starts.at(s.first) >= starts.at(segments[i - 1]!.first + segments[i - 1]!.count - 1));
      if (inOrder) {
        for (const { segment, data } of parts) {
          for (let r = segment.first; r < segment.first + segment.count; r++) entry(r, offsets.at(r) - segment.offset + out.position());
          await out.put(data);
        }
      } else {
        const order = parts.flatMap((part) => Array.from({ length: part.segment.count }, (_, i) => ({ part, record: part.segment.first + i })));
        order.sort((a, b) => starts.at(a.record) - starts.at(b.record) || a.record - b.record);
        for (const { part: { segment, data }, record } of order) {
          const end = record + 1 < segment.first + segment.count ? offsets.at(record + 1) : segment.offset + segment.bytes;
          entry(record, out.position());
          await out.put(data.subarray(offsets.at(record) - segment.offset, end - segment.offset));
        }
      }
      blocks.push([channelIds[channel]!, first, k / 3 - first]);
    }
    return index;
  }

  async function discard(): Promise<void> {
    const current = spool;
    spool = null;
    await current?.handle.close().catch(() => undefined);
    await rm(spoolFile, { force: true });
  }

  return {
    /** Buffers one programme; flush() writes the run out once it is full. */
    add(channelId: string, start: number, stop: number | null, body: string): void {
      let channel = channelIndex.get(channelId);
      if (channel === undefined) {
        channel = channelIds.push(channelId) - 1;
        channelIndex.set(channelId, channel);
      }
      // Room for the worst case of UTF-8 (3 bytes per UTF-16 unit), so write() never truncates.
      if (chunks.length === 0 || used + body.length * 3 > chunks.at(-1)!.length) {
        chunks.push((body.length * 3 <= CHUNK ? spare.pop() : undefined) ?? Buffer.allocUnsafe(Math.max(CHUNK, body.length * 3)));
        used = 0;
      }
      const bytes = chunks.at(-1)!.write(body, used);
      run.channel.push(channel);
      run.start.push(start);
      run.stop.push(stop ?? NaN);
      run.chunk.push(chunks.length - 1);
      run.at.push(used);
      run.bytes.push(bytes);
      used += bytes;
      runBytes += bytes;
    },

    flush: (): Promise<void> | undefined => (runBytes >= runBytesMax ? writeRun() : undefined),

    /** Writes `file` (programmes, then the index), fsynced, and removes the spool. The index stays in memory. */
    async finish(): Promise<{ layout: GuideLayout; index: Float64Array }> {
      const layout: GuideLayout = { records: 0, indexAt: 0, blocks: [] };
      const handle = await open(`${file}.tmp`, 'w');
      let written = false;
      let index: Float64Array = new Float64Array(1);
      try {
        await writeRun();
        const out = fileWriter(handle);
        if (spool) index = await merge(spool.handle, out, layout.blocks);
        layout.records = (index.length - 1) / 3;
        layout.indexAt = out.position();
        index[index.length - 1] = layout.indexAt;
        await out.put(new Uint8Array(index.buffer, index.byteOffset, index.byteLength));
        await out.flush();
        await handle.sync();
        written = true;
      } finally {
        await handle.close();
        await discard();
        if (!written) await rm(`${file}.tmp`, { force: true });
      }
      await rename(`${file}.tmp`, file);
      return { layout, index };
    },

    /** Removes the spool, after finish() or when the import failed. */
    discard,
  };
}
