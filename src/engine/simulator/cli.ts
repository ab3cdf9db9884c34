import { parseArgs } from 'node:util';
import { startSimulator, type SimulatorOptions } from './simulator.js';

const usage = `usage: tsx src/engine/simulator/cli.ts [--port 6878] [--host 127.0.0.1] [--prebuffer-ms 2000]
  [--pace live|fast] [--dead <id,...>] [--initial-segments 3] [--window-size 12] [--playlist sliding|growing]
  [--missing-status 404|500] [--idle-expiry-ms 30000] [--version 3.2.3] [--speed 1]`;

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function parse(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '6878' },
      host: { type: 'string' },
      'prebuffer-ms': { type: 'string' },
      pace: { type: 'string' },
      dead: { type: 'string' },
      'initial-segments': { type: 'string' },
      'window-size': { type: 'string' },
      playlist: { type: 'string' },
      'missing-status': { type: 'string' },
      'idle-expiry-ms': { type: 'string' },
      version: { type: 'string' },
      speed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const missing = oneOf(values['missing-status'], 'missing-status', ['404', '500']);
  return {
    port: number(values.port, 'port'),
    host: values.host,
    prebufferMs: number(values['prebuffer-ms'], 'prebuffer-ms'),
    pace: oneOf(values.pace, 'pace', ['live', 'fast']),
    deadContentIds: values.dead?.split(',').map((id) => id.trim()).filter(Boolean),
    initialSegments: number(values['initial-segments'], 'initial-segments'),
    windowSize: number(values['window-size'], 'window-size'),
    playlist: oneOf(values.playlist, 'playlist', ['sliding', 'growing']),
    missingSegmentStatus: missing === undefined ? undefined : missing === '404' ? 404 : 500,
    idleExpiryMs: number(values['idle-expiry-ms'], 'idle-expiry-ms'),
    version: values.version,
    speed: number(values.speed, 'speed'),
  };
}

let options: SimulatorOptions;
try {
  options = parse(process.argv.slice(2));
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}

const simulator = await startSimulator(options);
process.stdout.write(`engine simulator listening on ${simulator.url}\n`);

const shutdown = () => {
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
