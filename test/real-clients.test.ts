import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_A, CONTENT_B } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

const run = promisify(execFile);
const FFPROBE = '/usr/bin/ffprobe';
// CI installs ffmpeg; a developer machine without it skips these rather than failing.
const hasFfprobe = existsSync(FFPROBE);
if (!hasFfprobe && process.env.CI) throw new Error(`${FFPROBE} is missing: .ci/run must install ffmpeg`);

let sim: Simulator;
let app: RunningApp;

beforeAll(async () => {
  sim = await startTestSimulator({ prebufferMs: 500 });
  app = await startApp({ engineUrl: sim.url });
});

afterAll(async () => {
  await app.close();
  await sim.close();
});

interface Probe {
  streams: Array<{ codec_type: string; codec_name: string }>;
  format: { format_name: string };
}

async function probe(url: string): Promise<Probe> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-rw_timeout', '20000000', '-show_streams', '-show_format', '-of', 'json', url], {
    timeout: 30_000,
  });
  return JSON.parse(stdout) as Probe;
}

describe.skipIf(!hasFfprobe)('ffprobe, as media servers use it, sees H.264 video and AAC audio', () => {
  it('in the MPEG-TS stream', async () => {
    const result = await probe(`${app.url}/ace/getstream?id=${CONTENT_A}`);
    expect(result.format.format_name).toBe('mpegts');
    expect(result.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual(['audio:aac', 'video:h264']);
  });

  it('in the HLS stream, through our rewritten playlist and segment proxy', async () => {
    const result = await probe(`${app.url}/ace/manifest.m3u8?id=${CONTENT_B}`);
    expect(result.format.format_name).toBe('hls');
    expect(result.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual(['audio:aac', 'video:h264']);
  });

  it('ffmpeg reads 10 s of the TS stream without a decode error', async () => {
    const { stderr } = await run(
      '/usr/bin/ffmpeg',
      ['-v', 'error', '-rw_timeout', '20000000', '-i', `${app.url}/ace/getstream?id=${CONTENT_A}`, '-t', '10', '-f', 'null', '-'],
      { timeout: 45_000 },
    );
    expect(stderr.trim()).toBe('');
  });
});
