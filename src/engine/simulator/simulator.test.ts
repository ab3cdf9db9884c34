import got from 'got';
import { afterEach, describe, expect, it } from 'vitest';
import { infohashOf, startSimulator, type Simulator, type SimulatorOptions } from './simulator.js';

const CONTENT = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const DEAD = 'd'.repeat(40);

let sim: Simulator;
afterEach(() => sim?.close());

async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ prebufferMs: 200, deadContentIds: [DEAD], ...options });
  return sim;
}

interface StartResponse {
  playback_url: string;
  stat_url: string;
  command_url: string;
  infohash: string;
  playback_session_id: string;
}

async function json<T = unknown>(url: string): Promise<T> {
  return (await fetch(url)).json() as Promise<T>;
}

async function startJson(query: string, path = '/ace/manifest.m3u8'): Promise<StartResponse> {
  const body = await json<{ response: StartResponse; error: null }>(`${sim.url}${path}?${query}&format=json`);
  expect(body.error).toBeNull();
  return body.response;
}

describe('starting playback', () => {
  it('answers format=json with session URLs on the host the client used', async () => {
    await start();
    const res = await got(`${sim.url}/ace/manifest.m3u8?id=${CONTENT}&format=json`, {
      headers: { host: `acestream:${sim.port}` },
    }).json<{ response: Record<string, unknown>; error: unknown }>();
    const ih = infohashOf(CONTENT);
    const r = res.response;
    expect(res.error).toBeNull();
    expect(r.playback_url).toMatch(new RegExp(`^http://acestream:${sim.port}/ace/m/${ih}/[0-9a-f]{32}\\.m3u8$`));
    const key = /\/([0-9a-f]{32})\.m3u8$/.exec(r.playback_url as string)![1];
    expect(r).toEqual({
      playback_url: r.playback_url,
      stat_url: `http://acestream:${sim.port}/ace/stat/${ih}/${key}`,
      command_url: `http://acestream:${sim.port}/ace/cmd/${ih}/${key}`,
      infohash: ih,
      playback_session_id: expect.stringMatching(/^[0-9a-f]{40}$/),
      is_live: 1,
      is_encrypted: 0,
      client_session_id: -1,
    });
  });

  it('gives a TS playback URL for getstream', async () => {
    await start();
    const r = await startJson(`content_id=${CONTENT}`, '/ace/getstream');
    expect(r.playback_url).toMatch(new RegExp(`^${sim.url}/ace/r/${infohashOf(CONTENT)}/[0-9a-f]{32}$`));
  });

  it('redirects by default, with a "Redirect to" body', async () => {
    await start();
    const res = await fetch(`${sim.url}/ace/getstream?id=${CONTENT}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${sim.url}/ace/r/${infohashOf(CONTENT)}/[0-9a-f]{32}$`));
    expect(await res.text()).toBe(`Redirect to ${location}`);
  });

  it('starts by infohash, magnet or transport URL too', async () => {
    await start();
    const ih = infohashOf(CONTENT);
    expect((await startJson(`infohash=${ih}`)).infohash).toBe(ih);
    expect((await startJson(`magnet=${encodeURIComponent(`magnet:?xt=urn:btih:${ih}&dn=x`)}`)).infohash).toBe(ih);
    expect((await startJson(`url=${encodeURIComponent('http://example.com/x.acelive')}`)).infohash).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    ['a dead content id', `id=${DEAD}`],
    ['a dead content started by infohash', `infohash=${infohashOf(DEAD)}`],
    ['an id that is not 40 hex', 'id=not-an-id'],
    ['nothing to play', 'pid=1'],
  ])('fails to load %s', async (_name, query) => {
    await start();
    expect(await json(`${sim.url}/ace/getstream?${query}&format=json`)).toEqual({
      response: null,
      error: 'failed to load content',
    });
    const res = await fetch(`${sim.url}/ace/getstream?${query}`, { redirect: 'manual' });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('failed to load content');
  });

  it('refuses an infohash passed as a content id', async () => {
    await start();
    await startJson(`id=${CONTENT}`);
    const body = await json(`${sim.url}/ace/manifest.m3u8?id=${infohashOf(CONTENT)}&format=json`);
    expect(body).toEqual({ response: null, error: 'failed to load content' });
  });
});

describe('one player per content', () => {
  it('makes the earlier session of the same content answer 403 and forget its stat', async () => {
    await start();
    const first = await startJson(`id=${CONTENT}`);
    const second = await startJson(`id=${CONTENT}`);
    const other = await startJson(`id=${OTHER}`);
    expect(second.playback_url).not.toBe(first.playback_url);
    expect(second.playback_session_id).not.toBe(first.playback_session_id);
    expect((await fetch(first.playback_url)).status).toBe(403);
    expect(await json(first.stat_url)).toEqual({ response: null, error: 'unknown playback session id' });
    expect((await fetch(second.playback_url)).status).toBe(200);
    expect((await fetch(other.playback_url)).status).toBe(200);
    expect(sim.sessions().map((s) => s.state)).toEqual(['superseded', 'dl', 'dl']);
  });
});

describe('stopping', () => {
  it('stops once, then knows the session no more; its playlist answers 500', async () => {
    await start();
    const s = await startJson(`id=${CONTENT}`);
    expect(await json(`${s.command_url}?method=stop`)).toEqual({ response: 'ok', error: null });
    expect(await json(`${s.command_url}?method=stop`)).toEqual({ response: null, error: 'unknown playback session id' });
    expect((await fetch(s.playback_url)).status).toBe(500);
    expect(sim.counters()).toMatchObject({ starts: 1, stops: 1, expired: 0, activeSessions: 0 });
  });

  it('lets the engine drop a session by itself', async () => {
    await start();
    const s = await startJson(`id=${CONTENT}`);
    sim.killSession(s.infohash);
    expect((await fetch(s.playback_url)).status).toBe(500);
    expect(await json(s.stat_url)).toEqual({ response: null, error: 'unknown playback session id' });
    expect(sim.sessions()[0]!.state).toBe('stopped');
    expect(sim.counters().stops).toBe(0);
  });
});

describe('stat', () => {
  it('reports prebuf with no peers, then dl with peers and string livepos', async () => {
    await start();
    const s = await startJson(`id=${CONTENT}`);
    const early = await json<{ response: Record<string, unknown> }>(s.stat_url);
    expect(early.response).toMatchObject({ status: 'prebuf', peers: 0, is_live: 1, infohash: s.infohash });
    await fetch(s.playback_url);
    const { response: r } = await json<{ response: Record<string, unknown> & { livepos: Record<string, unknown> } }>(s.stat_url);
    expect(r).toMatchObject({ status: 'dl', total_progress: 0, playback_session_id: s.playback_session_id });
    expect(r.peers).toBeGreaterThanOrEqual(5);
    expect(r.peers).toBeLessThanOrEqual(40);
    expect(Object.keys(r.disk_cache_stats as object).sort()).toEqual(['active_inuse', 'avail', 'disk_cache_limit', 'inactive_inuse']);
    for (const key of ['pos', 'live_first', 'live_last', 'first_ts', 'last_ts', 'buffer_pieces']) {
      expect(r.livepos[key]).toMatch(/^\d+$/);
    }
  });
});

describe('the engine stops sessions nobody reads', () => {
  it('expires an unread session, counting it as expired', async () => {
    await start({ idleExpiryMs: 150 });
    const s = await startJson(`id=${CONTENT}`);
    await expect.poll(() => sim.counters().expired, { timeout: 3000 }).toBe(1);
    expect(sim.counters()).toMatchObject({ stops: 0, activeSessions: 0 });
    expect(await json(s.stat_url)).toEqual({ response: null, error: 'unknown playback session id' });
  });

  it('keeps a session polled by stat, but not one polled with skip_player_activity=1', async () => {
    await start({ idleExpiryMs: 600 });
    const kept = await startJson(`id=${CONTENT}`);
    const skipped = await startJson(`id=${OTHER}`);
    for (let i = 0; i < 16; i++) {
      await fetch(kept.stat_url);
      await fetch(`${skipped.stat_url}?skip_player_activity=1`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sim.sessions().map((s) => s.state)).toEqual(['dl', 'stopped']);
  });
});

describe('counters and control endpoints', () => {
  it('counts starts per infohash and resets', async () => {
    await start();
    await startJson(`id=${CONTENT}`);
    await startJson(`id=${CONTENT}`);
    const s = await startJson(`id=${OTHER}`);
    await fetch(s.stat_url);
    expect(await json(`${sim.url}/sim/counters`)).toMatchObject({
      starts: 3,
      activeSessions: 2,
      statRequests: 1,
      startsByContent: { [infohashOf(CONTENT)]: 2, [infohashOf(OTHER)]: 1 },
    });
    expect((await fetch(`${sim.url}/sim/kill/${s.infohash}`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${sim.url}/sim/reset-counters`, { method: 'POST' })).status).toBe(200);
    expect(sim.counters()).toMatchObject({ starts: 0, statRequests: 0, activeSessions: 1, startsByContent: {} });
  });

  it('answers get_version like engine 3.2.3', async () => {
    await start();
    expect(await json(`${sim.url}/webui/api/service?method=get_version`)).toEqual({
      result: { code: 3020300, platform: 'linux', version: '3.2.3' },
      error: null,
    });
  });

  it('answers 404 to unknown paths and survives bad input', async () => {
    await start();
    for (const path of ['/nope', '/ace/c/xyz/1.ts', '/ace/m/%zz/..', '/ace/r/' + 'a'.repeat(40) + '/k', '/sim/kill/x']) {
      expect((await fetch(`${sim.url}${path}`)).status, path).toBe(404);
    }
    expect(await json(`${sim.url}/ace/stat/${'a'.repeat(40)}/${'0'.repeat(32)}`)).toEqual({ response: null, error: 'unknown playback session id' });
    expect((await fetch(`${sim.url}/webui/api/service?method=get_version`)).status).toBe(200);
  });

  it('goes down and comes back on the same port with its sessions', async () => {
    await start();
    const s = await startJson(`id=${CONTENT}`);
    await sim.down();
    await expect(fetch(s.stat_url)).rejects.toThrow();
    await sim.up();
    expect((await json<{ response: { infohash: string } }>(s.stat_url)).response.infohash).toBe(s.infohash);
  });
});
