import type { Logger } from '../log.js';

export interface ScheduledJob {
  name: string;
  /** 0 turns the job off (EPG_REFRESH_HOURS=0, PLAYLIST_REFRESH_HOURS=0). */
  everyHours: number;
  run: (maxAgeMs: number) => Promise<void>;
}

const FIRST_RUN_MS = 5_000;
const MAX_TICK_MS = 15 * 60_000;

/**
 * Runs each job soon after start and then every few minutes; the job itself skips sources refreshed less
 * than `everyHours` ago, so a restart does not refetch everything. Timers are unref'd: they never keep
 * the process alive.
 */
export function schedule(jobs: ScheduledJob[], log: Logger): () => void {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();
  for (const job of jobs) {
    if (job.everyHours <= 0) continue;
    const maxAgeMs = job.everyHours * 3_600_000;
    const tick = () => {
      if (running.has(job.name)) return;
      running.add(job.name);
      job.run(maxAgeMs).catch((err: unknown) => log.warn({ err, job: job.name }, 'scheduled refresh failed')).finally(() => running.delete(job.name));
    };
    timers.push(setTimeout(tick, FIRST_RUN_MS).unref(), setInterval(tick, Math.min(maxAgeMs, MAX_TICK_MS)).unref());
  }
  return () => timers.forEach((t) => clearTimeout(t));
}
