/** Samples of each live session over the last minutes, for the sessions chart. Pure data, no timers. */
export interface Sample {
  at: number;
  down: number;
  up: number;
  peers: number;
}

export type History = Map<string, Sample[]>;

/**
 * Adds one sample per session seen in this poll and forgets sessions that are gone. Returns a new map so
 * a Vue ref holding it changes identity (cheap: arrays are shared up to the new sample).
 */
export function recordSamples(
  history: History,
  sessions: { sessionId: string; speedDown: number; speedUp: number; peers: number }[],
  at: number,
  windowMs = 5 * 60_000,
): History {
  const next: History = new Map();
  for (const s of sessions) {
    const kept = (history.get(s.sessionId) ?? []).filter((p) => at - p.at <= windowMs);
    next.set(s.sessionId, [...kept, { at, down: s.speedDown, up: s.speedUp, peers: s.peers }]);
  }
  return next;
}

export interface ChartLine {
  points: string;
  max: number;
  last: number;
}

/** The time the chart spans: what has been seen so far (at least 30 s), at most the whole window. */
export function chartSpan(samples: Sample[], now: number, windowMs = 5 * 60_000): number {
  const oldest = samples[0]?.at ?? now;
  return Math.min(windowMs, Math.max(30_000, now - oldest));
}

/**
 * SVG polyline points for one series on a `width`×`height` box; the right edge is `now` and the box spans
 * `spanMs`. The series is scaled to `scaleMax`, else to its own maximum.
 */
export function chartLine(
  samples: Sample[], pick: (s: Sample) => number, now: number, width: number, height: number,
  { scaleMax, spanMs = 5 * 60_000 }: { scaleMax?: number; spanMs?: number } = {},
): ChartLine {
  const values = samples.map(pick);
  const max = Math.max(1, scaleMax ?? 0, ...values);
  const pad = 2;
  const points = samples
    .map((s, i) => {
      const x = width - ((now - s.at) / spanMs) * width;
      const y = height - pad - ((values[i] ?? 0) / max) * (height - 2 * pad);
      return `${Math.max(0, x).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return { points, max, last: values.at(-1) ?? 0 };
}
