import { Agent, request } from 'node:http';

/** One keep-alive agent per simulated client, as separate players would have. */
export const clientAgent = () => new Agent({ keepAlive: true, maxSockets: 1 });

export interface Fetched {
  status: number;
  bytes: number;
  ttfbMs: number;
  totalMs: number;
  body?: Buffer;
}

/** GET with timings: time to first byte and total, bytes read (kept only when asked). */
export function fetchTimed(url: string, agent: Agent, keepBody = false): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent, timeout: 30_000 }, (res) => {
      let ttfbMs = NaN;
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        if (Number.isNaN(ttfbMs)) ttfbMs = performance.now() - started;
        bytes += chunk.length;
        if (keepBody) chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, bytes, ttfbMs, totalMs: performance.now() - started, body: keepBody ? Buffer.concat(chunks) : undefined }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

export async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}

export async function simCounters(simUrl: string): Promise<{ starts: number; stops: number; activeSessions: number; segmentRequests: number; playlistRequests: number }> {
  return JSON.parse(await fetchText(`${simUrl}/sim/counters`));
}

/** A fresh 40-hex content id per run, so no session is reused between runs. */
export const contentId = (n: number, salt = Date.now()) => (salt.toString(16) + n.toString(16).padStart(8, '0')).padEnd(40, 'a').slice(0, 40);
