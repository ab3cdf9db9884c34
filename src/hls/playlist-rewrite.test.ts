import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMasterPlaylist, rewritePlaylist, type UriKind } from './playlist-rewrite.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
const seen: Array<[string, UriKind]> = [];
const mapUri = (uri: string, kind: UriKind) => {
  seen.push([uri, kind]);
  return `/proxy/${kind}/${encodeURIComponent(new URL(uri).pathname)}`;
};
const rewrite = (text: string, extra: object = {}) =>
  rewritePlaylist(text, { playlistUrl: '/ace/m/aaaa/key.m3u8', mapUri, ...extra });

describe('RFC 8216 §4.3.2 media segments: every URI line is ours', () => {
  it('rewrites absolute engine URIs and leaves no engine address', () => {
    const out = rewrite(fixture('engine-live.m3u8'));
    expect(out).not.toMatch(/127\.0\.0\.1|6878/);
    expect(out).toContain('/proxy/segment/%2Face%2Fc%2Faaaa%2F0.ts');
    expect(out.split('\n').filter((l) => l.startsWith('/proxy/'))).toHaveLength(4);
  });

  it('resolves relative URIs against the playlist URL', () => {
    const out = rewrite('#EXTM3U\n#EXTINF:4,\n7.ts\n#EXTINF:4,\n../../c/aaaa/8.ts\n');
    expect(out).toContain('/proxy/segment/%2Face%2Fm%2Faaaa%2F7.ts');
    expect(out).toContain('/proxy/segment/%2Face%2Fc%2Faaaa%2F8.ts');
  });

  it('gives the same segment the same URI on every reload', () => {
    const a = rewrite(fixture('engine-live.m3u8'));
    const b = rewrite(fixture('engine-live.m3u8'));
    expect(a).toBe(b);
  });

  it('accepts CRLF line endings and a BOM', () => {
    const out = rewrite('\uFEFF#EXTM3U\r\n#EXT-X-TARGETDURATION:5\r\n#EXTINF:4,\r\nhttp://h/ace/c/a/0.ts\r\n');
    expect(out).toBe('#EXTM3U\n#EXT-X-TARGETDURATION:5\n#EXTINF:4,\n/proxy/segment/%2Face%2Fc%2Fa%2F0.ts\n');
  });
});

describe('RFC 8216 §4.3.3.2 MEDIA-SEQUENCE: a live window keeps the engine numbering', () => {
  it.each([
    // window, offset, expected first sequence, expected segment count
    [undefined, 0, 0, 4],
    [2, 0, 2, 2],
    [10, 0, 0, 4],
    [3, 100, 101, 3],
  ])('window %s, offset %s → MEDIA-SEQUENCE %s with %s segments', (window, sequenceOffset, sequence, count) => {
    const out = rewrite(fixture('engine-live.m3u8'), { window, sequenceOffset });
    expect(out).toContain(`#EXT-X-MEDIA-SEQUENCE:${sequence}\n`);
    expect(out.match(/^#EXTINF/gm)).toHaveLength(count);
  });

  it('adds MEDIA-SEQUENCE when the engine left it out and the window cut segments', () => {
    const out = rewrite('#EXTM3U\n#EXTINF:4,\na.ts\n#EXTINF:4,\nb.ts\n', { window: 1 });
    expect(out.split('\n').slice(0, 2)).toEqual(['#EXTM3U', '#EXT-X-MEDIA-SEQUENCE:1']);
  });

  it('keeps the last segment first when cutting: the newest is at the end', () => {
    const out = rewrite(fixture('engine-live.m3u8'), { window: 1 });
    expect(out.trim().split('\n').at(-1)).toBe('/proxy/segment/%2Face%2Fc%2Faaaa%2F3.ts');
  });
});

describe('RFC 8216 §4.3.3.3 DISCONTINUITY-SEQUENCE follows cut discontinuities', () => {
  const text = '#EXTM3U\n#EXT-X-DISCONTINUITY-SEQUENCE:2\n#EXTINF:4,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:4,\nb.ts\n#EXTINF:4,\nc.ts\n';
  it.each([
    [3, 0, 2],
    [2, 0, 2],
    [1, 0, 3],
    [1, 5, 8],
  ])('window %s, offset %s → %s', (window, discontinuityOffset, expected) => {
    expect(rewrite(text, { window, discontinuityOffset })).toContain(`#EXT-X-DISCONTINUITY-SEQUENCE:${expected}\n`);
  });
});

describe('RFC 8216 §4.3.2.4–5 keys and init sections', () => {
  const text = '#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k1.key"\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4,\na.ts\n#EXTINF:4,\nb.ts\n';
  it('rewrites URI attributes', () => {
    const out = rewrite(text);
    expect(out).toContain('#EXT-X-KEY:METHOD=AES-128,URI="/proxy/key/%2Face%2Fm%2Faaaa%2Fk1.key"');
    expect(out).toContain('#EXT-X-MAP:URI="/proxy/segment/%2Face%2Fm%2Faaaa%2Finit.mp4"');
  });

  it('repeats the key and map when the window cuts the segment that declared them', () => {
    const out = rewrite(text, { window: 1 });
    expect(out).toMatch(/#EXT-X-KEY:METHOD=AES-128,URI="[^"]+k1\.key"\n#EXT-X-MAP:URI="[^"]+init\.mp4"\n#EXTINF:4,\n[^\n]+b\.ts\n$/);
  });

  it('leaves METHOD=NONE without a URI alone', () => {
    expect(rewrite('#EXTM3U\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:4,\na.ts\n')).toContain('#EXT-X-KEY:METHOD=NONE\n');
  });
});

describe('RFC 8216 §4.3.4 master playlists', () => {
  it('is recognised', () => {
    expect(isMasterPlaylist(fixture('engine-master.m3u8'))).toBe(true);
    expect(isMasterPlaylist(fixture('engine-live.m3u8'))).toBe(false);
  });

  it('rewrites variant lines, EXT-X-MEDIA and I-frame URIs as playlists and keeps every tag', () => {
    seen.length = 0;
    const out = rewrite(fixture('engine-master.m3u8'), { window: 1 });
    expect(out).not.toMatch(/acestream:6878/);
    expect(seen.map(([, kind]) => kind)).toEqual(['playlist', 'playlist', 'playlist', 'playlist']);
    expect(seen.map(([uri]) => new URL(uri).pathname)).toContain('/ace/m/aaaa/480.m3u8');
    expect(out.match(/^#EXT-X-STREAM-INF/gm)).toHaveLength(2);
  });
});

describe('round trip: a rewritten playlist is itself rewritable to the same shape', () => {
  it('parse → rewrite → rewrite gives the same line structure', () => {
    const once = rewrite(fixture('engine-live.m3u8'), { window: 3 });
    const twice = rewritePlaylist(once, { playlistUrl: 'http://x/', mapUri: (u) => new URL(u).pathname });
    expect(twice.split('\n').map((l) => l.replace(/^\/.*/, 'URI'))).toEqual(once.split('\n').map((l) => l.replace(/^\/.*/, 'URI')));
  });
});
