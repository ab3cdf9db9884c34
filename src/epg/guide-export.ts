import type { EpgMatch } from '../catalog/types.js';
import type { GuideFile } from './guide-file.js';
import { formatXmltvTime } from './xmltv-time.js';
import { channelXml, programmeHead, XMLTV_FOOTER, XMLTV_HEADER, type XmltvChannelOut } from './xmltv-write.js';

export interface ExportChannel {
  channel: XmltvChannelOut;
  match: EpgMatch | null;
}

// Socket writes of ~64 KB: one per programme would be hundreds of thousands of tiny writes.
const CHUNK = 64 * 1024;

/** Strings and byte ranges packed into CHUNK-sized buffers; take() hands over the full ones. */
function chunker() {
  let current = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let full: Buffer[] = [];
  const next = () => {
    full.push(current.subarray(0, used));
    current = Buffer.allocUnsafe(CHUNK);
    used = 0;
  };
  const bytes = (data: Uint8Array) => {
    for (let at = 0; at < data.length; ) {
      const n = Math.min(data.length - at, CHUNK - used);
      current.set(data.subarray(at, at + n), used);
      used += n;
      at += n;
      if (used === CHUNK) next();
    }
  };
  return {
    bytes,
    text(value: string) {
      // Room for the worst case of UTF-8, so write() never truncates; longer strings go through bytes().
      if (value.length * 3 > CHUNK) return bytes(Buffer.from(value, 'utf8'));
      if (used + value.length * 3 > CHUNK) next();
      used += current.write(value, used);
    },
    take(): Buffer[] {
      const taken = full;
      full = [];
      return taken;
    },
    end(): Buffer[] {
      if (used > 0) next();
      return this.take();
    },
  };
}

/**
 * The served XMLTV document: every <channel>, then each channel's programmes in the window. The programmes
 * are copied from the guide files as stored (already escaped XML); only each opening tag is written here,
 * with the channel id the playlist uses. Reads one range per channel; memory stays at a few chunks.
 */
export async function* exportXmltv(channels: ExportChannel[], fileOf: (sourceId: string) => GuideFile | undefined, window: { from: number; to: number }): AsyncGenerator<Buffer> {
  const out = chunker();
  const held = new Map<string, GuideFile>();
  // Programmes start on a grid: a few hundred distinct times for hundreds of thousands of programmes.
  const times = new Map<number, string>();
  const time = (ms: number) => {
    let text = times.get(ms);
    if (text === undefined) {
      if (times.size >= 10_000) times.clear();
      times.set(ms, (text = formatXmltvTime(ms)));
    }
    return text;
  };
  try {
    for (const { match } of channels) {
      const file = match && !held.has(match.sourceId) ? fileOf(match.sourceId) : undefined;
      if (match && file) {
        file.acquire();
        held.set(match.sourceId, file);
      }
    }
    out.text(XMLTV_HEADER);
    for (const { channel } of channels) out.text(channelXml(channel));
    yield* out.take();
    for (const { channel, match } of channels) {
      const file = match ? held.get(match.sourceId) : undefined;
      const block = match && file?.block(match.guideChannelId);
      if (!file || !block) continue;
      const wanted: number[] = [];
      for (let i = block.first; i < block.first + block.count; i++) {
        if ((file.stop(i) ?? file.start(i)) >= window.from && file.start(i) <= window.to) wanted.push(i);
      }
      if (wanted.length === 0) continue;
      const base = file.offset(wanted[0]!);
      const data = await file.read(base, file.end(wanted.at(-1)!));
      for (const i of wanted) {
        out.text(programmeHead(channel.id, file.start(i), file.stop(i), time));
        out.bytes(data.subarray(file.offset(i) - base, file.end(i) - base));
      }
      yield* out.take();
    }
    out.text(XMLTV_FOOTER);
    yield* out.end();
  } finally {
    for (const file of held.values()) file.release();
  }
}
