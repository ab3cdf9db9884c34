import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_A, http } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

const KEY = 'k3y-for-tests_0123';
const TOKEN = 'admin-token-for-tests';
const auth = { authorization: `Bearer ${TOKEN}` };

let sim: Simulator;
let app: RunningApp;
let channelId: string;

const keyed = (path: string) => `${app.url}/k/${KEY}${path}`;
const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

beforeAll(async () => {
  sim = await startTestSimulator();
  app = await startApp({ engineUrl: sim.url, accessKey: KEY, adminToken: TOKEN });
  const created = await http.post(`${app.url}/api/channels`, { json: { name: 'News', contentId: CONTENT_A, group: 'News' }, headers: auth });
  expect(created.statusCode).toBe(201);
  channelId = (JSON.parse(created.body) as { id: string }).id;
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

describe('ACCESS_KEY: playlist, guide, stream, add-on and tuner URLs need the key as their first path segment', () => {
  const protectedPaths = () => [
    '/playlist.m3u', '/playlist.m3u?format=hls', '/PLAYLIST.M3U', '/playlist.m3u/', '//playlist.m3u', '/epg.xml', '/epg.xml.gz',
    `/play/${channelId}.ts`, `/play/${channelId}.m3u8`, `/hls/abc/0/${'a'.repeat(20)}.ts`,
    `/ace/getstream?id=${CONTENT_A}`, `/ace/manifest.m3u8?id=${CONTENT_A}`,
    '/api/streams/hls/abc/manifest.m3u8', '/API/Streams/HLS/abc/manifest.m3u8', '/api//streams/hls/abc/manifest.m3u8',
    '/api/streams/%68ls/abc/manifest.m3u8', `/api/streams/proxy/c/${CONTENT_A}/1.ts`,
    '/manifest.json', '/catalog/tv/acehub-all.json', `/meta/tv/acehub:${channelId}.json`, `/stream/tv/acehub:${channelId}.json`,
    '/discover.json', '/lineup.json', '/lineup_status.json', '/device.xml', '/some/route/added/later',
  ];

  it('answers 404 NOT_FOUND without the key, and with a wrong one', async () => {
    for (const path of protectedPaths()) {
      for (const url of [`${app.url}${path}`, `${app.url}/k/wrong-key-0000${path}`, `${app.url}/k/${KEY.slice(0, -1)}${path}`, `${app.url}/k/${KEY}x${path}`]) {
        const res = await http(url);
        expect([url, res.statusCode]).toEqual([url, 404]);
        expect(errorCode(res.body)).toBe('NOT_FOUND');
      }
    }
    expect((await http.post(`${app.url}/lineup.post?scan=start`)).statusCode).toBe(404);
    expect(sim.counters().startsByContent).toEqual({});
  });

  it('serves them under /k/<key>/, and every link written carries the key', async () => {
    const playlist = await http(keyed('/playlist.m3u'));
    expect(playlist.statusCode).toBe(200);
    expect(playlist.body).toContain(`x-tvg-url="${keyed('/epg.xml')}"`);
    expect(playlist.body).toContain(keyed(`/play/${channelId}.ts`));
    expect((await http(keyed('/playlist.m3u?format=hls'))).body).toContain(keyed(`/play/${channelId}.m3u8`));
    expect((await http(keyed('/epg.xml'))).statusCode).toBe(200);
    expect((await http(keyed('/epg.xml.gz'))).statusCode).toBe(200);

    const discover = JSON.parse((await http(keyed('/discover.json'))).body) as { BaseURL: string; LineupURL: string };
    expect(discover).toMatchObject({ BaseURL: `${app.url}/k/${KEY}`, LineupURL: keyed('/lineup.json') });
    const lineup = JSON.parse((await http(discover.LineupURL)).body) as { URL: string }[];
    expect(lineup.map((l) => l.URL)).toEqual([keyed(`/play/${channelId}.ts`)]);
    expect((await http(keyed('/device.xml'))).body).toContain(`<URLBase>${app.url}/k/${KEY}</URLBase>`);
    expect((await http.post(keyed('/lineup.post?scan=start'))).statusCode).toBe(200);
    expect((await http(keyed('/lineup_status.json'))).statusCode).toBe(200);

    expect((await http(keyed('/manifest.json'))).statusCode).toBe(200);
    expect((await http(keyed('/catalog/tv/acehub-all.json'))).statusCode).toBe(200);
    const streams = JSON.parse((await http(keyed(`/stream/tv/acehub:${channelId}.json`))).body) as { streams: { url: string }[] };
    expect(streams.streams.map((s) => s.url).sort()).toEqual([keyed(`/play/${channelId}.m3u8`), keyed(`/play/${channelId}.ts`)]);
  });

  it('plays a channel as MPEG-TS under the key; a tuner HEAD probe starts nothing', async () => {
    const head = await http.head(keyed(`/play/${channelId}.ts`));
    expect([head.statusCode, head.headers['content-type']]).toEqual([200, 'video/mp2t']);
    expect(sim.counters().startsByContent).toEqual({});
    const ts = http.stream(keyed(`/play/${channelId}.ts`));
    const first = await new Promise<Buffer>((resolve, reject) => ts.once('data', resolve).once('error', reject));
    ts.destroy();
    expect(first[0]).toBe(0x47);
  });

  // Needs respond.ts to write `${deps.linkPrefix}${linkPrefixOf(ctx)}` (the lead's file).
  it('an HLS playlist under the key links its segments under the key, and they play', async () => {
    const playlist = await http(keyed(`/play/${channelId}.m3u8`));
    expect(playlist.statusCode).toBe(200);
    const uris = playlist.body.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri.startsWith(`/k/${KEY}/hls/`)).toBe(true);
    const segment = await http(`${app.url}${uris[0]}`, { responseType: 'buffer' });
    expect([segment.statusCode, segment.body[0]]).toEqual([200, 0x47]);
    expect((await http(`${app.url}${uris[0]!.replace(`/k/${KEY}`, '')}`)).statusCode).toBe(404);
  });

  it('leaves the web UI and the API reads open; API links carry the key only when the request did', async () => {
    const home = await http(`${app.url}/`, { headers: { accept: 'text/html' } });
    expect(home.statusCode).toBe(200);
    const open = JSON.parse((await http(`${app.url}/api/channels`)).body) as { streams: { ts: string } }[];
    expect(open[0]!.streams.ts).toBe(`${app.url}/play/${channelId}.ts`);
    const viaKey = JSON.parse((await http(keyed('/api/channels'))).body) as { streams: { ts: string } }[];
    expect(viaKey[0]!.streams.ts).toBe(keyed(`/play/${channelId}.ts`));
    const health = JSON.parse((await http(`${app.url}/api/health`)).body) as { auth: unknown };
    expect(health.auth).toEqual({ adminToken: true, accessKey: true });
    expect((await http(keyed('/'), { headers: { accept: 'text/html' } })).statusCode).toBe(200);
  });
});

describe('ADMIN_TOKEN: every API write needs Authorization: Bearer <token>', () => {
  it.each([
    ['POST', '/api/channels', { name: 'X', contentId: 'c'.repeat(40) }],
    ['PATCH', '/api/channels/ID', { name: 'Renamed' }],
    ['DELETE', '/api/channels/ID', undefined],
    ['POST', '/API/Channels', { name: 'X', contentId: 'c'.repeat(40) }],
    ['POST', '/api/channels/import', { url: 'http://example.com/list.m3u' }],
    ['POST', '/api/epg/sources', { url: 'http://example.com/guide.xml' }],
    ['POST', '/api/playlists/sources', { url: 'http://example.com/list.m3u' }],
    ['POST', `/api/streams/start/${CONTENT_A}`, undefined],
    ['DELETE', '/api/sessions/abc', undefined],
    ['POST', '/api/auth/check', undefined],
  ])('%s %s answers 401 without it or with a wrong one, and changes nothing', async (method, rawPath, json) => {
    const path = rawPath.replace('ID', channelId);
    const starts = sim.counters().startsByContent;
    for (const headers of [{}, { authorization: 'Bearer wrong-token-000' }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }]) {
      const res = await http(`${app.url}${path}`, { method: method as 'POST', json, headers });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res.body)).toBe('UNAUTHORIZED');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      // The access key is no admin token.
      const viaKey = await http(keyed(path), { method: method as 'POST', json, headers });
      expect(viaKey.statusCode).toBe(401);
    }
    const channels = JSON.parse((await http(`${app.url}/api/channels`)).body) as { name: string }[];
    expect(channels.map((c) => c.name)).toEqual(['News']);
    expect(sim.counters().startsByContent).toEqual(starts);
  });

  it('accepts the right token', async () => {
    expect((await http.post(`${app.url}/api/auth/check`, { headers: auth })).statusCode).toBe(200);
    const patched = await http.patch(`${app.url}/api/channels/${channelId}`, { json: { group: 'Sports' }, headers: auth });
    expect([patched.statusCode, JSON.parse(patched.body).group]).toEqual([200, 'Sports']);
    const created = await http.post(keyed('/api/channels'), { json: { name: 'Second', contentId: 'd'.repeat(40) }, headers: { authorization: `bearer ${TOKEN}` } });
    expect(created.statusCode).toBe(201);
    expect((await http.delete(`${app.url}/api/channels/${JSON.parse(created.body).id}`, { headers: auth })).statusCode).toBe(204);
  });

  it('keeps reads open', async () => {
    for (const path of ['/api/channels', `/api/channels/${channelId}`, '/api/sessions', '/api/epg/sources', '/api/playlists/sources', '/api/health']) {
      expect([path, (await http(`${app.url}${path}`)).statusCode]).toEqual([path, 200]);
    }
  });
});

describe('without ADMIN_TOKEN and ACCESS_KEY everything stays open', () => {
  it('writes need no token, links carry no key, /k/… is just an unknown path', async () => {
    const plain = await startApp({ engineUrl: sim.url });
    try {
      expect((await http.post(`${plain.url}/api/channels`, { json: { name: 'Open', contentId: CONTENT_A } })).statusCode).toBe(201);
      expect((await http(`${plain.url}/playlist.m3u`)).body).toContain(`${plain.url}/play/`);
      expect((await http(`${plain.url}/k/${KEY}/playlist.m3u`)).statusCode).toBe(404);
      expect(JSON.parse((await http(`${plain.url}/api/health`)).body).auth).toEqual({ adminToken: false, accessKey: false });
    } finally {
      await plain.close();
    }
  });
});
