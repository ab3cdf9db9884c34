import { describe, expect, it } from 'vitest';
import { parsePasted } from './ace-input.js';

const ID = '0123456789abcdef0123456789abcdef01234567';

describe('what a user may paste into the player', () => {
  it.each([
    [ID, ID],
    [`  ${ID.toUpperCase()}  `, ID],
    [`acestream://${ID}`, ID],
    [`infohash:${ID}`, `infohash:${ID}`],
    [`http://127.0.0.1:6878/ace/getstream?id=${ID}`, ID],
    [`http://box:6878/ace/manifest.m3u8?content_id=${ID}&pid=1`, ID],
    [`http://box:6878/ace/getstream?infohash=${ID}`, `infohash:${ID}`],
    [`http://proxy:8000/content_id/${ID}/stream.ts`, ID],
    [`http://proxy:8000/infohash/${ID}/stream.ts`, `infohash:${ID}`],
  ])('%s → %s', (input, startId) => {
    const r = parsePasted(input);
    expect(r.ok && r.startId).toBe(startId);
  });

  it.each(['', 'hello', 'acestream://1234', `http://example.com/video.mp4`, `${ID}0`])('refuses %j with a reason', (input) => {
    const r = parsePasted(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason.length).toBeGreaterThan(10);
  });
});
