import { afterEach, describe, expect, it } from 'vitest';
import { infohashOf } from '../src/engine/simulator/simulator.js';
import { CONTENT_A, CONTENT_B, http, sleep, waitFor } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

let sim: Simulator | undefined;
let app: RunningApp | undefined;

afterEach(async () => {
  await app?.close();
  await sim?.close();
  app = undefined;
  sim = undefined;
});

const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

describe('bad input is refused before the engine is asked', () => {
  it.each([
    ['/ace/manifest.m3u8?id=xyz'],
    ['/ace/getstream?id=123'],
    ['/ace/getstream'],
    [`/ace/manifest.m3u8?infohash=${'g'.repeat(40)}`],
    ['/api/streams/start/not-an-id'],
  ])('%s → 400 INVALID_CONTENT_ID', async (path) => {
    sim = await startTestSimulator();
    app = await startApp({ engineUrl: sim.url });
    const res = await http(app.url + path, { method: path.includes('/start/') ? 'POST' : 'GET' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res.body).code).toBe('INVALID_CONTENT_ID');
    expect(sim.counters().starts).toBe(0);
  });
});

describe('when the engine fails, clients get a clear answer in time', () => {
  it('a dead content id → 404 CONTENT_NOT_FOUND, and other channels keep working', async () => {
    sim = await startTestSimulator({ deadContentIds: [CONTENT_B] });
    app = await startApp({ engineUrl: sim.url });
    const [dead, alive] = await Promise.all([
      http(`${app.url}/ace/getstream?id=${CONTENT_B}`),
      http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`),
    ]);
    expect(dead.statusCode).toBe(404);
    expect(errorOf(dead.body).code).toBe('CONTENT_NOT_FOUND');
    expect(alive.statusCode).toBe(200);
  });

  it('an infohash passed as a content id fails cleanly; as an infohash it plays', async () => {
    sim = await startTestSimulator();
    app = await startApp({ engineUrl: sim.url });
    await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`);
    const infohash = infohashOf(CONTENT_A);
    const asId = await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_B.slice(0, 2)}${infohash.slice(2)}`);
    expect([200, 404]).toContain(asId.statusCode);
    const asInfohash = await http(`${app.url}/ace/manifest.m3u8?infohash=${infohash}`);
    expect(asInfohash.statusCode).toBe(200);
    // Same engine stream as the content id's session: shared, not a second start.
    expect(sim.counters().startsByContent[infohash]).toBe(1);
  });

  it('engine down → 503 ENGINE_UNAVAILABLE and /api/health says so; back up → plays again', async () => {
    sim = await startTestSimulator();
    app = await startApp({ engineUrl: sim.url });
    await sim.down();
    const res = await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`);
    expect(res.statusCode).toBe(503);
    expect(errorOf(res.body).code).toBe('ENGINE_UNAVAILABLE');
    const health = await http(`${app.url}/api/health`);
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ engine: { reachable: false, url: sim.url } });
    await sim.up();
    expect(JSON.parse((await http(`${app.url}/api/health`)).body)).toMatchObject({ status: 'ok', engine: { reachable: true, version: '3.2.3' } });
    expect((await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`)).statusCode).toBe(200);
  });

  it('prebuffering longer than the start budget → 504 ENGINE_TIMEOUT within the budget, and the engine session is stopped', async () => {
    sim = await startTestSimulator({ prebufferMs: 10_000 });
    app = await startApp({ engineUrl: sim.url, engineStartTimeoutS: 1.5 });
    const started = Date.now();
    const res = await http(`${app.url}/ace/getstream?id=${CONTENT_A}`);
    const elapsed = Date.now() - started;
    expect(res.statusCode).toBe(504);
    expect(errorOf(res.body).code).toBe('ENGINE_TIMEOUT');
    expect(elapsed).toBeLessThan(8000);
    await waitFor(() => sim!.counters().stops === 1, 'the abandoned engine session is stopped');
  });

  it('MAX_STREAMS reached → 503 ALL_TUNERS_BUSY, the running channel undisturbed', async () => {
    sim = await startTestSimulator();
    app = await startApp({ engineUrl: sim.url, maxStreams: 1 });
    expect((await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`)).statusCode).toBe(200);
    const busy = await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_B}`);
    expect(busy.statusCode).toBe(503);
    expect(errorOf(busy.body).code).toBe('ALL_TUNERS_BUSY');
    expect((await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`)).statusCode).toBe(200);
    expect(sim.counters().starts).toBe(1);
  });
});

describe('an engine session that dies under its clients is restarted transparently', () => {
  it.each([
    ['killed by the engine', (s: Simulator, ih: string) => s.killSession(ih)],
    ['taken over by another player', async (s: Simulator, _ih: string) => {
      await http(`${s.url}/ace/manifest.m3u8?id=${CONTENT_A}&format=json&pid=intruder`);
    }],
  ])('%s: HLS clients keep getting playlists and segments, with rising sequence numbers', async (_name, kill) => {
    sim = await startTestSimulator();
    app = await startApp({ engineUrl: sim.url });
    const first = await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`);
    const sequenceBefore = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(first.body)![1]);
    const countBefore = first.body.split('\n').filter((l) => l.startsWith('/hls/')).length;
    await kill(sim, infohashOf(CONTENT_A));
    await sleep(1100); // past our one-second playlist reuse
    const after = await http(`${app.url}/ace/manifest.m3u8?id=${CONTENT_A}`);
    expect(after.statusCode).toBe(200);
    const sequenceAfter = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(after.body)![1]);
    expect(sequenceAfter).toBeGreaterThanOrEqual(sequenceBefore + countBefore);
    expect(after.body).toMatch(/#EXT-X-DISCONTINUITY-SEQUENCE:1/);
    const segment = after.body.split('\n').find((l) => l.startsWith('/hls/'))!;
    const res = await http(app.url + segment, { responseType: 'buffer' });
    expect(res.statusCode).toBe(200);
    expect(res.body[0]).toBe(0x47);
    const sessions = JSON.parse((await http(`${app.url}/api/sessions`)).body) as Array<{ restarts: number }>;
    expect(sessions).toMatchObject([{ restarts: 1 }]);
  });

  it('MPEG-TS clients keep receiving bytes across the restart', async () => {
    sim = await startTestSimulator();
    app = await startApp({ engineUrl: sim.url });
    const stream = http.stream(`${app.url}/ace/getstream?id=${CONTENT_A}`);
    let received = 0;
    stream.on('data', (c: Buffer) => (received += c.length));
    await waitFor(() => received > 0, 'first TS bytes');
    sim.killSession(infohashOf(CONTENT_A));
    const atKill = received;
    await waitFor(() => received > atKill + 100_000, 'TS bytes after the restart', 15_000);
    stream.destroy();
    expect(sim.counters().starts).toBe(2);
  });
});

describe('the seed API', () => {
  it('start → play the hlsUrl → status → stop', async () => {
    sim = await startTestSimulator();
    app = await startApp({ engineUrl: sim.url });
    const start = await http.post(`${app.url}/api/streams/start/${CONTENT_A}`);
    expect(start.statusCode).toBe(200);
    const body = JSON.parse(start.body) as { sessionId: string; contentId: string; hlsUrl: string; statusUrl: string; stopUrl: string };
    expect(body.contentId).toBe(CONTENT_A);
    const playlist = await http(app.url + body.hlsUrl);
    expect(playlist.statusCode).toBe(200);
    expect(playlist.body).toMatch(/#EXTINF/);
    const status = JSON.parse((await http(app.url + body.statusUrl)).body) as Record<string, unknown>;
    expect(status).toMatchObject({ sessionId: body.sessionId, clients: 1 });
    expect(['prebuf', 'dl']).toContain(status.status);
    expect(typeof status.peers).toBe('number');
    const stop = await http.post(app.url + body.stopUrl);
    expect(stop.statusCode).toBe(200);
    expect(sim.counters().stops).toBe(1);
    expect((await http(app.url + body.statusUrl)).statusCode).toBe(404);
  });
});
