/** Exponential backoff with a ceiling: 1 s, 2 s, 4 s, 8 s, … for attempt 0, 1, 2, 3, … */
export function backoffDelay(attempt: number, baseMs = 1000, maxMs = 16_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
}

export interface Retrier {
  /** Schedules `run` after the next delay; false once the attempts are used up. */
  schedule(run: () => void): boolean;
  reset(): void;
  cancel(): void;
  readonly attempt: number;
}

export function createRetrier(maxAttempts: number, baseMs = 1000, maxMs = 16_000): Retrier {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    schedule(run) {
      if (attempt >= maxAttempts) return false;
      cancel();
      timer = setTimeout(run, backoffDelay(attempt, baseMs, maxMs));
      attempt++;
      return true;
    },
    reset() {
      cancel();
      attempt = 0;
    },
    cancel,
    get attempt() {
      return attempt;
    },
  };
}
