import { describe, expect, it } from 'vitest';
import { parseExtinf, parseM3u } from './m3u-parse.js';

describe('parseExtinf', () => {
  it.each([
    ['plain', '-1,BBC One', 'BBC One', {}],
    ['attributes', '-1 tvg-id="bbc1.uk" tvg-chno="7" group-title="UK",BBC One', 'BBC One', { 'tvg-id': 'bbc1.uk', 'tvg-chno': '7', 'group-title': 'UK' }],
    ['comma inside a quoted attribute', '-1 group-title="News, World",CNN', 'CNN', { 'group-title': 'News, World' }],
    ['comma in the name', '-1 tvg-id="x",Sport, Live', 'Sport, Live', { 'tvg-id': 'x' }],
    ['quotes in the name', '-1,"Quoted" Name', '"Quoted" Name', {}],
    ['unquoted and single-quoted values', "0 tvg-chno=12 tvg-name='It''s',Twelve", 'Twelve', { 'tvg-chno': '12', 'tvg-name': 'It' }],
    ['upper-case attribute names', '-1 TVG-ID="a",A', 'A', { 'tvg-id': 'a' }],
    ['unbalanced quote falls back to the last comma', '-1 tvg-name="Broken,Name', 'Name', { 'tvg-name': '' }],
    ['no comma at all', '-1 tvg-id="x"', '', { 'tvg-id': 'x' }],
    ['emoji', '-1 tvg-logo="http://l/x.png",⚽ Football 🇪🇸', '⚽ Football 🇪🇸', { 'tvg-logo': 'http://l/x.png' }],
  ])('%s', (_name, body, name, attrs) => {
    expect(parseExtinf(body)).toEqual({ name, attrs });
  });
});

describe('parseM3u', () => {
  it('reads a BOM, CRLF, #EXTGRP and reports lines as an editor numbers them', () => {
    const text = '\uFEFF#EXTM3U\r\n\r\n#EXTINF:-1,One\r\n#EXTGRP:Sports\r\n#EXTVLCOPT:http-user-agent=x\r\nacestream://a\r\n#EXTINF:-1,Lonely\r\n#EXTINF:-1,Two\r\nhttp://b\r\njunk line\r\n#EXTINF:-1,Last';
    const result = parseM3u(text);
    expect(result.hasHeader).toBe(true);
    expect(result.entries).toEqual([
      { line: 6, name: 'One', url: 'acestream://a', attrs: {}, extGroup: 'Sports' },
      { line: 9, name: 'Two', url: 'http://b', attrs: {}, extGroup: null },
      { line: 10, name: '', url: 'junk line', attrs: {}, extGroup: null },
    ]);
    expect(result.problems).toEqual([
      { line: 7, reason: '#EXTINF without a URL' },
      { line: 11, reason: '#EXTINF without a URL' },
    ]);
  });

  it('accepts old Mac line endings and a missing header', () => {
    const result = parseM3u('#EXTINF:-1,A\racestream://x\r');
    expect(result.hasHeader).toBe(false);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]?.line).toBe(2);
  });
});
