import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSsdp } from '../addon/index.js';
import { createApp } from './app.js';
import { StartupError } from './catalog/index.js';
import { exposureWarning } from './http/access.js';
import { ConfigError, helpText, loadConfig } from './config.js';
import { createLogger } from './log.js';

const SHUTDOWN_LIMIT_MS = 10_000;

async function main(argv: string[]) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(helpText() + '\n');
    return;
  }
  let config;
  try {
    config = loadConfig(argv);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`acehub: invalid configuration: ${err.message}\n\n${helpText()}\n`);
    process.exitCode = 2;
    return;
  }
  const log = createLogger(config.logLevel);
  let acehub;
  try {
    acehub = await createApp({ config, log });
  } catch (err) {
    if (!(err instanceof StartupError)) throw err;
    process.stderr.write(`acehub: cannot start: ${err.message}\n`);
    process.exitCode = 1;
    return;
  }
  const server = createServer(acehub.handler).listen(config.port, config.host);
  // Clients of a TS stream read for hours: no request timeout, but idle keep-alive sockets are closed.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  log.info({ port, host: config.host, engines: config.engineUrls }, `acehub listening on http://${config.host}:${port}`);
  const warning = exposureWarning(config);
  if (warning) log.warn(warning);
  acehub.start();
  const ssdp = config.ssdp ? await startSsdp({ config, port, log }) : undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
    server.close();
    await ssdp?.close();
    await acehub.close();
    server.closeAllConnections();
    clearTimeout(force);
    log.info('stopped');
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`acehub: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
