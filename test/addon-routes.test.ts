import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoPesStarts } from '../addon/test-support.js';
import { packageRoot } from '../src/package-root.js';
import { CONTENT_A, CONTENT_B, http, readBytes } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

let sim: Simulator;
let app: RunningApp;
let news: { id: string };
let sport: { id: string };
const version = (JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string }).version;

async function json<T = Record<string, unknown>>(path: string, headers: Record<string, string> = {}) {
  const res = await http(app.url + path, { headers });
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) as T };
}

async function addChannel(fields: Record<string, unknown>): Promise<{ id: string }> {
  const res = await http.post(`${app.url}/api/channels`, { json: fields });
  expect(res.statusCode).toBe(201);
  return JSON.parse(res.body) as { id: string };
}


beforeAll(async () => {
  sim = await startTestSimulator();
  app = await startApp({ engineUrl: sim.url });
  news = await addChannel({ name: 'News One', contentId: CONTENT_A, group: 'News', number: 5, logo: 'http://logos.example/news.png' });
  sport = await addChannel({ name: 'Sport Two', contentId: CONTENT_B, group: 'Sport' });
  await addChannel({ name: 'Hidden', contentId: 'c'.repeat(40), group: 'Hidden', enabled: false });
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

describe('Stremio finds the add-on by its manifest', () => {
  it("serves manifest.json with package.json's version and a catalog per enabled group plus All", async () => {
    const { status, body } = await json<{ version: string; catalogs: { id: string; name: string; type: string; extra: unknown[] }[] } & Record<string, unknown>>('/manifest.json');
    expect(status).toBe(200);
    expect(body).toMatchObject({ version, resources: ['catalog', 'meta', 'stream'], types: ['tv'], idPrefixes: ['acehub:'], behaviorHints: { p2p: true } });
    expect(body.catalogs.map((c) => c.name)).toEqual(['All channels', 'News', 'Sport']);
    for (const c of body.catalogs) expect(c).toMatchObject({ type: 'tv', extra: expect.arrayContaining([{ name: 'search', isRequired: false }]) });
  });

  it.each(['/manifest.json', '/catalog/tv/acehub-all.json', '/meta/tv/acehub:nope.json', '/stream/tv/acehub:nope.json'])(
    'allows every origin on %s, with or without an Origin header',
    async (path) => {
      for (const headers of [{}, { origin: 'https://web.stremio.com' }]) {
        const res = await http(app.url + path, { headers });
        expect(res.headers['access-control-allow-origin']).toBe('*');
      }
    },
  );
});

describe('catalogs list the enabled channels', () => {
  it('"All" has every enabled channel as a tv meta', async () => {
    const { body } = await json<{ metas: Record<string, unknown>[] }>('/catalog/tv/acehub-all.json');
    expect(body.metas).toEqual([
      expect.objectContaining({ id: `acehub:${news.id}`, type: 'tv', name: 'News One', poster: 'http://logos.example/news.png', posterShape: 'square', genres: ['News'] }),
      expect.objectContaining({ id: `acehub:${sport.id}`, type: 'tv', name: 'Sport Two' }),
    ]);
  });

  it('a group catalog has that group only, and search narrows it', async () => {
    const { body: manifest } = await json<{ catalogs: { id: string; name: string }[] }>('/manifest.json');
    const sportCatalog = manifest.catalogs.find((c) => c.name === 'Sport')!.id;
    expect((await json<{ metas: { name: string }[] }>(`/catalog/tv/${sportCatalog}.json`)).body.metas.map((m) => m.name)).toEqual(['Sport Two']);
    expect((await json<{ metas: { name: string }[] }>('/catalog/tv/acehub-all/search=sport.json')).body.metas.map((m) => m.name)).toEqual(['Sport Two']);
    expect((await json<{ metas: unknown[] }>(`/catalog/tv/${sportCatalog}/search=news.json`)).body.metas).toEqual([]);
  });

  it('an unknown catalog or type is a 404', async () => {
    expect((await http(`${app.url}/catalog/tv/acehub-g-nothing-00000000.json`)).statusCode).toBe(404);
    expect((await http(`${app.url}/catalog/movie/acehub-all.json`)).statusCode).toBe(404);
  });
});

describe('meta and stream', () => {
  it('meta describes the channel; disabled and foreign ids are 404', async () => {
    const { status, body } = await json<{ meta: Record<string, unknown> }>(`/meta/tv/${encodeURIComponent(`acehub:${news.id}`)}.json`);
    expect(status).toBe(200);
    expect(body.meta).toMatchObject({ id: `acehub:${news.id}`, type: 'tv', name: 'News One', background: 'http://logos.example/news.png' });
    expect((await http(`${app.url}/meta/tv/tt0111161.json`)).statusCode).toBe(404);
  });

  it('stream offers our lazy HLS and TS URLs, not web ready, and starts nothing by itself', async () => {
    const { body } = await json<{ streams: { url: string; behaviorHints: Record<string, unknown> }[] }>(`/stream/tv/acehub:${sport.id}.json`);
    expect(body.streams.map((s) => s.url)).toEqual([`${app.url}/play/${sport.id}.m3u8`, `${app.url}/play/${sport.id}.ts`]);
    for (const s of body.streams) expect(s.behaviorHints).toEqual({ notWebReady: true });
    expect(sim.counters().starts).toBe(0);
  });

  it('the TS URL from the add-on plays MPEG-TS with video through the engine', async () => {
    const { body } = await json<{ streams: { url: string }[] }>(`/stream/tv/acehub:${news.id}.json`);
    const bytes = await readBytes(body.streams[1]!.url, 188 * 400);
    expect(bytes[0]).toBe(0x47);
    expect(videoPesStarts(bytes)).toBeGreaterThan(0);
  });

  it('the HLS URL from the add-on gives a playlist whose segments are MPEG-TS with video', async () => {
    const { body } = await json<{ streams: { url: string }[] }>(`/stream/tv/acehub:${sport.id}.json`);
    const playlist = await http(body.streams[0]!.url);
    expect(playlist.statusCode).toBe(200);
    expect(playlist.headers['content-type']).toContain('application/vnd.apple.mpegurl');
    const segment = playlist.body.split('\n').find((l) => l && !l.startsWith('#'))!;
    const res = await http(new URL(segment, body.streams[0]!.url).href, { responseType: 'buffer' });
    expect(res.statusCode).toBe(200);
    expect(videoPesStarts(res.body)).toBeGreaterThan(0);
  });
});
