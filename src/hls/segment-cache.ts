import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../http/errors.js';

/**
 * Recent segments shared by every client of a session: the first request starts one upstream fetch,
 * later ones (concurrent or not) read the same chunks as they arrive. Bounded by total bytes; a failed
 * fetch is forgotten at once so the next request tries again.
 */
export interface SegmentEntry {
  readonly key: string;
  chunks: Buffer[];
  size: number;
  /** Known once upstream headers arrive. */
  readonly ready: Promise<void>;
  contentLength: number | undefined;
  contentType: string;
  done: boolean;
  error: Error | undefined;
  listeners: Set<() => void>;
}

export interface SegmentCacheDeps {
  maxBytes: number;
}

/** Opens the upstream body; it must emit `response` (got's streams do) before data. */
export type OpenUpstream = () => Readable;

export function createSegmentCache({ maxBytes }: SegmentCacheDeps) {
  const entries = new Map<string, SegmentEntry>();
  let totalBytes = 0;

  function evict() {
    for (const [key, entry] of entries) {
      if (totalBytes <= maxBytes) return;
      if (!entry.done) continue;
      entries.delete(key);
      totalBytes -= entry.size;
    }
  }

  function forget(entry: SegmentEntry) {
    if (entries.get(entry.key) !== entry) return;
    entries.delete(entry.key);
    totalBytes -= entry.size;
  }

  function fetchEntry(key: string, open: OpenUpstream): SegmentEntry {
    const upstream = open();
    let settle!: (err?: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      settle = (err) => (err ? reject(err) : resolve());
    });
    ready.catch(() => {});
    const entry: SegmentEntry = {
      key, chunks: [], size: 0, ready, contentLength: undefined, contentType: 'video/mp2t', done: false, error: undefined, listeners: new Set(),
    };
    const notify = () => entry.listeners.forEach((l) => l());
    const fail = (err: Error) => {
      if (entry.done) return;
      entry.error = err;
      entry.done = true;
      forget(entry);
      settle(err);
      notify();
    };
    upstream.once('response', (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        upstream.destroy();
        fail(new AppError('SEGMENT_UNAVAILABLE', `the engine answered HTTP ${res.statusCode} for this segment`, res.statusCode === 404 ? 404 : 502));
        return;
      }
      const length = Number(res.headers['content-length']);
      entry.contentLength = Number.isFinite(length) && length >= 0 ? length : undefined;
      const type = res.headers['content-type'];
      if (type && !/text|html/i.test(type)) entry.contentType = type;
      settle();
    });
    upstream.on('data', (chunk: Buffer) => {
      if (entry.done) return;
      entry.chunks.push(chunk);
      entry.size += chunk.length;
      if (entries.get(entry.key) === entry) totalBytes += chunk.length;
      notify();
    });
    upstream.once('end', () => {
      if (entry.done) return;
      if (entry.contentLength !== undefined && entry.size !== entry.contentLength) {
        fail(new AppError('SEGMENT_TRUNCATED', `segment ended after ${entry.size} of ${entry.contentLength} bytes`, 502));
        return;
      }
      entry.done = true;
      settle();
      notify();
      // One buffer per segment from now on: every later client is one plain write. Readers still going
      // hold the old array and finish from it.
      if (entry.chunks.length > 1) entry.chunks = [Buffer.concat(entry.chunks, entry.size)];
      evict();
    });
    upstream.once('error', (err: Error) => fail(err));
    entries.set(key, entry);
    return entry;
  }

  return {
    /** The shared entry for this key, opened upstream if nobody has yet. */
    get(key: string, open: OpenUpstream): SegmentEntry {
      return entries.get(key) ?? fetchEntry(key, open);
    },

    /** The entry for this key if it is complete; never starts a fetch. */
    complete(key: string): SegmentEntry | undefined {
      const entry = entries.get(key);
      return entry?.done && !entry.error ? entry : undefined;
    },

    /** A fresh reader of one entry: what arrived so far, then the rest as it comes. */
    reader(entry: SegmentEntry): Readable {
      const chunks = entry.chunks;
      let index = 0;
      const stream = new Readable({
        read: pump,
        destroy(err, callback) {
          entry.listeners.delete(pump);
          callback(err);
        },
      });
      function pump() {
        while (index < chunks.length) {
          if (!stream.push(chunks[index++])) return;
        }
        if (entry.error) stream.destroy(entry.error);
        else if (entry.done) {
          entry.listeners.delete(pump);
          stream.push(null);
        }
      }
      entry.listeners.add(pump);
      return stream;
    },

    /** Drops every entry whose key starts with the prefix (a stopped session). */
    dropPrefix(prefix: string) {
      for (const [key, entry] of entries) if (key.startsWith(prefix)) forget(entry);
    },

    stats: () => ({ entries: entries.size, bytes: totalBytes }),
  };
}

export type SegmentCache = ReturnType<typeof createSegmentCache>;
