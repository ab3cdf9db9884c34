export const PACKET_SIZE = 188;
export const SYNC_BYTE = 0x47;
export const TIMESTAMP_WRAP = 2 ** 33;

const NULL_PID = 0x1fff;

export interface Packet {
  offset: number;
  pid: number;
  payloadUnitStart: boolean;
  hasPayload: boolean;
  continuityCounter: number;
  /** Offset of the payload inside the buffer, or -1 if the packet carries none. */
  payloadOffset: number;
}

export function* packets(buf: Buffer): Generator<Packet> {
  for (let offset = 0; offset + PACKET_SIZE <= buf.length; offset += PACKET_SIZE) {
    if (buf[offset] !== SYNC_BYTE) throw new Error(`lost MPEG-TS sync at byte ${offset}`);
    const b1 = buf[offset + 1]!;
    const b3 = buf[offset + 3]!;
    const adaptation = (b3 >> 4) & 0b11;
    const hasPayload = (adaptation & 0b01) !== 0;
    let payloadOffset = -1;
    if (hasPayload) {
      payloadOffset = adaptation & 0b10 ? offset + 5 + buf[offset + 4]! : offset + 4;
      if (payloadOffset >= offset + PACKET_SIZE) payloadOffset = -1;
    }
    yield {
      offset,
      pid: ((b1 & 0x1f) << 8) | buf[offset + 2]!,
      payloadUnitStart: (b1 & 0x40) !== 0,
      hasPayload,
      continuityCounter: b3 & 0x0f,
      payloadOffset,
    };
  }
}

/** True for PIDs that carry elementary streams or tables, i.e. whose packets count for continuity. */
export function countsForContinuity(p: Packet): boolean {
  return p.hasPayload && p.pid !== NULL_PID;
}

export function readTimestamp(buf: Buffer, at: number): number {
  return (
    ((buf[at]! >> 1) & 0x07) * 2 ** 30 +
    ((buf[at + 1]! << 7) | (buf[at + 2]! >> 1)) * 2 ** 15 +
    ((buf[at + 3]! << 7) | (buf[at + 4]! >> 1))
  );
}

function writeTimestamp(buf: Buffer, at: number, value: number): void {
  const high = Math.floor(value / 2 ** 30) & 0x07;
  const mid = Math.floor(value / 2 ** 15) & 0x7fff;
  const low = value & 0x7fff;
  buf[at] = (buf[at]! & 0xf0) | (high << 1) | 1;
  buf[at + 1] = mid >> 7;
  buf[at + 2] = ((mid & 0x7f) << 1) | 1;
  buf[at + 3] = low >> 7;
  buf[at + 4] = ((low & 0x7f) << 1) | 1;
}

export interface PesTimestamps {
  ptsAt?: number;
  dtsAt?: number;
}

/** Where the PTS and DTS of a PES header start, if this packet begins a PES packet that has them. */
export function pesTimestampOffsets(buf: Buffer, p: Packet): PesTimestamps {
  const at = p.payloadOffset;
  if (!p.payloadUnitStart || at < 0 || at + 19 > p.offset + PACKET_SIZE) return {};
  if (buf[at] !== 0 || buf[at + 1] !== 0 || buf[at + 2] !== 1) return {};
  const streamId = buf[at + 3]!;
  // Stream ids without the optional PES header (program stream map, padding, private 2, ECM, EMM…).
  if ([0xbc, 0xbe, 0xbf, 0xf0, 0xf1, 0xf2, 0xf8, 0xff].includes(streamId)) return {};
  const flags = buf[at + 7]! >> 6;
  if (flags === 0b10) return { ptsAt: at + 9 };
  if (flags === 0b11) return { ptsAt: at + 9, dtsAt: at + 14 };
  return {};
}

/** Offsets of the PCR and OPCR fields of a packet's adaptation field, when present. */
export function clockReferenceOffsets(buf: Buffer, p: Packet): number[] {
  const adaptation = (buf[p.offset + 3]! >> 4) & 0b11;
  if (!(adaptation & 0b10)) return [];
  const length = buf[p.offset + 4]!;
  if (length < 1) return [];
  const flags = buf[p.offset + 5]!;
  const found: number[] = [];
  let at = p.offset + 6;
  if (flags & 0x10 && length >= 7) {
    found.push(at);
    at += 6;
  }
  if (flags & 0x08 && length >= 13) found.push(at);
  return found;
}

export function readClockBase(buf: Buffer, at: number): number {
  return buf.readUInt32BE(at) * 2 + (buf[at + 4]! >> 7);
}

function writeClockBase(buf: Buffer, at: number, base: number): void {
  buf.writeUInt32BE(Math.floor(base / 2), at);
  buf[at + 4] = (buf[at + 4]! & 0x7f) | ((base % 2) << 7);
}

export interface Rewrite {
  /** Added to every PTS, DTS and PCR base (90 kHz ticks), modulo 2^33. */
  shift: number;
  /** Continuity counter of the first counted packet of each PID; updated in place to the next value. */
  nextCounter: Map<number, number>;
}

/** Returns a copy of a segment with shifted clocks and renumbered continuity counters. */
export function rewriteSegment(source: Buffer, { shift, nextCounter }: Rewrite): Buffer {
  const buf = Buffer.from(source);
  const add = (v: number) => (v + shift) % TIMESTAMP_WRAP;
  for (const p of packets(buf)) {
    if (countsForContinuity(p)) {
      const cc = nextCounter.get(p.pid) ?? 0;
      buf[p.offset + 3] = (buf[p.offset + 3]! & 0xf0) | cc;
      nextCounter.set(p.pid, (cc + 1) & 0x0f);
    }
    if (shift === 0) continue;
    for (const at of clockReferenceOffsets(buf, p)) writeClockBase(buf, at, add(readClockBase(buf, at)));
    const { ptsAt, dtsAt } = pesTimestampOffsets(buf, p);
    if (ptsAt !== undefined) writeTimestamp(buf, ptsAt, add(readTimestamp(buf, ptsAt)));
    if (dtsAt !== undefined) writeTimestamp(buf, dtsAt, add(readTimestamp(buf, dtsAt)));
  }
  return buf;
}
