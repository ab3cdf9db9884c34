import { describe, expect, it } from 'vitest';
import { parseM3u } from './m3u-parse.js';
import { rowsFromM3u } from './m3u-import.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('rowsFromM3u', () => {
  it('keeps the first entry of a content id and says which line it duplicates', () => {
    const { rows, skipped } = rowsFromM3u(parseM3u(`#EXTM3U\n#EXTINF:-1,One\nacestream://${A}\n#EXTINF:-1,Again\n${A}\n`));
    expect(rows.map((r) => r.name)).toEqual(['One']);
    expect(skipped).toEqual([{ line: 5, reason: 'duplicate of line 3' }]);
  });

  it('treats a content id and an infohash with the same digits as different sources', () => {
    const { rows } = rowsFromM3u(parseM3u(`acestream://${A}\nhttp://e:6878/ace/getstream?infohash=${A}\n`));
    expect(rows.map((r) => r.ref.kind)).toEqual(['content_id', 'infohash']);
  });

  const src = `acestream://${B}`;
  it.each([
    ['all attributes', `#EXTINF:-1 tvg-id="x.uk" tvg-logo="https://l/x.png" tvg-chno="12" group-title="News",X\n${src}`, { name: 'X', tvgId: 'x.uk', logo: 'https://l/x.png', number: 12, group: 'News' }],
    ['#EXTGRP when no group-title', `#EXTINF:-1,X\n#EXTGRP:Movies\n${src}`, { group: 'Movies' }],
    ['group-title wins over #EXTGRP', `#EXTINF:-1 group-title="News",X\n#EXTGRP:Movies\n${src}`, { group: 'News' }],
    ['tvg-name when the name is empty', `#EXTINF:-1 tvg-name="Named",\n${src}`, { name: 'Named' }],
    ['no name without #EXTINF', src, { name: null }],
    ['bad logo and number are dropped', `#EXTINF:-1 tvg-logo="javascript:x" tvg-chno="seven",X\n${src}`, { logo: null, number: null }],
    ['generated tvg-ids of our own export are not kept', `#EXTINF:-1 tvg-id="k3j4h5g6.acehub",X\n${src}`, { tvgId: null }],
    ['the id tag of our own export', `#EXTINF:-1 x-ace-infohash="${A}",X\nhttp://acehub/play/k3j4h5g6.ts`, { ref: { kind: 'infohash', id: A } }],
  ])('reads %s', (_name, text, expected) => {
    expect(rowsFromM3u(parseM3u(text)).rows[0]).toMatchObject(expected);
  });
});
