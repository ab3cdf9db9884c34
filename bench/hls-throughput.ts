import { contentId, simCounters } from './lib/http-load.js';
import { directPlaylistUrl, runHlsLoad, segmentUrls } from './lib/hls-load.js';
import type { Child } from './lib/processes.js';
import { median, percentile, round } from './lib/stats.js';

export interface Rig {
  sim: Child;
  server: Child;
  runs: number;
}

/**
 * Scenario 1 and 2: N clients fetch the same live window through the proxy and straight from the engine,
 * alternately in the same run. Throughput ratio, upstream fetches per segment, and added time to first byte.
 */
export async function hlsThroughput({ sim, server, runs }: Rig, clientCounts = [1, 20, 100]) {
  const rows = [];
  for (const clients of clientCounts) {
    const proxy: number[] = [];
    const direct: number[] = [];
    const upstreamPerSegment: number[] = [];
    const ttfbProxy: number[] = [];
    const ttfbDirect: number[] = [];
    for (let run = 0; run < runs; run++) {
      const directUrls = await segmentUrls(await directPlaylistUrl(sim.url, contentId(run * 1000 + clients, 1)));
      const d = await runHlsLoad(directUrls, clients);
      const before = await simCounters(sim.url);
      const proxyUrls = await segmentUrls(`${server.url}/ace/manifest.m3u8?id=${contentId(run * 1000 + clients, 2)}`);
      const p = await runHlsLoad(proxyUrls, clients);
      const after = await simCounters(sim.url);
      if (p.failures + d.failures > 0) throw new Error(`failed requests: proxy ${p.failures}, direct ${d.failures}`);
      proxy.push(p.mbPerSecond);
      direct.push(d.mbPerSecond);
      upstreamPerSegment.push((after.segmentRequests - before.segmentRequests) / proxyUrls.length);
      ttfbProxy.push(...p.ttfbMs);
      ttfbDirect.push(...d.ttfbMs);
    }
    rows.push({
      clients,
      proxyMBps: round(median(proxy), 1),
      directMBps: round(median(direct), 1),
      ratio: round(median(proxy) / median(direct)),
      upstreamFetchesPerSegment: round(median(upstreamPerSegment)),
      ttfbP50AddedMs: round(percentile(ttfbProxy, 50) - percentile(ttfbDirect, 50)),
      ttfbP99AddedMs: round(percentile(ttfbProxy, 99) - percentile(ttfbDirect, 99)),
      ttfbP99ProxyMs: round(percentile(ttfbProxy, 99)),
      ttfbP99DirectMs: round(percentile(ttfbDirect, 99)),
    });
  }
  return rows;
}
