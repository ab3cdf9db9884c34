import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { importChannels } from './catalog.js';
import { startServerProcess, type Child } from './lib/processes.js';
import { memoryMb, round } from './lib/stats.js';

/** Scenario 7: RSS of a freshly started server holding 1,000 channels, with no clients. */
export async function idleFootprint(sim: Child) {
  const dataDir = await mkdtemp(join(tmpdir(), 'acehub-bench-idle-'));
  const first = await startServerProcess({ ENGINE_URL: sim.url, DATA_DIR: dataDir });
  await importChannels(first, 1000);
  await first.stop();
  const server = await startServerProcess({ ENGINE_URL: sim.url, DATA_DIR: dataDir });
  await fetch(`${server.url}/api/channels`).then((r) => r.arrayBuffer());
  await sleep(3000);
  const { rss } = memoryMb(server.pid);
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
  return { channels: 1000, rssMb: round(rss, 1) };
}
