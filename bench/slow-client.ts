import { setTimeout as sleep } from 'node:timers/promises';
import { contentId } from './lib/http-load.js';
import type { Child } from './lib/processes.js';
import { memoryMb, round } from './lib/stats.js';
import { openTsClient } from './lib/ts-clients.js';

/**
 * Scenario 4: one client reading at 10% of the bitrate among 50 normal ones. The normal ones must lose
 * nothing, the slow one must be dropped, memory must stay bounded. The simulator runs at 10× real time so
 * the slow client's backlog (kernel socket buffers included) builds up within the run.
 */
export async function slowClient({ server }: { server: Child }, bitrateBytes: number, seconds: number) {
  const url = `${server.url}/ace/getstream?id=${contentId(51, 4)}`;
  const normal = Array.from({ length: 50 }, () => openTsClient(url));
  await sleep(2000);
  const slow = openTsClient(url, bitrateBytes / 10);
  const started = performance.now();
  let peakRss = 0;
  let droppedAfterS: number | null = null;
  // The server's own count tells when it let the slow one go: the client itself only notices once it has
  // read through what the kernel already buffered for it.
  const tsClients = async () =>
    ((await (await fetch(`${server.url}/api/sessions`)).json()) as Array<{ tsClients: number }>).reduce((n, s) => n + s.tsClients, 0);
  while (performance.now() - started < seconds * 1000) {
    await sleep(250);
    peakRss = Math.max(peakRss, memoryMb(server.pid).rss);
    if (droppedAfterS === null && (await tsClients()) === normal.filter((c) => !c.dropped).length) {
      droppedAfterS = (performance.now() - started) / 1000;
    }
  }
  const normalBytes = normal.map((c) => c.bytes);
  const result = {
    normalClients: normal.length,
    normalDropped: normal.filter((c) => c.dropped).length,
    normalMinMB: round(Math.min(...normalBytes) / 1e6, 1),
    normalMaxMB: round(Math.max(...normalBytes) / 1e6, 1),
    slowDropped: droppedAfterS !== null,
    slowDroppedAfterS: droppedAfterS === null ? null : round(droppedAfterS, 1),
    slowReadMB: round(slow.bytes / 1e6, 1),
    peakRssMb: round(peakRss, 1),
  };
  [...normal, slow].forEach((c) => c.close());
  return result;
}
