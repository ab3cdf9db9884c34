export interface LiveWindowOptions {
  pace: 'live' | 'fast';
  initialSegments: number;
  windowSize: number;
  playlist: 'sliding' | 'growing';
  segmentMs: number;
}

export interface LiveWindow {
  /** First segment listed (and still served). */
  first: number;
  /** Newest segment available: the live edge. */
  last: number;
}

/** Segments a session has produced `sinceReadyMs` after prebuffering ended; undefined while prebuffering. */
export function liveWindow(sinceReadyMs: number, o: LiveWindowOptions): LiveWindow | undefined {
  if (!(sinceReadyMs >= 0)) return undefined;
  const atReady = Math.max(1, o.pace === 'fast' ? o.windowSize : o.initialSegments);
  const produced = atReady + Math.floor(sinceReadyMs / o.segmentMs);
  const first = o.playlist === 'sliding' ? Math.max(0, produced - Math.max(1, o.windowSize)) : 0;
  return { first, last: produced - 1 };
}
