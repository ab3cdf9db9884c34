/** Display helpers shared by pages: speeds, sizes, durations, engine states. Pure, see format.test.ts. */

/** The engine reports KB/s (kilobytes); people compare with line speeds in bits. */
export function formatSpeed(kbPerS: number): string {
  if (!Number.isFinite(kbPerS) || kbPerS <= 0) return '0 kB/s';
  if (kbPerS < 1000) return `${Math.round(kbPerS)} kB/s`;
  return `${(kbPerS / 1000).toFixed(kbPerS < 10_000 ? 2 : 1)} MB/s`;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${UNITS[unit]}`;
}

/** 75 → "1m 15s", 3725 → "1h 2m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  const h = Math.floor(s / 3600);
  return h < 48 ? `${h}h ${Math.floor((s % 3600) / 60)}m` : `${Math.floor(h / 24)}d ${h % 24}h`;
}

export const uptimeOf = (startedAt: string, now = Date.now()) => formatDuration((now - Date.parse(startedAt)) / 1000);

const ENGINE_STATES: Record<string, string> = {
  prebuf: 'prebuffering',
  dl: 'downloading',
  buf: 'buffering',
  idle: 'idle',
  check: 'checking',
  err: 'engine error',
  starting: 'starting',
  unknown: 'unknown',
};

export const engineStatusLabel = (status: string) => ENGINE_STATES[status] ?? status;

/** "18:05" in the viewer's time zone. */
export const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  return seconds < 5 ? 'just now' : `${formatDuration(seconds)} ago`;
}
