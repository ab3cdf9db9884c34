import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createControlRoutes } from './control-routes.js';
import { createCounters, type SimulatorCounters } from './counters.js';
import { createFaults, type FaultKind } from './faults.js';
import { loadMedia } from './media.js';
import { resolveOptions, type SimulatorOptions } from './options.js';
import { createPlaybackRoutes } from './playback-routes.js';
import { createRequestHandler } from './routes.js';
import { createSessionStore, type SessionState } from './sessions.js';

export { infohashOf } from './start-params.js';
export type { SimulatorOptions } from './options.js';
export type { SimulatorCounters } from './counters.js';
export type { FaultKind } from './faults.js';

export interface SimulatedSession {
  infohash: string;
  contentId?: string;
  playbackSessionId: string;
  key: string;
  startedAt: number;
  state: SessionState;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  counters(): SimulatorCounters;
  resetCounters(): void;
  sessions(): SimulatedSession[];
  /** The engine drops the session by itself: its playlist answers 500, its stat "unknown playback session id". */
  killSession(infohash: string): void;
  /** Misbehaves on paths under `scope` (default all engine paths) until called with undefined. */
  setFault(kind: FaultKind | undefined, scope?: string): void;
  /** The engine process restarting: down for `downMs`, every session lost, then up again. */
  restart(downMs?: number): Promise<void>;
  /** The engine process dies: connections refused and every session gone, until up(). */
  kill(): Promise<void>;
  /** Stops listening (connections refused, open ones cut) but keeps sessions and counters. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const config = resolveOptions(options);
  const now = () => Date.now();
  const media = loadMedia();
  const window = {
    pace: config.pace,
    initialSegments: config.initialSegments,
    windowSize: config.windowSize,
    playlist: config.playlist,
    segmentMs: media.segmentMs / config.speed,
  };
  let port = config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const fallbackHost = () => `${host}:${port}`;
  const counters = createCounters();
  const store = createSessionStore({ prebufferMs: config.prebufferMs, idleExpiryMs: config.idleExpiryMs, counters, now });
  const rules = { dead: config.deadContentIds, knownInfohashes: new Set<string>() };
  const faults = createFaults();
  const control = createControlRoutes({ store, counters, config, rules, window, fallbackHost, now, faults });
  const playback = createPlaybackRoutes({
    store,
    counters,
    media,
    window,
    missingSegmentStatus: config.missingSegmentStatus,
    fallbackHost,
    now,
  });
  const server = createServer(createRequestHandler({ control, playback, faults }));
  let listening = false;

  async function up(): Promise<void> {
    if (listening) return;
    await listen(server, port, config.host);
    port = (server.address() as AddressInfo).port;
    listening = true;
  }

  async function down(): Promise<void> {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  await up();

  return {
    url: `http://${host}:${port}`,
    port,
    counters: () => counters.snapshot(store.activeCount()),
    resetCounters: () => counters.reset(),
    sessions: () => control.listSessions(),
    killSession: (infohash) => void control.kill(infohash),
    setFault: (kind, scope) => faults.set(kind, scope),
    async kill() {
      await down();
      control.forgetAll();
    },
    async restart(downMs = 500) {
      await down();
      control.forgetAll();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await up();
    },
    down,
    up,
    async close() {
      faults.set(undefined);
      store.dispose();
      await down();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
