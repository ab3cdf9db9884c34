export interface SimulatorCounters {
  starts: number;
  stops: number;
  expired: number;
  activeSessions: number;
  playlistRequests: number;
  segmentRequests: number;
  streamRequests: number;
  statRequests: number;
  /** Starts per infohash. */
  startsByContent: Record<string, number>;
}

export type CountedEvent = Exclude<keyof SimulatorCounters, 'activeSessions' | 'startsByContent'>;

export function createCounters() {
  let counts = zero();

  function zero() {
    return {
      starts: 0,
      stops: 0,
      expired: 0,
      playlistRequests: 0,
      segmentRequests: 0,
      streamRequests: 0,
      statRequests: 0,
      startsByContent: new Map<string, number>(),
    };
  }

  return {
    add(event: CountedEvent): void {
      counts[event]++;
    },
    started(infohash: string): void {
      counts.starts++;
      counts.startsByContent.set(infohash, (counts.startsByContent.get(infohash) ?? 0) + 1);
    },
    snapshot(activeSessions: number): SimulatorCounters {
      return { ...counts, activeSessions, startsByContent: Object.fromEntries(counts.startsByContent) };
    },
    reset(): void {
      counts = zero();
    },
  };
}

export type Counters = ReturnType<typeof createCounters>;
