import type { Logger } from '../log.js';
import { createEngineClient, type EngineClient } from './engine-client.js';
import { engineUnavailable } from './engine-errors.js';

export interface EnginePoolDeps {
  urls: string[];
  log: Logger;
  startTimeoutMs: number;
  requestTimeoutMs: number;
  /** How often every engine's get_version is checked. */
  checkEveryMs?: number;
}

/** One configured engine with what we know of it. */
export interface Engine {
  url: string;
  client: EngineClient;
  healthy: boolean;
  version: string | null;
  lastError: string | null;
  /** Live sessions placed on it. */
  sessions: number;
}

/**
 * Several engines share the load: a new session goes to the healthy engine with the fewest sessions.
 * An engine that fails a call is marked down until its next good health check.
 */
export function createEnginePool({ urls, log, startTimeoutMs, requestTimeoutMs, checkEveryMs = 10_000 }: EnginePoolDeps) {
  const engines: Engine[] = urls.map((url) => ({
    url,
    client: createEngineClient({ baseUrl: url, log, startTimeoutMs, requestTimeoutMs }),
    healthy: true,
    version: null,
    lastError: null,
    sessions: 0,
  }));

  async function check(engine: Engine): Promise<void> {
    try {
      engine.version = (await engine.client.version()).version;
      if (!engine.healthy) log.info({ engine: engine.url }, 'engine is back');
      engine.healthy = true;
      engine.lastError = null;
    } catch (err) {
      markDown(engine, (err as Error).message);
    }
  }

  function markDown(engine: Engine, reason: string) {
    if (engine.healthy) log.warn({ engine: engine.url, reason }, 'engine marked down');
    engine.healthy = false;
    engine.lastError = reason;
  }

  const timer = engines.length > 1 ? setInterval(() => void Promise.all(engines.map(check)), checkEveryMs) : undefined;
  timer?.unref();

  return {
    engines,

    /**
     * The engine for a new session. Down engines are tried only when none is healthy (it may be back
     * before its next check); `avoid` is skipped while there is any other.
     */
    pick(avoid?: Engine): Engine {
      const candidates = engines.filter((e) => e !== avoid);
      const pool = candidates.length > 0 ? candidates : engines;
      const healthy = pool.filter((e) => e.healthy);
      const choice = (healthy.length > 0 ? healthy : pool).reduce((a, b) => (b.sessions < a.sessions ? b : a), (healthy.length > 0 ? healthy : pool)[0]!);
      if (!choice) throw engineUnavailable('no engine configured');
      return choice;
    },

    markDown,
    checkAll: () => Promise.all(engines.map(check)),

    close() {
      if (timer) clearInterval(timer);
    },
  };
}

export type EnginePool = ReturnType<typeof createEnginePool>;
