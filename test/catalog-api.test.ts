import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogFeature, StartupError, type Channel } from '../src/catalog/index.js';
import { configWith } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { startCatalog } from './helpers/start-catalog.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const HOSTILE = new URL('./fixtures/hostile.m3u', import.meta.url);

type Catalog = Awaited<ReturnType<typeof startCatalog>>;

let dir: string;
let cat: Catalog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acehub-catalog-'));
  cat = await startCatalog(dir);
});
afterEach(async () => {
  await cat.close();
  await rm(dir, { recursive: true, force: true });
});

const importHostile = async () => cat.call('POST', '/api/channels/import', await readFile(HOSTILE, 'utf8'), 'audio/x-mpegurl');
const comparable = (list: Channel[]) =>
  list.map(({ name, contentId, infohash, group, logo, tvgId, number, enabled }) => ({ name, contentId, infohash, group, logo, tvgId, number, enabled }));

describe('channel API', () => {
  it('creates a channel from any source form and shows absolute, query-free stream URLs', async () => {
    const res = await cat.call('POST', '/api/channels', { name: '  Sport  1 ', url: `http://e:6878/ace/getstream?infohash=${A.toUpperCase()}`, number: 3 });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Sport 1', contentId: null, infohash: A, number: 3, enabled: true, group: null });
    expect(res.json.id).toMatch(/^[a-z0-9]{8}$/);
    expect(res.json.streams).toEqual({ ts: `${cat.base}/play/${res.json.id}.ts`, hls: `${cat.base}/play/${res.json.id}.m3u8` });
    expect((await cat.call('GET', `/api/channels/${res.json.id}`)).json.name).toBe('Sport 1');
  });

  it('answers every bad field at once and stores nothing', async () => {
    const res = await cat.call('POST', '/api/channels', { name: '', contentId: 'xyz', logo: 'ftp://x', number: 0, tvgId: 'a,b' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION');
    expect(Object.keys(res.json.error.fields).sort()).toEqual(['contentId', 'logo', 'name', 'number', 'tvgId']);
    expect((await cat.call('POST', '/api/channels', { name: 'X' })).json.error.fields).toEqual({ contentId: 'one of contentId, infohash or url is required' });
    expect((await cat.call('POST', '/api/channels', { name: 'X', contentId: A, url: A })).status).toBe(400);
    expect((await cat.call('POST', '/api/channels', '{"name":', 'application/json')).json.error.code).toBe('INVALID_JSON');
    expect((await cat.call('GET', '/api/channels')).json).toEqual([]);
  });

  it('refuses a second channel for the same content id with 409 and the existing id', async () => {
    const first = await cat.call('POST', '/api/channels', { name: 'One', contentId: A });
    const second = await cat.call('POST', '/api/channels', { name: 'Two', url: `acestream://${A}` });
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({ code: 'DUPLICATE_CONTENT', existingId: first.json.id });
    const other = await cat.call('POST', '/api/channels', { name: 'Two', contentId: B });
    expect((await cat.call('PATCH', `/api/channels/${other.json.id}`, { contentId: A })).status).toBe(409);
  });

  it('updates, searches, filters and deletes', async () => {
    const one = (await cat.call('POST', '/api/channels', { name: 'Télé Sport', contentId: A, group: 'Sports' })).json;
    await cat.call('POST', '/api/channels', { name: 'News', contentId: B, group: 'News', number: 1 });
    expect((await cat.call('GET', '/api/channels?q=tele')).json.map((c: Channel) => c.name)).toEqual(['Télé Sport']);
    expect((await cat.call('GET', '/api/channels?group=News')).json.map((c: Channel) => c.name)).toEqual(['News']);
    expect((await cat.call('GET', '/api/channels')).json.map((c: Channel) => c.name)).toEqual(['News', 'Télé Sport']);
    const patched = await cat.call('PATCH', `/api/channels/${one.id}`, { tvgId: 'tele.fr', enabled: false, group: null });
    expect(patched.json).toMatchObject({ tvgId: 'tele.fr', enabled: false, group: null, name: 'Télé Sport' });
    expect(patched.json.updatedAt >= one.updatedAt).toBe(true);
    expect((await cat.call('PATCH', `/api/channels/${one.id}`, { number: 'x' })).json.error.fields).toEqual({ number: 'must be a whole number from 1 to 99999' });
    expect((await cat.call('DELETE', `/api/channels/${one.id}`)).status).toBe(204);
    expect((await cat.call('GET', `/api/channels/${one.id}`)).status).toBe(404);
    expect((await cat.call('PATCH', '/api/channels/nope', { name: 'x' })).status).toBe(404);
  });
});

describe('M3U import', () => {
  it('reads a hostile playlist with exact counts and editor line numbers', async () => {
    const res = await importHostile();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      added: 5,
      updated: 0,
      skipped: [
        { line: 10, reason: 'duplicate of line 3' },
        { line: 12, reason: 'not an Ace Stream source' },
        { line: 14, reason: 'malformed content id "12345" (expected 40 hex characters)' },
        { line: 15, reason: 'not an Ace Stream source' },
        { line: 19, reason: '#EXTINF without a URL' },
      ],
    });
    const list = (await cat.call('GET', '/api/channels')).json as Channel[];
    expect(comparable(list)).toEqual([
      { name: 'Sport 1, "The Best" ⚽', contentId: A, infohash: null, group: 'Sports, Live', logo: 'http://logos.example/s1.png', tvgId: 'sport1.es', number: 1, enabled: true },
      // Channels without tvg-chno are numbered after the highest, in file order.
      { name: 'News 24 🇬🇧', contentId: B, infohash: null, group: 'News', logo: null, tvgId: null, number: 2, enabled: true },
      { name: 'Infohash Channel', contentId: null, infohash: A, group: null, logo: null, tvgId: null, number: 3, enabled: true },
      { name: 'Movie "Night"', contentId: 'c'.repeat(40), infohash: null, group: 'Movies', logo: null, tvgId: null, number: 4, enabled: true },
      { name: 'Tagged', contentId: 'd'.repeat(40), infohash: null, group: null, logo: null, tvgId: null, number: 5, enabled: true },
    ]);
  });

  it('updates in place on a second import and never duplicates', async () => {
    await importHostile();
    const before = (await cat.call('GET', '/api/channels')).json as Channel[];
    const again = await importHostile();
    expect(again.json).toMatchObject({ added: 0, updated: 5 });
    const after = (await cat.call('GET', '/api/channels')).json as Channel[];
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
  });

  it('changes nothing when the import fails', async () => {
    await cat.call('POST', '/api/channels', { name: 'Keep', contentId: A });
    const cases = [
      [await cat.call('POST', '/api/channels/import', { url: 'http://127.0.0.1:1/list.m3u' }), 502, 'SOURCE_FETCH_FAILED'],
      [await cat.call('POST', '/api/channels/import', { url: 'file:///etc/passwd' }), 400, 'INVALID_URL'],
      [await cat.call('POST', '/api/channels/import', 'hello world', 'text/plain'), 400, 'INVALID_PLAYLIST'],
      [await cat.call('POST', '/api/channels/import', '<html/>', 'text/html'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ] as const;
    for (const [res, status, code] of cases) {
      expect([res.status, res.json.error.code]).toEqual([status, code]);
    }
    expect(comparable((await cat.call('GET', '/api/channels')).json)).toHaveLength(1);
  });
});

describe('M3U export', () => {
  it('serves the playlist with the guide header, Kodi hints and absolute URLs, ordered by number then name', async () => {
    await importHostile();
    const list = (await cat.call('GET', '/api/channels')).json as Channel[];
    await cat.call('PATCH', `/api/channels/${list.find((c) => c.name === 'Tagged')!.id}`, { enabled: false });
    const res = await cat.call('GET', '/playlist.m3u');
    expect(res.headers.get('content-type')).toBe('audio/x-mpegurl; charset=utf-8');
    const lines = res.text.split('\n');
    expect(lines[0]).toBe(`#EXTM3U x-tvg-url="${cat.base}/epg.xml" url-tvg="${cat.base}/epg.xml"`);
    const sport = list.find((c) => c.number === 1)!;
    expect(lines.slice(1, 4)).toEqual([
      `#EXTINF:-1 tvg-id="sport1.es" tvg-name="Sport 1 The Best ⚽" tvg-logo="http://logos.example/s1.png" tvg-chno="1" group-title="Sports Live" x-ace-content-id="${A}",Sport 1 "The Best" ⚽`,
      '#KODIPROP:mimetype=video/mp2t',
      `${cat.base}/play/${sport.id}.ts`,
    ]);
    expect(lines.filter((l) => l.startsWith('#EXTINF')).map((l) => l.split(',').pop())).toEqual(['Sport 1 "The Best" ⚽', 'News 24 🇬🇧', 'Infohash Channel', 'Movie "Night"']);
    const movie = list.find((c) => c.name === 'Movie "Night"')!;
    expect(res.text).toContain(`tvg-id="${movie.id}.acehub"`);

    const hls = await cat.call('GET', '/playlist.m3u?format=hls&group=News');
    expect(hls.text.trim().split('\n').slice(2)).toEqual(['#KODIPROP:mimetype=application/vnd.apple.mpegurl', `${cat.base}/play/${list.find((c) => c.group === 'News')!.id}.m3u8`]);
    const head = await cat.call('HEAD', '/playlist.m3u');
    expect([head.status, head.headers.get('content-type'), head.text]).toEqual([200, 'audio/x-mpegurl; charset=utf-8', '']);
  });

  it('shows every change at the next fetch, though each rendered list is reused until then', async () => {
    const created = (await cat.call('POST', '/api/channels', { name: 'First', contentId: A })).json as Channel;
    const first = (await cat.call('GET', '/playlist.m3u')).text;
    expect((await cat.call('GET', '/playlist.m3u')).text).toBe(first);
    await cat.call('PATCH', `/api/channels/${created.id}`, { name: 'Renamed' });
    expect((await cat.call('GET', '/playlist.m3u')).text).toContain(',Renamed\n');
    await cat.call('DELETE', `/api/channels/${created.id}`);
    expect((await cat.call('GET', '/playlist.m3u')).text).not.toContain('#EXTINF');
  });

  it('round-trips: export → import into an empty catalog → the same channels', async () => {
    const input = [
      { name: 'Movie "Night" 🎬', contentId: A, group: 'Movies', logo: 'https://l.example/m.png?a=1&b=2', number: 5, tvgId: 'movie.uk' },
      { name: 'Plain', infohash: B },
      { name: 'Ünïcode Group', contentId: 'c'.repeat(40), group: 'Ñews' },
    ];
    for (const body of input) expect((await cat.call('POST', '/api/channels', body)).status).toBe(201);
    const exported = (await cat.call('GET', '/playlist.m3u')).text;
    const original = comparable((await cat.call('GET', '/api/channels')).json);

    const otherDir = await mkdtemp(join(tmpdir(), 'acehub-catalog-'));
    const other = await startCatalog(otherDir);
    try {
      expect((await other.call('POST', '/api/channels/import', exported, 'audio/x-mpegurl')).json).toEqual({ added: 3, updated: 0, skipped: [] });
      expect(comparable((await other.call('GET', '/api/channels')).json)).toEqual(original);
    } finally {
      await other.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});

describe('catalog store', () => {
  it('keeps the catalog across a restart', async () => {
    await importHostile();
    const stored = async () => ((await cat.call('GET', '/api/channels')).json as (Channel & { streams: unknown })[]).map(({ streams: _s, ...c }) => c);
    const before = await stored();
    await cat.close();
    cat = await startCatalog(dir);
    expect(await stored()).toEqual(before);
    expect(JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it.each([
    ['a corrupt file', '{"schemaVersion": 1, "channels": [', /is not valid JSON/],
    ['an unknown schema version', '{"schemaVersion": 99, "channels": [], "playlistSources": [], "epgSources": []}', /schemaVersion 99 is newer/],
    ['something else entirely', '[1, 2, 3]', /not an acehub catalog/],
  ])('refuses to start on %s and leaves it byte-identical', async (_name, content, message) => {
    const badDir = await mkdtemp(join(tmpdir(), 'acehub-catalog-'));
    const file = join(badDir, 'db.json');
    await writeFile(file, content);
    const attempt = createCatalogFeature({ config: configWith({ dataDir: badDir }), log: silentLogger() });
    await expect(attempt).rejects.toBeInstanceOf(StartupError);
    await expect(attempt).rejects.toThrow(file);
    await expect(attempt).rejects.toThrow(message);
    expect(await readFile(file, 'utf8')).toBe(content);
    await rm(badDir, { recursive: true, force: true });
  });
});
