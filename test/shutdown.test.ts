import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_A, CONTENT_B, http, waitFor } from './helpers/http.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

let sim: Simulator;
let dataDir: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  dataDir = await mkdtemp(join(tmpdir(), 'acehub-shutdown-'));
});

afterAll(async () => {
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe.each(['SIGTERM', 'SIGINT'] as const)('%s stops the server cleanly', (signal) => {
  it('stops every engine session it started and exits within 10 s, with clients still connected', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ENGINE_URL: sim.url, DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: server.stdout! }).on('line', (line) => {
        const match = /"port":(\d+)/.exec(line);
        if (match) resolve(Number(match[1]));
      });
      server.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const stopsBefore = sim.counters().stops;
    expect((await http(`${url}/ace/manifest.m3u8?id=${CONTENT_A}`)).statusCode).toBe(200);
    const ts = http.stream(`${url}/ace/getstream?id=${CONTENT_B}`);
    ts.on('error', () => {});
    let received = 0;
    ts.on('data', (c: Buffer) => (received += c.length));
    await waitFor(() => received > 0, 'TS bytes');

    const started = Date.now();
    server.kill(signal);
    const [code] = await once(server, 'exit');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(sim.counters().stops - stopsBefore).toBe(2);
    ts.destroy();
  }, 40_000);
});
