import { onScopeDispose, ref, shallowRef, toValue, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue';
import { messageOf } from '../api/client.js';

export interface Polling<T> {
  data: ShallowRef<T | undefined>;
  error: Ref<string | null>;
  loading: Ref<boolean>;
  /** Fetches now (and restarts the interval); resolves once the answer is in. */
  refresh(): Promise<void>;
  stop(): void;
  start(): void;
}

/**
 * Calls `load` at once, then every `intervalMs` (read again after each call, so it can change), never two
 * at a time. An error keeps the last good data and is cleared by the next success. Stops with its scope.
 */
export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, intervalMs: MaybeRefOrGetter<number>, options: { immediate?: boolean } = {}): Polling<T> {
  const data = shallowRef<T>();
  const error = ref<string | null>(null);
  const loading = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let running = false;
  let inFlight: Promise<void> | undefined;

  const clear = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  async function tick(): Promise<void> {
    clear();
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    try {
      data.value = await load(mine.signal);
      error.value = null;
    } catch (err) {
      if (mine.signal.aborted) return;
      error.value = messageOf(err);
    } finally {
      if (controller === mine) {
        loading.value = false;
        if (running) timer = setTimeout(() => void (inFlight = tick()), toValue(intervalMs));
      }
    }
  }

  const refresh = () => {
    if (!running) running = true;
    inFlight = tick();
    return inFlight;
  };

  const stop = () => {
    running = false;
    clear();
    controller?.abort();
    loading.value = false;
  };

  if (options.immediate !== false) void refresh();
  onScopeDispose(stop);
  return { data, error, loading, refresh, stop, start: () => void refresh() };
}
