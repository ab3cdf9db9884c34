import { setTimeout as sleep } from 'node:timers/promises';
import { contentId, simCounters } from './lib/http-load.js';
import type { Child } from './lib/processes.js';
import { cpuSeconds, memoryMb, round } from './lib/stats.js';
import { openTsClient } from './lib/ts-clients.js';

/**
 * Scenario 3: N clients of one channel at real-time pace, the first ten arriving at the same instant and
 * the rest over the first seconds. Server CPU and memory, bytes per client, drops, engine sessions.
 */
export async function tsFanout({ sim, server, idleS }: { sim: Child; server: Child; idleS: number }, clients: number, seconds: number) {
  const id = contentId(clients, 3);
  const url = `${server.url}/ace/getstream?id=${id}`;
  const before = await simCounters(sim.url);
  const players = Array.from({ length: Math.min(10, clients) }, () => openTsClient(url));
  const stagger = Math.max(1, clients - players.length);
  for (let i = players.length; i < clients; i++) {
    await sleep(Math.min(50, 4000 / stagger));
    players.push(openTsClient(url));
  }
  // Measure the steady state: everyone has joined and prebuffering is over.
  const cpuStart = cpuSeconds(server.pid);
  const started = performance.now();
  const bytesStart = players.map((p) => p.bytes);
  let peakRss = 0;
  while (performance.now() - started < seconds * 1000) {
    await sleep(500);
    peakRss = Math.max(peakRss, memoryMb(server.pid).rss);
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpuPercent = ((cpuSeconds(server.pid) - cpuStart) / elapsed) * 100;
  const perClient = players.map((p, i) => (p.bytes - bytesStart[i]!) / elapsed);
  const after = await simCounters(sim.url);
  const dropped = players.filter((p) => p.dropped).length;
  players.forEach((p) => p.close());
  await sleep((idleS + 3) * 1000);
  const leaked = (await simCounters(sim.url)).activeSessions;
  return {
    clients,
    seconds: round(elapsed, 1),
    serverCpuPercentOfOneCore: round(cpuPercent, 1),
    peakRssMb: round(peakRss, 1),
    minKBpsPerClient: round(Math.min(...perClient) / 1000, 1),
    medianKBpsPerClient: round([...perClient].sort((a, b) => a - b)[Math.floor(perClient.length / 2)]! / 1000, 1),
    dropped,
    engineStarts: after.starts - before.starts,
    engineSessionsLeftAfterGracePeriod: leaked,
  };
}
