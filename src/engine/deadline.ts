import { engineTimeout } from './engine-errors.js';

/** got's own timeouts cover a silent socket; this also bounds an engine that trickles bytes forever. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(engineTimeout(what, ms)), ms + 250);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
