import { got } from 'got';

/** A plain HTTP client for tests: no retries, no throwing on status; headers and each read time out, long streams do not. */
export const http = got.extend({ retry: { limit: 0 }, throwHttpErrors: false, timeout: { response: 20_000, read: 20_000 } });

/** Reads a stream (MPEG-TS, a segment) until at least `bytes` arrived, then closes it; returns what came. */
export async function readBytes(url: string, bytes: number): Promise<Buffer> {
  const stream = http.stream(url);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns true or the time runs out (then fails with the message). */
export async function waitFor(check: () => boolean | Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for: ${message}`);
}

export const CONTENT_A = 'a'.repeat(8) + '0123456789abcdef0123456789abcdef';
export const CONTENT_B = 'b'.repeat(8) + '0123456789abcdef0123456789abcdef';
