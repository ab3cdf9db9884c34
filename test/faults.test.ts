import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_A, CONTENT_B, http, sleep, waitFor } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

let sim: Simulator;
let app: RunningApp;

afterEach(async () => {
  await app?.close();
  await sim?.close();
});

async function start(options: { startTimeoutS?: number; idleTimeoutS?: number } = {}) {
  sim = await startTestSimulator();
  app = await startApp(
    { engineUrl: sim.url, idleTimeoutS: options.idleTimeoutS ?? 1, engineStartTimeoutS: options.startTimeoutS ?? 3 },
    { playlistTimeoutMs: 1500, engineRequestTimeoutMs: 1500 },
  );
}

const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;
const manifest = (id = CONTENT_A) => http(`${app.url}/ace/manifest.m3u8?id=${id}`);

/** The request finished (whatever its answer) within `ms`: nothing hangs. */
async function timed<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  expect(Date.now() - started).toBeLessThan(ms);
  return result;
}

async function noLeakedSessions() {
  await waitFor(() => sim.counters().activeSessions === 0, 'every engine session stopped', 8000);
}

describe('an engine that misbehaves at start gives a clean error, never a hang', () => {
  it.each([
    ['garbage', 502, 'ENGINE_PROTOCOL_ERROR'],
    ['html', 502, 'ENGINE_PROTOCOL_ERROR'],
    ['stall', 504, 'ENGINE_TIMEOUT'],
  ] as const)('%s → %s %s, and the engine recovers', async (fault, status, code) => {
    await start({ startTimeoutS: 1.5 });
    sim.setFault(fault);
    const res = await timed(8000, () => manifest());
    expect([res.statusCode, errorCode(res.body)]).toEqual([status, code]);
    sim.setFault(undefined);
    expect((await manifest()).statusCode).toBe(200);
    await noLeakedSessions();
  });
});

describe('an engine that misbehaves mid-stream is restarted around, or fails cleanly', () => {
  it.each(['garbage', 'html', 'stall'] as const)('%s on the playlist: clients get an answer in time; the stream comes back', async (fault) => {
    await start();
    expect((await manifest()).statusCode).toBe(200);
    sim.setFault(fault, '/ace/m/');
    await sleep(1100);
    const during = await timed(12_000, () => manifest());
    expect([502, 503, 504]).toContain(during.statusCode);
    sim.setFault(undefined);
    await sleep(1100);
    const after = await manifest();
    expect(after.statusCode).toBe(200);
    const segment = after.body.split('\n').find((l) => l.startsWith('/hls/'))!;
    expect((await http(app.url + segment)).statusCode).toBe(200);
    await noLeakedSessions();
  });

  it('a connection reset mid-segment ends that request cleanly; the next fetch of it succeeds', async () => {
    await start();
    const { body } = await manifest();
    const segments = body.split('\n').filter((l) => l.startsWith('/hls/'));
    await sleep(300); // the proxy warms listed segments; let that finish before breaking the engine
    sim.setFault('reset', '/ace/c/');
    // The newest listed segment may already be cached (then it is served whole): either way an answer comes.
    const res = await timed(12_000, () => http(app.url + segments.at(-1)!, { responseType: 'buffer' }).catch((err: Error) => err));
    expect(res instanceof Error || res.statusCode === 200 || res.statusCode >= 500).toBe(true);
    sim.setFault(undefined);
    await sleep(4200); // a new segment appears every 4 s
    const later = await manifest();
    const newest = later.body.split('\n').filter((l) => l.startsWith('/hls/')).at(-1)!;
    expect((await http(app.url + newest)).statusCode).toBe(200);
  });

  it('a TS client whose segment is cut keeps its connection and gets later segments', async () => {
    await start();
    const stream = http.stream(`${app.url}/ace/getstream?id=${CONTENT_B}`);
    let received = 0;
    stream.on('data', (c: Buffer) => (received += c.length));
    stream.on('error', () => {});
    await waitFor(() => received > 0, 'first TS bytes');
    sim.setFault('reset', '/ace/c/');
    await sleep(4500);
    sim.setFault(undefined);
    const before = received;
    await waitFor(() => received > before + 50_000, 'TS bytes after the fault', 12_000);
    stream.destroy();
    await noLeakedSessions();
  });

  it('an engine restart (all sessions lost) is invisible to HLS clients beyond a short wait', async () => {
    await start({ idleTimeoutS: 4 });
    expect((await manifest()).statusCode).toBe(200);
    await sim.restart(300);
    await sleep(1100);
    const after = await timed(12_000, () => manifest());
    expect(after.statusCode).toBe(200);
    expect(sim.counters().starts).toBe(2);
    const sessions = JSON.parse((await http(`${app.url}/api/sessions`)).body) as Array<{ restarts: number }>;
    expect(sessions[0]!.restarts).toBeGreaterThanOrEqual(1);
    await waitFor(() => sim.counters().activeSessions === 0, 'every engine session stopped', 10_000);
  });
});
