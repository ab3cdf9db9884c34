import { onScopeDispose, ref } from 'vue';
import { messageOf } from '../api/client.js';

/**
 * One user action that talks to the server: `busy` while it runs (with seconds elapsed, for long work such
 * as an import), `error` as a readable message. `run` resolves to the result, or undefined on failure.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const busy = ref(false);
  const error = ref<string | null>(null);
  const elapsed = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  const stopClock = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };

  async function run(...args: A): Promise<R | undefined> {
    busy.value = true;
    error.value = null;
    elapsed.value = 0;
    const began = Date.now();
    stopClock();
    timer = setInterval(() => (elapsed.value = Math.floor((Date.now() - began) / 1000)), 500);
    try {
      return await fn(...args);
    } catch (err) {
      error.value = messageOf(err);
      return undefined;
    } finally {
      stopClock();
      busy.value = false;
    }
  }

  onScopeDispose(stopClock);
  return { run, busy, error, elapsed, clearError: () => (error.value = null) };
}
