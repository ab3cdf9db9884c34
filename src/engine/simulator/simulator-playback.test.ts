import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from './simulator.js';

const CONTENT = 'c'.repeat(40);
const PREBUFFER_MS = 200;
// Timers and loopback sockets can fire a few ms early relative to Date.now(); headers must not come much earlier.
const SLACK_MS = 20;

let sim: Simulator;
afterEach(() => sim?.close());

async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ prebufferMs: PREBUFFER_MS, ...options });
  return sim;
}

async function startSession(path = '/ace/manifest.m3u8') {
  const res = await fetch(`${sim.url}${path}?id=${CONTENT}&format=json`);
  const { response } = (await res.json()) as { response: { playback_url: string; command_url: string; infohash: string } };
  return { ...response, startedAt: Date.now() };
}

function expectTransportStream(bytes: Buffer): void {
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes.length % 188).toBe(0);
  for (let at = 0; at < bytes.length; at += 188) expect(bytes[at]).toBe(0x47);
}

describe('HLS playlist', () => {
  it('waits for prebuffering, then lists the initial segments on the request host', async () => {
    await start();
    const s = await startSession();
    const res = await fetch(s.playback_url);
    expect(Date.now() - s.startedAt).toBeGreaterThanOrEqual(PREBUFFER_MS - SLACK_MS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const segment = (n: number) => [`#EXTINF:4.000000,`, `${sim.url}/ace/c/${s.infohash}/${n}.ts`];
    expect((await res.text()).split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:4',
      '#EXT-X-MEDIA-SEQUENCE:0',
      ...segment(0),
      ...segment(1),
      ...segment(2),
      '',
    ]);
  });

  it('lists a full window at once in fast pace', async () => {
    await start({ pace: 'fast', windowSize: 6 });
    const s = await startSession();
    const text = await (await fetch(s.playback_url)).text();
    expect(text.match(/\.ts$/gm)).toHaveLength(6);
    expect(text).not.toContain('#EXT-X-ENDLIST');
  });

  it('answers 404 to an unknown session key', async () => {
    await start();
    const s = await startSession();
    expect((await fetch(s.playback_url.replace(/[0-9a-f]{32}\.m3u8$/, `${'0'.repeat(32)}.m3u8`))).status).toBe(404);
  });

  it('answers 500 to a playlist waiting on a session stopped during prebuffering', async () => {
    await start({ prebufferMs: 2000 });
    const s = await startSession();
    const pending = fetch(s.playback_url);
    await fetch(`${s.command_url}?method=stop`);
    expect((await pending).status).toBe(500);
  });
});

describe('HLS segments', () => {
  it('serves available segments as MPEG-TS with a length', async () => {
    await start();
    const s = await startSession();
    await fetch(s.playback_url);
    const res = await fetch(`${sim.url}/ace/c/${s.infohash}/2.ts`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp2t');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expectTransportStream(bytes);
    expect(sim.counters()).toMatchObject({ playlistRequests: 1, segmentRequests: 1 });
  });

  it.each([404, 500] as const)('answers %i to a segment not yet available', async (missingSegmentStatus) => {
    await start({ missingSegmentStatus });
    const s = await startSession();
    expect((await fetch(`${sim.url}/ace/c/${s.infohash}/0.ts`)).status).toBe(missingSegmentStatus);
    await fetch(s.playback_url);
    expect((await fetch(`${sim.url}/ace/c/${s.infohash}/3.ts`)).status).toBe(missingSegmentStatus);
  });
});

describe('MPEG-TS stream', () => {
  it('sends no headers before prebuffering ends, then an endless video/mp2t body', async () => {
    await start();
    const s = await startSession('/ace/getstream');
    const res = await fetch(s.playback_url);
    expect(Date.now() - s.startedAt).toBeGreaterThanOrEqual(PREBUFFER_MS - SLACK_MS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp2t');
    expect(res.headers.get('content-length')).toBeNull();

    const chunks: Buffer[] = [];
    let received = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      received += value.length;
      // One segment (~150 kB) arrives at once; once it is in, the engine drops the session and the body ends.
      if (received > 100_000 && sim.sessions()[0]!.state === 'dl') sim.killSession(s.infohash);
    }
    expectTransportStream(Buffer.concat(chunks));
    expect(sim.counters().streamRequests).toBe(1);
  });

  it('ends the body when the session is stopped', async () => {
    await start();
    const s = await startSession('/ace/getstream');
    const res = await fetch(s.playback_url);
    await fetch(`${s.command_url}?method=stop`);
    expectTransportStream(Buffer.from(await res.arrayBuffer()));
  });

  it('answers 403 to a stream of a superseded session', async () => {
    await start();
    const first = await startSession('/ace/getstream');
    await startSession('/ace/getstream');
    expect((await fetch(first.playback_url)).status).toBe(403);
  });
});
