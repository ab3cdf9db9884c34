import cors from '@koa/cors';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import { addonRouter, hdhrRouter } from '../addon/index.js';
import { createCatalogFeature } from './catalog/index.js';
import type { Config } from './config.js';
import { createEnginePool } from './engine/engine-pool.js';
import { createHlsProxy } from './hls/hls-proxy.js';
import { createSegmentCache } from './hls/segment-cache.js';
import { accessKeyMiddleware, adminTokenMiddleware } from './http/access.js';
import { authRouter } from './http/auth-router.js';
import { errorMiddleware } from './http/error-middleware.js';
import { healthRouter } from './http/health-router.js';
import { bodyLimitMiddleware } from './http/read-body.js';
import { requestLogMiddleware } from './http/request-log.js';
import { staticUiMiddleware } from './http/static-ui.js';
import type { Logger } from './log.js';
import { packageRoot } from './package-root.js';
import { createSessions } from './sessions/sessions.js';
import { hlsRouter } from './streams/hls-router.js';
import { playRouter } from './streams/play-router.js';
import type { StreamDeps } from './streams/respond.js';
import { segmentFastPath } from './streams/segment-fast-path.js';
import { sessionsRouter } from './streams/sessions-router.js';
import { tsRouter } from './streams/ts-router.js';
import { createTsFanout } from './ts/ts-fanout.js';

export interface AppDeps {
  config: Config;
  log: Logger;
  /** Tuning that users do not set but tests and benchmarks do. */
  tuning?: Partial<Tuning>;
}

export interface Tuning {
  hlsWindow: number;
  segmentCacheBytes: number;
  tsBacklogBytes: number;
  engineRequestTimeoutMs: number;
  playlistTimeoutMs: number;
}

const DEFAULT_TUNING: Tuning = {
  // hls.js and most players start three target durations from the end: 8 segments leave room to spare.
  hlsWindow: 8,
  segmentCacheBytes: 96 * 1024 * 1024,
  tsBacklogBytes: 4 * 1024 * 1024,
  engineRequestTimeoutMs: 5000,
  playlistTimeoutMs: 10_000,
};

/**
 * The composition root: builds every service once and mounts the routers. The only I/O is opening the
 * catalog (it refuses to start on a corrupt db.json); timers start with start().
 */
export async function createApp({ config, log, tuning: overrides }: AppDeps) {
  const tuning = { ...DEFAULT_TUNING, ...overrides };
  const engines = createEnginePool({
    urls: config.engineUrls,
    log,
    startTimeoutMs: config.engineStartTimeoutS * 1000,
    requestTimeoutMs: tuning.engineRequestTimeoutMs,
  });
  const cache = createSegmentCache({ maxBytes: tuning.segmentCacheBytes });
  const sessions = createSessions({
    engines,
    log,
    idleMs: config.idleTimeoutS * 1000,
    startTimeoutMs: config.engineStartTimeoutS * 1000,
    playlistTimeoutMs: tuning.playlistTimeoutMs,
    maxStreams: config.maxStreams,
    onEnded: (session) => cache.dropPrefix(`${session.id}/`),
  });
  const catalog = await createCatalogFeature({ config, log });
  const streams: StreamDeps = {
    sessions,
    cache,
    hls: createHlsProxy({ cache, window: tuning.hlsWindow }),
    ts: createTsFanout({ cache, log, maxBacklogBytes: tuning.tsBacklogBytes }),
    linkPrefix: config.publicUrl ? new URL(config.publicUrl).pathname.replace(/\/+$/, '') : '',
  };

  const app = new Koa({ proxy: true });
  app.silent = true;
  app.use(requestLogMiddleware(log));
  app.use(errorMiddleware(log));
  app.use(cors({ origin: '*', exposeHeaders: ['Content-Length', 'Content-Type'] }));
  // Before the UI and the routers: they see the path without /k/<key>, and only requests that may pass.
  app.use(accessKeyMiddleware(config.accessKey));
  app.use(adminTokenMiddleware(config.adminToken));
  app.use(bodyLimitMiddleware(config.maxBodyMb * 1024 * 1024));
  app.use(staticUiMiddleware(join(packageRoot(), 'ui', 'dist')));
  const routers = [
    hlsRouter(streams),
    playRouter({ ...streams, channels: catalog.channels }),
    tsRouter(streams),
    sessionsRouter(streams),
    authRouter(),
    healthRouter(engines, sessions, { adminToken: config.adminToken !== undefined, accessKey: config.accessKey !== undefined }),
    ...catalog.routers,
    addonRouter({ config, channels: catalog.channels, guide: catalog.guide, log }),
    hdhrRouter({ config, channels: catalog.channels, log }),
  ];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }

  const koa = app.callback();
  // With ACCESS_KEY every URL carries the key: those requests take the normal, checking path.
  const fastPath = config.accessKey === undefined ? segmentFastPath(streams, log, { trustProxy: app.proxy }) : () => false;

  return {
    app,
    /** The request handler to serve: cached segments first, everything else through Koa. */
    handler: (req: IncomingMessage, res: ServerResponse) => {
      if (!fastPath(req, res)) void koa(req, res);
    },
    engines,
    sessions,
    catalog,
    /** Starts the background schedules (guide and playlist refreshes). */
    start() {
      catalog.start();
    },
    async close() {
      engines.close();
      await Promise.all([sessions.close(), catalog.close()]);
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;
