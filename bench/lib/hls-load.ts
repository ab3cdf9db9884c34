import { clientAgent, fetchText, fetchTimed } from './http-load.js';

export interface HlsLoadResult {
  clients: number;
  segments: number;
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  ttfbMs: number[];
  failures: number;
}

/** Segment URLs of a playlist, absolute. */
export async function segmentUrls(playlistUrl: string): Promise<string[]> {
  const text = await fetchText(playlistUrl);
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => new URL(l.trim(), playlistUrl).href);
}

/** The engine's own playlist URL for a content, as a direct client gets it (format=json start). */
export async function directPlaylistUrl(simUrl: string, id: string): Promise<string> {
  const answer = JSON.parse(await fetchText(`${simUrl}/ace/manifest.m3u8?id=${id}&format=json&pid=bench`)) as { response: { playback_url: string } };
  return answer.response.playback_url;
}

/** Every client fetches every segment of the same live window, one after another, as a player catching up would. */
export async function runHlsLoad(urls: string[], clients: number): Promise<HlsLoadResult> {
  const ttfbMs: number[] = [];
  let bytes = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const agent = clientAgent();
      for (const url of urls) {
        const res = await fetchTimed(url, agent);
        if (res.status !== 200) failures += 1;
        bytes += res.bytes;
        ttfbMs.push(res.ttfbMs);
      }
      agent.destroy();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { clients, segments: urls.length, bytes, seconds, mbPerSecond: bytes / 1e6 / seconds, ttfbMs, failures };
}
