/**
 * Rewrites an HLS playlist (RFC 8216) for our clients, line by line: every URI line and every `URI="…"`
 * attribute goes through `mapUri`; a media playlist is cut to its last `window` segments with
 * MEDIA-SEQUENCE and DISCONTINUITY-SEQUENCE advanced to match, so numbering stays what the engine said.
 */
export type UriKind = 'segment' | 'playlist' | 'key';

export interface RewriteOptions {
  /** Where the playlist was fetched from: relative URIs resolve against it. */
  playlistUrl: string;
  mapUri: (absoluteUri: string, kind: UriKind) => string;
  /** Media playlists keep at most this many segments (the live edge). */
  window?: number;
  /** Added to MEDIA-SEQUENCE / DISCONTINUITY-SEQUENCE, so numbers keep rising across engine restarts. */
  sequenceOffset?: number;
  discontinuityOffset?: number;
}

interface Block {
  lines: string[];
  discontinuity: boolean;
  key: string | undefined;
  map: string | undefined;
}

// Tags that describe the segment whose URI follows them (RFC 8216 §4.3.2).
const SEGMENT_TAGS = /^#EXT(INF|-X-BYTERANGE|-X-DISCONTINUITY$|-X-KEY|-X-MAP|-X-PROGRAM-DATE-TIME|-X-DATERANGE|-X-GAP|-X-BITRATE|-X-PART:)/;
const URI_ATTRIBUTE = /URI="([^"]*)"/;

export function isMasterPlaylist(text: string): boolean {
  return /^#EXT-X-(STREAM-INF|I-FRAME-STREAM-INF|MEDIA):/m.test(text);
}

export function rewritePlaylist(text: string, options: RewriteOptions): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trimEnd());
  const master = isMasterPlaylist(text);
  const resolve = (uri: string) => new URL(uri, new URL(options.playlistUrl, 'http://engine.invalid')).href;
  const mapAttribute = (line: string, kind: UriKind) =>
    line.replace(URI_ATTRIBUTE, (_m, uri: string) => `URI="${options.mapUri(resolve(uri), kind)}"`);

  const header: string[] = [];
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const tagged = rewriteTag(line, mapAttribute);
      if (!master && SEGMENT_TAGS.test(line)) {
        current ??= { lines: [], discontinuity: false, key: undefined, map: undefined };
        current.lines.push(tagged);
        if (line === '#EXT-X-DISCONTINUITY') current.discontinuity = true;
        if (line.startsWith('#EXT-X-KEY:')) current.key = tagged;
        if (line.startsWith('#EXT-X-MAP:')) current.map = tagged;
      } else if (current || blocks.length > 0) {
        current ??= { lines: [], discontinuity: false, key: undefined, map: undefined };
        current.lines.push(tagged);
      } else {
        header.push(tagged);
      }
      continue;
    }
    const uri = options.mapUri(resolve(line), master ? 'playlist' : 'segment');
    if (master) {
      header.push(uri);
      continue;
    }
    current ??= { lines: [], discontinuity: false, key: undefined, map: undefined };
    current.lines.push(uri);
    blocks.push(current);
    current = undefined;
  }
  const trailer = current?.lines ?? [];
  if (master) return [...header, ...trailer].join('\n') + '\n';

  const window = options.window ?? Infinity;
  const dropped = blocks.length > window ? blocks.slice(0, blocks.length - window) : [];
  const kept = blocks.slice(dropped.length);
  const first = kept[0];
  if (first) carryForward(first, dropped);

  const sequence = readNumber(header, '#EXT-X-MEDIA-SEQUENCE:') + dropped.length + (options.sequenceOffset ?? 0);
  const discontinuities =
    readNumber(header, '#EXT-X-DISCONTINUITY-SEQUENCE:') +
    dropped.filter((b) => b.discontinuity).length +
    (options.discontinuityOffset ?? 0);
  const out = setTag(setTag(header, '#EXT-X-MEDIA-SEQUENCE:', sequence), '#EXT-X-DISCONTINUITY-SEQUENCE:', discontinuities);
  return [...out, ...kept.flatMap((b) => b.lines), ...trailer].join('\n') + '\n';
}

function rewriteTag(line: string, mapAttribute: (line: string, kind: UriKind) => string): string {
  if (line.startsWith('#EXT-X-KEY:') || line.startsWith('#EXT-X-SESSION-KEY:')) return mapAttribute(line, 'key');
  if (line.startsWith('#EXT-X-MAP:')) return mapAttribute(line, 'segment');
  if (/^#EXT-X-(MEDIA|I-FRAME-STREAM-INF|RENDITION-REPORT):/.test(line)) return mapAttribute(line, 'playlist');
  return line;
}

/** A key or init section applies until replaced: when the block that declared it is cut, repeat it. */
function carryForward(first: Block, dropped: Block[]) {
  const lastKey = dropped.findLast((b) => b.key)?.key;
  const lastMap = dropped.findLast((b) => b.map)?.map;
  if (lastMap && !first.map) first.lines.unshift(lastMap);
  if (lastKey && !first.key) first.lines.unshift(lastKey);
}

function readNumber(header: string[], prefix: string): number {
  const line = header.find((l) => l.startsWith(prefix));
  const n = line ? Number(line.slice(prefix.length)) : 0;
  return Number.isFinite(n) ? n : 0;
}

function setTag(header: string[], prefix: string, value: number): string[] {
  const index = header.findIndex((l) => l.startsWith(prefix));
  if (index >= 0) return header.map((l, i) => (i === index ? `${prefix}${value}` : l));
  if (value === 0) return header;
  const at = header[0] === '#EXTM3U' ? 1 : 0;
  return [...header.slice(0, at), `${prefix}${value}`, ...header.slice(at)];
}
