import { contentId, simCounters } from './lib/http-load.js';
import { directPlaylistUrl, runHlsLoad, segmentUrls, type HlsLoadResult } from './lib/hls-load.js';
import type { Child } from './lib/processes.js';
import { median, percentile, round } from './lib/stats.js';

export interface Rig {
  sim: Child;
  server: Child;
  runs: number;
}

/**
 * Scenario 1 and 2: N clients fetch the same live window through the proxy and straight from the engine,
 * in the same run: throughput ratios (medians of the paired per-run ratios) for the cold first pass and the
 * warm second pass, upstream fetches per segment over both, and added time to first byte. Direct clients see the engine's 12-segment window, proxied ones our
 * 8-segment window: throughput is per byte, so the ratio compares like with like.
 */
const WARM_PASSES = 5;

/** The steady state, over several passes: one pass of the test media lasts only 10–100 ms. */
async function warmPasses(urls: string[], clients: number): Promise<HlsLoadResult> {
  const passes: HlsLoadResult[] = [];
  for (let i = 0; i < WARM_PASSES; i++) passes.push(await runHlsLoad(urls, clients));
  const bytes = passes.reduce((n, p) => n + p.bytes, 0);
  const seconds = passes.reduce((n, p) => n + p.seconds, 0);
  return { clients, segments: urls.length, bytes, seconds, mbPerSecond: bytes / 1e6 / seconds, ttfbMs: passes.flatMap((p) => p.ttfbMs), failures: passes.reduce((n, p) => n + p.failures, 0) };
}

export async function hlsThroughput({ sim, server, runs }: Rig, clientCounts = [1, 20, 100]) {
  // Untimed warm-up of both paths (JIT, connection pools), so the first measured runs are not the slowest.
  await runHlsLoad(await segmentUrls(await directPlaylistUrl(sim.url, contentId(0, 9))), 20);
  await runHlsLoad(await segmentUrls(`${server.url}/ace/manifest.m3u8?id=${contentId(0, 8)}`), 20);
  const rows = [];
  for (const clients of clientCounts) {
    const cold: number[] = [];
    const warm: number[] = [];
    const throughput = { proxy: [] as number[], direct: [] as number[] };
    const upstreamPerSegment: number[] = [];
    const ttfbProxy: number[] = [];
    const ttfbDirect: number[] = [];
    for (let run = 0; run < runs; run++) {
      // Each run is a new content: a cold session whose every segment the proxy fetches upstream once, during
      // the first pass. Passes over the same window after it are the steady state of a live window served to
      // many viewers. The order of the pair alternates so drift on a shared machine favours neither side.
      const directPass = async () => {
        const urls = await segmentUrls(await directPlaylistUrl(sim.url, contentId(run * 1000 + clients, 1)));
        return [await runHlsLoad(urls, clients), await warmPasses(urls, clients)] as const;
      };
      const proxyPass = async () => {
        const before = await simCounters(sim.url);
        const urls = await segmentUrls(`${server.url}/ace/manifest.m3u8?id=${contentId(run * 1000 + clients, 2)}`);
        const passes = [await runHlsLoad(urls, clients), await warmPasses(urls, clients)] as const;
        upstreamPerSegment.push(((await simCounters(sim.url)).segmentRequests - before.segmentRequests) / urls.length);
        return passes;
      };
      const d = run % 2 === 0 ? await directPass() : undefined;
      const p = await proxyPass();
      const [directCold, directWarm] = d ?? (await directPass());
      const [proxyCold, proxyWarm] = p;
      if ([directCold, directWarm, proxyCold, proxyWarm].some((r) => r.failures > 0)) throw new Error('failed requests');
      cold.push(proxyCold.mbPerSecond / directCold.mbPerSecond);
      warm.push(proxyWarm.mbPerSecond / directWarm.mbPerSecond);
      throughput.proxy.push(proxyWarm.mbPerSecond);
      throughput.direct.push(directWarm.mbPerSecond);
      ttfbProxy.push(...proxyCold.ttfbMs, ...proxyWarm.ttfbMs);
      ttfbDirect.push(...directCold.ttfbMs, ...directWarm.ttfbMs);
    }
    rows.push({
      clients,
      warmProxyMBps: round(median(throughput.proxy), 1),
      warmDirectMBps: round(median(throughput.direct), 1),
      warmRatio: round(median(warm)),
      coldRatio: round(median(cold)),
      upstreamFetchesPerSegment: round(median(upstreamPerSegment)),
      ttfbP50AddedMs: round(percentile(ttfbProxy, 50) - percentile(ttfbDirect, 50)),
      ttfbP99AddedMs: round(percentile(ttfbProxy, 99) - percentile(ttfbDirect, 99)),
      ttfbP99ProxyMs: round(percentile(ttfbProxy, 99)),
      ttfbP99DirectMs: round(percentile(ttfbDirect, 99)),
    });
  }
  return rows;
}
