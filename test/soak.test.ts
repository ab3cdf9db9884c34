import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, sleep, waitFor } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

const CHANNELS = 10;
const CLIENTS = 100;
const SECONDS = 24;

let engines: Simulator[];
let app: RunningApp;
const ids = Array.from({ length: CHANNELS }, (_, i) => `5oa${i}`.padEnd(40, 'a').replace(/[^0-9a-f]/g, 'b'));

beforeAll(async () => {
  engines = [await startTestSimulator(), await startTestSimulator()];
  app = await startApp(
    { engineUrl: engines.map((e) => e.url).join(','), idleTimeoutS: 2, maxStreams: CHANNELS, engineStartTimeoutS: 8 },
    { playlistTimeoutMs: 3000, engineRequestTimeoutMs: 2000 },
  );
});

afterAll(async () => {
  await app.close();
  await Promise.all(engines.map((e) => e.close()));
});

interface Outcome {
  at: number;
  ms: number;
  ok: boolean;
}

/** An HLS player: reload the playlist, fetch its newest segment, wait a second; record every request. */
async function player(id: string, until: number, outcomes: Outcome[]) {
  while (Date.now() < until) {
    const started = Date.now();
    const playlist = await http(`${app.url}/ace/manifest.m3u8?id=${id}`).catch(() => undefined);
    outcomes.push({ at: started, ms: Date.now() - started, ok: playlist?.statusCode === 200 });
    const newest = playlist?.body.split('\n').filter((l) => l.startsWith('/hls/')).at(-1);
    if (newest) {
      const segmentStarted = Date.now();
      const segment = await http(app.url + newest, { responseType: 'buffer' }).catch(() => undefined);
      outcomes.push({ at: segmentStarted, ms: Date.now() - segmentStarted, ok: segment?.statusCode === 200 });
    }
    await sleep(1000);
  }
}

describe('soak: 100 clients over 10 channels, one of two engines killed midway', () => {
  it('no request hangs, channels move to the surviving engine, nothing leaks', async () => {
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const until = started + SECONDS * 1000;
    const outcomes: Outcome[] = [];
    const players = Array.from({ length: CLIENTS }, (_, i) => player(ids[i % CHANNELS]!, until, outcomes));
    await sleep((SECONDS / 3) * 1000);
    const onFirst = engines[0]!.counters().activeSessions;
    expect(onFirst).toBeGreaterThan(0); // the pool spread the channels over both engines
    await engines[0]!.kill();
    const killedAt = Date.now();
    await Promise.all(players);

    // Every request got an answer, none waited past the playlist timeout plus a restart.
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(15_000);
    // After the failover settles every channel plays again from the surviving engine.
    const late = outcomes.filter((o) => o.at > killedAt + 8000);
    expect(late.length).toBeGreaterThan(100);
    expect(late.filter((o) => o.ok).length / late.length).toBeGreaterThan(0.95);
    expect(engines[1]!.counters().activeSessions).toBe(CHANNELS);

    const health = JSON.parse((await http(`${app.url}/api/health`)).body) as { engines: Array<{ reachable: boolean }> };
    expect(health.engines.map((e) => e.reachable)).toEqual([false, true]);

    await waitFor(() => engines[1]!.counters().activeSessions === 0, 'every engine session stopped after the clients left', 10_000);
    expect(JSON.parse((await http(`${app.url}/api/sessions`)).body)).toEqual([]);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);
});
