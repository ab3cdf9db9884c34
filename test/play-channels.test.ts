import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_A, CONTENT_B, http } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

let sim: Simulator;
let app: RunningApp;
const channel: Record<string, { id: string; streams: { ts: string; hls: string } }> = {};

beforeAll(async () => {
  sim = await startTestSimulator();
  app = await startApp({ engineUrl: sim.url });
  for (const [name, contentId] of [['News', CONTENT_A], ['Sports', CONTENT_B]]) {
    const res = await http.post(`${app.url}/api/channels`, { json: { name, contentId } });
    expect(res.statusCode).toBe(201);
    channel[name!] = JSON.parse(res.body);
  }
});

afterAll(async () => {
  await app.close();
  await sim.close();
});

describe('a catalog channel plays from its own URLs', () => {
  it('carries absolute, query-free stream URLs', () => {
    expect(channel.News!.streams.ts).toBe(`${app.url}/play/${channel.News!.id}.ts`);
    expect(channel.News!.streams.hls).toBe(`${app.url}/play/${channel.News!.id}.m3u8`);
  });

  it('HEAD answers video/mp2t without starting the engine (Jellyfin probes every channel)', async () => {
    const res = await http.head(channel.Sports!.streams.ts);
    expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'video/mp2t']);
    expect(sim.counters().starts).toBe(0);
  });

  it('HLS and TS of a channel and the raw engine route share one engine session', async () => {
    const playlist = await http(channel.News!.streams.hls);
    expect(playlist.statusCode).toBe(200);
    const raw = await http(`${app.url}/ace/manifest.m3u8?content_id=${CONTENT_A}`);
    expect(raw.statusCode).toBe(200);
    const ts = http.stream(channel.News!.streams.ts);
    const first = await new Promise<Buffer>((resolve) => ts.once('data', resolve));
    ts.destroy();
    expect(first[0]).toBe(0x47);
    expect(sim.counters().startsByContent).toEqual({ [sim.sessions()[0]!.infohash]: 1 });
  });

  it('unknown and disabled channels answer 404 with a reason', async () => {
    expect((await http(`${app.url}/play/nope.ts`)).statusCode).toBe(404);
    expect((await http(`${app.url}/play/../../etc/passwd`)).statusCode).toBe(404);
    await http.patch(`${app.url}/api/channels/${channel.Sports!.id}`, { json: { enabled: false } });
    const res = await http(channel.Sports!.streams.hls);
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('CHANNEL_DISABLED');
  });
});
