import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_A, CONTENT_B, http, sleep, waitFor, readBytes } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

let sim: Simulator;
let app: RunningApp;

beforeEach(async () => {
  sim = await startTestSimulator({ prebufferMs: 500 });
  app = await startApp({ engineUrl: sim.url, idleTimeoutS: 1.5 });
});

afterEach(async () => {
  await app.close();
  await sim.close();
});

const manifest = (id = CONTENT_A) => http(`${app.url}/ace/manifest.m3u8?id=${id}`);
const segmentUris = (body: string) => body.split('\n').filter((l) => l.startsWith('/hls/'));


describe('clients of one channel share one engine session', () => {
  it('20 concurrent first requests make one engine start', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => manifest()));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect(sim.counters().starts).toBe(1);
    expect(new Set(answers.map((a) => segmentUris(a.body)[0])).size).toBe(1);
  });

  it('HLS and MPEG-TS clients of the same content still make one start', async () => {
    const [playlist, ts] = await Promise.all([manifest(), readBytes(`${app.url}/ace/getstream?content_id=${CONTENT_A}`, 188 * 100)]);
    expect(playlist.statusCode).toBe(200);
    expect(ts[0]).toBe(0x47);
    expect(sim.counters().starts).toBe(1);
    const sessions = JSON.parse((await http(`${app.url}/api/sessions`)).body) as unknown[];
    expect(sessions).toHaveLength(1);
  });

  it('each segment is fetched from the engine once however many clients ask', async () => {
    const { body } = await manifest();
    const uris = segmentUris(body);
    const before = sim.counters().segmentRequests;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => Promise.all(uris.map((u) => http(app.url + u, { responseType: 'buffer' })))),
    );
    for (const perClient of answers) {
      for (const res of perClient) {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('video/mp2t');
        // Cache hits are answered before Koa: the same headers as every other route.
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
        expect(res.body[0]).toBe(0x47);
      }
    }
    expect(sim.counters().segmentRequests - before).toBe(uris.length);
  });

  it('different contents get their own sessions', async () => {
    await Promise.all([manifest(CONTENT_A), manifest(CONTENT_B)]);
    expect(sim.counters().starts).toBe(2);
  });
});

describe('an unwatched session is stopped after the grace period', () => {
  it('the last client leaving stops the engine session once, after the grace period and not before', async () => {
    await manifest();
    await sleep(700);
    expect(sim.counters().stops).toBe(0);
    await waitFor(() => sim.counters().stops === 1, 'engine stop after the grace period', 6000);
    await sleep(1500);
    expect(sim.counters()).toMatchObject({ stops: 1, starts: 1 });
    expect(JSON.parse((await http(`${app.url}/api/sessions`)).body)).toEqual([]);
  });

  it('a client coming back within the grace period reuses the session', async () => {
    await manifest();
    await sleep(1000);
    await manifest();
    await sleep(1000);
    await manifest();
    expect(sim.counters()).toMatchObject({ starts: 1, stops: 0 });
  });

  it('an open MPEG-TS connection keeps the session alive past the grace period', async () => {
    const data = await readBytes(`${app.url}/ace/getstream?id=${CONTENT_A}`, 188 * 10);
    expect(data.length).toBeGreaterThan(0);
    const stream = http.stream(`${app.url}/ace/getstream?id=${CONTENT_A}`);
    let received = 0;
    stream.on('data', (c: Buffer) => (received += c.length));
    await sleep(2500);
    expect(sim.counters().stops).toBe(0);
    stream.destroy();
    await waitFor(() => sim.counters().stops === 1, 'stop after the TS client left', 6000);
    expect(received).toBeGreaterThan(0);
  });
});

describe('the rewritten playlist is ours', () => {
  it('never contains the engine address and keeps the live window', async () => {
    const { body, headers } = await manifest();
    expect(headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(headers['cache-control']).toMatch(/no-cache/);
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(body).not.toContain(new URL(sim.url).host);
    expect(body).not.toMatch(/127\.0\.0\.1|localhost|6878/);
    expect(body).toMatch(/^#EXTM3U\n/);
    expect(segmentUris(body).length).toBeGreaterThan(0);
  });

  it('answers HEAD without starting the engine (media servers probe every channel)', async () => {
    const ts = await http.head(`${app.url}/ace/getstream?id=${CONTENT_A}`);
    const hls = await http.head(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`);
    expect([ts.statusCode, ts.headers['content-type']]).toEqual([200, 'video/mp2t']);
    expect([hls.statusCode, hls.headers['content-type']]).toEqual([200, 'application/vnd.apple.mpegurl']);
    expect(sim.counters().starts).toBe(0);
  });

  it('refuses segment tokens that point anywhere but this session', async () => {
    const { body } = await manifest();
    const [, , sessionId, generation] = segmentUris(body)[0]!.split('/');
    const evil = Buffer.from(`/ace/getstream?infohash=${CONTENT_B}`).toString('base64url');
    const other = Buffer.from(`/ace/c/${CONTENT_B}/0.ts`).toString('base64url');
    for (const token of [evil, other, '..%2F..%2Fetc', 'x'.repeat(500)]) {
      const res = await http(`${app.url}/hls/${sessionId}/${generation}/${token}.ts`);
      expect(res.statusCode).toBe(400);
    }
    expect(sim.counters().starts).toBe(1);
  });
});

describe('a slow MPEG-TS client never slows the others', () => {
  it('a client that stops reading is dropped while a fast one keeps receiving', async () => {
    await app.close();
    await sim.close();
    // Twenty times real time, so the slow client's backlog (kernel buffers included) fills in seconds.
    sim = await startTestSimulator({ prebufferMs: 200, speed: 20 });
    // The bound must exceed one segment (about 150 kB here): a joining client gets a whole segment at once.
    app = await startApp({ engineUrl: sim.url }, { tsBacklogBytes: 1024 * 1024 });
    const slow = connect(Number(new URL(app.url).port), '127.0.0.1', () =>
      slow.write(`GET /ace/getstream?id=${CONTENT_A} HTTP/1.1\r\nHost: test\r\n\r\n`),
    );
    slow.once('data', () => slow.pause());
    slow.on('error', () => {});
    const tsClients = async () => {
      const [session] = JSON.parse((await http(`${app.url}/api/sessions`)).body) as Array<{ tsClients: number }>;
      return session?.tsClients ?? 0;
    };
    await waitFor(async () => (await tsClients()) === 1, 'the slow client to join');
    const fast = http.stream(`${app.url}/ace/getstream?id=${CONTENT_A}`);
    let fastBytes = 0;
    fast.on('data', (c: Buffer) => (fastBytes += c.length));
    await waitFor(async () => (await tsClients()) === 2, 'the fast client to join');
    await waitFor(async () => (await tsClients()) === 1, 'the slow client to be dropped', 25_000);
    const atDrop = fastBytes;
    await waitFor(() => fastBytes > atDrop + 150_000, 'the fast client to keep receiving', 10_000);
    fast.destroy();
    slow.destroy();
    expect(sim.counters().starts).toBe(1);
  });
});

describe('numbering never goes backwards for a content', () => {
  it('a session started after the previous one idled out continues the sequence numbers', async () => {
    const sequence = (body: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(body)![1]);
    const first = await manifest();
    const lastBefore = sequence(first.body) + segmentUris(first.body).length - 1;
    await waitFor(() => sim.counters().stops === 1, 'the idle stop');
    const second = await manifest();
    expect(sim.counters().starts).toBe(2);
    expect(sequence(second.body)).toBeGreaterThan(lastBefore);
    expect(second.body).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1\n');
  });
});
