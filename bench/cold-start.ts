import { contentId, fetchTimed, clientAgent } from './lib/http-load.js';
import type { Child } from './lib/processes.js';
import { median, round } from './lib/stats.js';

/**
 * Scenario 5: time from a first request for a new content to the first playlist byte, minus the
 * simulator's prebuffer delay, through the proxy and straight from the engine (start + playlist).
 */
export async function coldStart({ sim, server }: { sim: Child; server: Child }, prebufferMs: number, runs: number) {
  const proxy: number[] = [];
  const direct: number[] = [];
  for (let run = 0; run < runs; run++) {
    const agent = clientAgent();
    const p = await fetchTimed(`${server.url}/ace/manifest.m3u8?id=${contentId(run, 5)}`, agent);
    proxy.push(p.ttfbMs - prebufferMs);
    const started = performance.now();
    const start = await fetchTimed(`${sim.url}/ace/manifest.m3u8?id=${contentId(run, 6)}&format=json&pid=bench`, agent, true);
    const playbackUrl = (JSON.parse(start.body!.toString()) as { response: { playback_url: string } }).response.playback_url;
    const playlist = await fetchTimed(playbackUrl, agent);
    direct.push(performance.now() - started - (playlist.totalMs - playlist.ttfbMs) - prebufferMs);
    agent.destroy();
  }
  return {
    runs,
    prebufferMs,
    proxyOverPrebufferMs: round(median(proxy), 1),
    directOverPrebufferMs: round(median(direct), 1),
    addedMs: round(median(proxy) - median(direct), 1),
  };
}
