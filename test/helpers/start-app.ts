import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type Tuning } from '../../src/app.js';
import { configWith, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

export interface RunningApp {
  url: string;
  acehub: App;
  config: Config;
  server: Server;
  close(): Promise<void>;
}

/** The real server on port 0 with a temp data dir; LOG_LEVEL=debug shows its logs while debugging a test. */
export async function startApp(
  { engineUrl, ...overrides }: Partial<Config> & { engineUrl: string },
  tuning: Partial<Tuning> = {},
): Promise<RunningApp> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'acehub-test-')));
  const engineUrls = engineUrl.split(',');
  const config = configWith({ port: 0, host: '127.0.0.1', idleTimeoutS: 2, engineStartTimeoutS: 10, allowLocalSources: true, ...overrides, engineUrls, dataDir });
  const log = createLogger((process.env.LOG_LEVEL as 'debug' | undefined) ?? 'silent', process.stderr);
  const acehub = await createApp({ config, log, tuning });
  const server = createServer(acehub.handler).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    acehub,
    config,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await acehub.close();
      if (!overrides.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
