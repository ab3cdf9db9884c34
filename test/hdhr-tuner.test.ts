import { afterEach, describe, expect, it } from 'vitest';
import { isValidDeviceId } from '../addon/device-id.js';
import { videoPesStarts } from '../addon/test-support.js';
import { CONTENT_A, CONTENT_B, http, waitFor, readBytes } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

let sim: Simulator | undefined;
let app: RunningApp | undefined;

afterEach(async () => {
  await app?.close();
  await sim?.close();
  app = sim = undefined;
});

async function start(maxStreams = 4, speed = 1) {
  sim = await startTestSimulator({ speed });
  app = await startApp({ engineUrl: sim.url, maxStreams });
  const running = app;
  const add = async (fields: Record<string, unknown>) => {
    const res = await http.post(`${running.url}/api/channels`, { json: fields });
    expect(res.statusCode).toBe(201);
    return JSON.parse(res.body) as { id: string };
  };
  return { app: running, sim, add };
}

type Lineup = { GuideNumber: string; GuideName: string; URL: string; HD: number }[];
const lineupOf = async (url: string) => JSON.parse((await http(`${url}/lineup.json`)).body) as Lineup;

describe('Plex, Jellyfin and Emby add the server as an HDHomeRun tuner by its address', () => {
  it('discover.json points at our lineup and counts MAX_STREAMS tuners', async () => {
    const { app } = await start(3);
    const res = await http(`${app.url}/discover.json`);
    expect(res.statusCode).toBe(200);
    const d = JSON.parse(res.body) as Record<string, unknown>;
    expect(d).toMatchObject({ BaseURL: app.url, LineupURL: `${app.url}/lineup.json`, TunerCount: 3, ModelNumber: 'HDTC-2US' });
    expect(isValidDeviceId(String(d.DeviceID))).toBe(true);
    expect(JSON.parse((await http(`${app.url}/lineup_status.json`)).body)).toMatchObject({ ScanInProgress: 0, ScanPossible: 1 });
    expect((await http.post(`${app.url}/lineup.post?scan=start&source=Cable`)).statusCode).toBe(200);
    const xml = await http(`${app.url}/device.xml`);
    expect(xml.headers['content-type']).toContain('xml');
    expect(xml.body).toContain(`<URLBase>${app.url}</URLBase>`);
  });

  it('lineup.json numbers channels like the playlist and gives query-free TS URLs', async () => {
    const { app, add } = await start();
    const a = await add({ name: 'Alpha', contentId: CONTENT_A, number: 7 });
    const b = await add({ name: 'Beta', contentId: CONTENT_B });
    await add({ name: 'Off', contentId: 'c'.repeat(40), enabled: false });
    expect(await lineupOf(app.url)).toEqual([
      { GuideNumber: '7', GuideName: 'Alpha', URL: `${app.url}/play/${a.id}.ts`, HD: 1 },
      { GuideNumber: '8', GuideName: 'Beta', URL: `${app.url}/play/${b.id}.ts`, HD: 1 },
    ]);
  });

  it("each GuideNumber is the playlist's tvg-chno for the same stream URL", async () => {
    const { app, add } = await start();
    await add({ name: 'Alpha', contentId: CONTENT_A, number: 7 });
    await add({ name: 'Beta', contentId: CONTENT_B });
    const playlist = (await http(`${app.url}/playlist.m3u`)).body.split('\n');
    const chnoByUrl = new Map<string, string | undefined>();
    playlist.forEach((line, i) => {
      if (!line.startsWith('#EXTINF')) return;
      const url = playlist.slice(i + 1).find((l) => l && !l.startsWith('#'))!;
      chnoByUrl.set(url, /tvg-chno="([^"]*)"/.exec(line)?.[1]);
    });
    const lineup = await lineupOf(app.url);
    expect(lineup).toHaveLength(2);
    for (const entry of lineup) expect({ url: entry.URL, chno: chnoByUrl.get(entry.URL) }).toEqual({ url: entry.URL, chno: entry.GuideNumber });
  });

  it('a lineup URL answers HEAD with video/mp2t without starting the engine, and GET plays video', async () => {
    const { app, sim, add } = await start();
    await add({ name: 'Alpha', contentId: CONTENT_A });
    const [entry] = await lineupOf(app.url);
    const head = await http.head(entry!.URL);
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('video/mp2t');
    expect(sim.counters().starts).toBe(0);
    const bytes = await readBytes(entry!.URL, 188 * 400);
    expect(bytes[0]).toBe(0x47);
    expect(videoPesStarts(bytes)).toBeGreaterThan(0);
  });
});

describe('MAX_STREAMS is the number of tuners', () => {
  it('with one tuner, a second channel gets 503 ALL_TUNERS_BUSY and the first keeps playing', async () => {
    // Segments at ten times real time, so "keeps playing" shows within a second or two.
    const { app, add } = await start(1, 10);
    await add({ name: 'Alpha', contentId: CONTENT_A, number: 1 });
    await add({ name: 'Beta', contentId: CONTENT_B, number: 2 });
    const [first, second] = await lineupOf(app.url);

    const stream = http.stream(first!.URL);
    let received = 0;
    stream.on('data', (chunk: Buffer) => (received += chunk.length));
    try {
      await new Promise((resolve, reject) => stream.once('data', resolve).once('error', reject));

      const busy = await http(second!.URL);
      expect(busy.statusCode).toBe(503);
      const { error } = JSON.parse(busy.body) as { error: { code: string; message: string } };
      expect(error.code).toBe('ALL_TUNERS_BUSY');
      expect(error.message).toMatch(/MAX_STREAMS/);

      // The same channel from another client shares the running session: no extra tuner needed.
      expect((await http.head(first!.URL)).statusCode).toBe(200);
      const before = received;
      await waitFor(() => received > before + 188 * 100, 'the first channel to keep sending after the refusal');
      expect(JSON.parse((await http(`${app.url}/api/sessions`)).body)).toHaveLength(1);
    } finally {
      stream.destroy();
    }
  });
});

