import { request } from 'node:http';

export interface TsClient {
  bytes: number;
  dropped: boolean;
  ended: boolean;
  close(): void;
}

/**
 * A TS player: connects and reads. `readRateBytes` throttles it (a slow client); otherwise it reads as fast
 * as data comes. `dropped` is set when the server cuts it before `close()`.
 */
export function openTsClient(url: string, readRateBytes?: number): TsClient {
  const client: TsClient = { bytes: 0, dropped: false, ended: false, close };
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  const req = request(url, (res) => {
    if (res.statusCode !== 200) {
      client.dropped = true;
      res.resume();
      return;
    }
    if (readRateBytes === undefined) {
      res.on('data', (chunk: Buffer) => (client.bytes += chunk.length));
    } else {
      // Read in ticks of 100 ms, at most readRateBytes per second.
      res.pause();
      timer = setInterval(() => {
        let budget = readRateBytes / 10;
        let chunk: Buffer | null;
        while (budget > 0 && (chunk = res.read(Math.min(budget, 64 * 1024)) as Buffer | null)) {
          client.bytes += chunk.length;
          budget -= chunk.length;
        }
      }, 100);
    }
    res.on('close', () => {
      client.ended = true;
      if (!closing) client.dropped = true;
      clearInterval(timer);
    });
  });
  req.on('error', () => {
    if (!closing) client.dropped = true;
  });
  req.end();
  function close() {
    closing = true;
    clearInterval(timer);
    req.destroy();
  }
  return client;
}
