export interface SimulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Time from start until the session is ready (default 2000): TS answers send no headers and playlists wait. */
  prebufferMs?: number;
  /** live: segments appear in real time; fast: a full window is available once prebuffering ends. */
  pace?: 'live' | 'fast';
  /** Live pace: segments available when prebuffering ends (default 3). */
  initialSegments?: number;
  /** Segments listed at most in a playlist (default 12). */
  windowSize?: number;
  /** sliding: only the last windowSize listed; growing: all from 0 (the engine's behaviour is unsure). */
  playlist?: 'sliding' | 'growing';
  /** Status of a segment not yet available or slid out (default 404). */
  missingSegmentStatus?: 404 | 500;
  /** Content ids that fail with "failed to load content". */
  deadContentIds?: string[];
  /** The engine stops a session nobody read for this long (default 30000). */
  idleExpiryMs?: number;
  /** Default 3.2.3. */
  version?: string;
  /** Live pace multiplier (default 1): 10 makes segments appear ten times faster than real time, for tests. */
  speed?: number;
}

export type SimulatorConfig = Required<Omit<SimulatorOptions, 'deadContentIds'>> & { deadContentIds: Set<string> };

export function resolveOptions(o: SimulatorOptions = {}): SimulatorConfig {
  return {
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    prebufferMs: Math.max(0, o.prebufferMs ?? 2000),
    pace: o.pace ?? 'live',
    initialSegments: Math.max(1, o.initialSegments ?? 3),
    windowSize: Math.max(1, o.windowSize ?? 12),
    playlist: o.playlist ?? 'sliding',
    missingSegmentStatus: o.missingSegmentStatus ?? 404,
    deadContentIds: new Set((o.deadContentIds ?? []).map((id) => id.toLowerCase())),
    idleExpiryMs: Math.max(1, o.idleExpiryMs ?? 30_000),
    version: o.version ?? '3.2.3',
    speed: o.speed !== undefined && o.speed > 0 ? o.speed : 1,
  };
}

/** "3.2.3" → 3020300, the engine's numeric version code. */
export function versionCode(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return major * 1_000_000 + minor * 10_000 + patch * 100;
}
