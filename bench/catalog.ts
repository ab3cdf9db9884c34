import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateGuide } from '../scripts/lib/guide-generator.js';
import { clientAgent, contentId, fetchTimed } from './lib/http-load.js';
import type { Child } from './lib/processes.js';
import { median, memoryMb, round } from './lib/stats.js';

const post = (url: string, body: string, type: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body, signal: AbortSignal.timeout(600_000) });

/** An M3U of n Ace Stream channels, with guide ids guide.0 … guide.(n-1). */
export function benchPlaylist(n: number): string {
  const lines = ['#EXTM3U'];
  for (let i = 0; i < n; i++) {
    lines.push(`#EXTINF:-1 tvg-id="guide.${i}" tvg-chno="${i + 1}" group-title="Group ${i % 20}",Channel ${i}`, `acestream://${contentId(i, 7)}`);
  }
  return lines.join('\n') + '\n';
}

export async function importChannels(server: Child, n: number) {
  const res = await post(`${server.url}/api/channels/import`, benchPlaylist(n), 'audio/x-mpegurl');
  if (!res.ok) throw new Error(`import answered ${res.status}: ${await res.text()}`);
}

/** Scenario 6a: /playlist.m3u for 10,000 channels. */
export async function playlistExport(server: Child, runs: number) {
  await importChannels(server, 10_000);
  const agent = clientAgent();
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs + 1; run++) {
    const res = await fetchTimed(`${server.url}/playlist.m3u`, agent);
    if (res.status !== 200) throw new Error(`playlist answered ${res.status}`);
    if (run > 0) times.push(res.totalMs); // the first request warms the JIT
    bytes = res.bytes;
  }
  agent.destroy();
  return { channels: 10_000, medianMs: round(median(times), 1), bytes };
}

/**
 * Scenario 6b and 6c: a generated XMLTV guide of about 100 MB (1,000 guide channels × 7.5 days of
 * 30-minute programmes) imported from a local HTTP source for a catalog of 1,000 channels; then
 * /epg.xml for those 1,000 channels × 7 days.
 */
export async function guideImportAndExport(server: Child, runs: number) {
  const dir = await mkdtemp(join(tmpdir(), 'acehub-bench-guide-'));
  const file = join(dir, 'guide.xml');
  const hour = 3_600_000;
  const from = Math.floor(Date.now() / hour) * hour - 12 * hour;
  const channels = Array.from({ length: 1000 }, (_, i) => ({ id: `guide.${i}`, name: `Guide Channel ${i}` }));
  const out = createWriteStream(file);
  for (const piece of generateGuide({ channels, from, hours: 7 * 24 + 12, programmeMinutes: 30, descriptionWords: 14 })) {
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  const size = (await stat(file)).size;
  const source = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': size });
    createReadStream(file).pipe(res);
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => source.once('listening', resolve));
  const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/guide.xml`;

  await importChannels(server, 1000);
  const rssBefore = memoryMb(server.pid).rss;
  let peakRss = rssBefore;
  let importing = true;
  const sampler = (async () => {
    while (importing) {
      peakRss = Math.max(peakRss, memoryMb(server.pid).rss);
      await sleep(100);
    }
  })();
  const started = performance.now();
  const res = await post(`${server.url}/api/epg/sources`, JSON.stringify({ url }), 'application/json');
  const seconds = (performance.now() - started) / 1000;
  importing = false;
  await sampler;
  const sourceState = (await res.json()) as { lastResult: string; programmeCount: number; lastError: string | null };
  if (sourceState.lastResult !== 'ok') throw new Error(`guide import failed: ${sourceState.lastError}`);

  const agent = clientAgent();
  const times: number[] = [];
  let epgBytes = 0;
  for (let run = 0; run < runs + 1; run++) {
    const epg = await fetchTimed(`${server.url}/epg.xml`, agent);
    if (run > 0) times.push(epg.totalMs);
    epgBytes = epg.bytes;
  }
  agent.destroy();
  source.close();
  await rm(dir, { recursive: true, force: true });
  return {
    guideImport: {
      fileMB: round(size / 1e6, 1),
      seconds: round(seconds, 2),
      MBps: round(size / 1e6 / seconds, 1),
      peakRssMb: round(peakRss, 1),
      rssBeforeMb: round(rssBefore, 1),
      programmesKept: sourceState.programmeCount,
    },
    epgExport: { channels: 1000, days: 7, medianMs: round(median(times), 1), MB: round(epgBytes / 1e6, 1) },
  };
}
