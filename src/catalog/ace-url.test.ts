import { describe, expect, it } from 'vitest';
import { parseAceSource } from './ace-url.js';

const ID = '0123456789abcdef0123456789abcdef01234567';
const UP = ID.toUpperCase();

describe('parseAceSource', () => {
  it.each([
    ['bare id', ID, 'content_id'],
    ['bare id, upper case, spaces', `  ${UP} `, 'content_id'],
    ['acestream scheme', `acestream://${ID}`, 'content_id'],
    ['acestream scheme, trailing slash', `acestream://${UP}/`, 'content_id'],
    ['engine getstream ?id=', `http://127.0.0.1:6878/ace/getstream?id=${ID}`, 'content_id'],
    ['engine getstream ?content_id=', `http://host:6878/ace/getstream?content_id=${ID}&pid=1`, 'content_id'],
    ['engine getstream ?infohash=', `https://host/ace/getstream?infohash=${ID}`, 'infohash'],
    ['engine manifest', `http://host:6878/ace/manifest.m3u8?id=${ID}`, 'content_id'],
    ['engine manifest infohash', `http://host:6878/ace/manifest.m3u8?infohash=${UP}`, 'infohash'],
    ['proxy content_id path', `http://proxy:8000/content_id/${ID}/stream.ts`, 'content_id'],
    ['proxy infohash path', `http://proxy:8000/infohash/${ID}/stream.ts`, 'infohash'],
    ['proxy pid path', `http://proxy:8000/pid/${ID}/stream.mp4`, 'content_id'],
  ])('reads %s', (_name, input, kind) => {
    expect(parseAceSource(input)).toEqual({ ok: true, ref: { kind, id: ID } });
  });

  it.each([
    ['short id in scheme', 'acestream://abc', /malformed content id "abc"/],
    ['non-hex id in scheme', `acestream://${ID.slice(0, 39)}z`, /malformed content id/],
    ['short bare hex', ID.slice(0, 30), /malformed content id/],
    ['engine URL without id', 'http://host:6878/ace/getstream?foo=1', /without id/],
    ['engine URL bad infohash', 'http://host:6878/ace/getstream?infohash=xyz', /malformed infohash/],
    ['plain HLS stream', 'http://example.com/live/index.m3u8', /not an Ace Stream source/],
    ['rtmp', `rtmp://example.com/${ID}`, /not an Ace Stream source/],
    ['junk text', 'hello world', /not an Ace Stream source/],
    ['empty', '', /not an Ace Stream source/],
  ])('rejects %s', (_name, input, reason) => {
    const result = parseAceSource(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
