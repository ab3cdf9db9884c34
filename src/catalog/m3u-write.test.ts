import { describe, expect, it } from 'vitest';
import { cleanAttr, cleanName, m3uEntry, writeM3u, type M3uItem } from './m3u-write.js';

const ID = '0123456789abcdef0123456789abcdef01234567';
const item: M3uItem = {
  tvgId: 'bbc1.uk', name: 'BBC One', logo: null, number: null, group: null, url: 'http://h/play/abc.ts', mimetype: 'video/mp2t',
  ref: { kind: 'content_id', id: ID },
};

describe('cleanAttr and cleanName', () => {
  it.each([
    ['Sports', 'Sports', 'Sports'],
    ['Say "hi"', 'Say hi', 'Say "hi"'],
    ['News, World', 'News World', 'News World'],
    ['Line\r\nbreak', 'Line break', 'Line break'],
    ['Match - Live', 'Match - Live', 'Match – Live'],
    ['⚽ Fútbol 🇪🇸', '⚽ Fútbol 🇪🇸', '⚽ Fútbol 🇪🇸'],
    ['  Two  spaces\t', 'Two spaces', 'Two spaces'],
    ['Tab\there\u00a0nbsp', 'Tab here nbsp', 'Tab here nbsp'],
    [' - lead', '- lead', '- lead'],
  ])('%j', (input, attr, name) => {
    expect(cleanAttr(input)).toBe(attr);
    expect(cleanName(input)).toBe(name);
  });
});

describe('m3uEntry', () => {
  it.each([
    ['minimal', item, `#EXTINF:-1 tvg-id="bbc1.uk" tvg-name="BBC One" x-ace-content-id="${ID}",BBC One\n#KODIPROP:mimetype=video/mp2t\nhttp://h/play/abc.ts\n`],
    [
      'every attribute, hostile values',
      { ...item, name: 'A, "B" - C', logo: 'http://l/a,b".png', number: 7, group: 'Sports, "UK"', ref: { kind: 'infohash' as const, id: ID }, mimetype: 'application/vnd.apple.mpegurl' },
      `#EXTINF:-1 tvg-id="bbc1.uk" tvg-name="A B – C" tvg-logo="http://l/a%2Cb%22.png" tvg-chno="7" group-title="Sports UK" x-ace-infohash="${ID}",A "B" – C\n#KODIPROP:mimetype=application/vnd.apple.mpegurl\nhttp://h/play/abc.ts\n`,
    ],
  ])('%s', (_name, input, expected) => {
    expect(m3uEntry(input)).toBe(expected);
  });
});

describe('writeM3u', () => {
  it('starts with the guide header for Kodi', () => {
    expect(writeM3u([], 'http://h:8080/epg.xml')).toBe('#EXTM3U x-tvg-url="http://h:8080/epg.xml" url-tvg="http://h:8080/epg.xml"\n');
  });
});
