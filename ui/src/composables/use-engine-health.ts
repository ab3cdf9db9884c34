import { computed, inject, provide, type ComputedRef, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import { api } from '../api/client.js';
import type { Health } from '../api/types.js';
import { usePolling, type Polling } from './use-polling.js';

export interface EngineHealth {
  health: ShallowRef<Health | undefined>;
  /** The server itself did not answer. */
  serverError: Ref<string | null>;
  /** True until the first answer. */
  checking: ComputedRef<boolean>;
  canPlay: ComputedRef<boolean>;
  /** Why play buttons are off; '' when they are on. */
  reason: ComputedRef<string>;
  refresh(): Promise<void>;
}

const KEY: InjectionKey<EngineHealth> = Symbol('engine-health');
const OK_INTERVAL_MS = 5000;
// While the engine is down, look more often so the buttons come back soon after it does.
const DOWN_INTERVAL_MS = 2000;

/** Polls /api/health for the whole app; App.vue calls it once, pages read it with useEngineHealth(). */
export function provideEngineHealth(): EngineHealth {
  const poll: Polling<Health> = usePolling((signal) => api.health(signal), (): number =>
    poll.data.value?.engine.reachable && !poll.error.value ? OK_INTERVAL_MS : DOWN_INTERVAL_MS);
  const reachable = computed(() => poll.error.value === null && poll.data.value?.engine.reachable === true);
  const state: EngineHealth = {
    health: poll.data,
    serverError: poll.error,
    checking: computed(() => poll.data.value === undefined && poll.error.value === null),
    canPlay: reachable,
    reason: computed(() => {
      if (reachable.value) return '';
      if (poll.error.value) return `The acehub server is not answering: ${poll.error.value}`;
      const engine = poll.data.value?.engine;
      if (!engine) return 'Checking the Ace Stream engine…';
      return `The Ace Stream engine at ${engine.url} is unreachable${engine.error ? ` (${engine.error})` : ''}.`;
    }),
    refresh: poll.refresh,
  };
  provide(KEY, state);
  return state;
}

export function useEngineHealth(): EngineHealth {
  const state = inject(KEY);
  if (!state) throw new Error('useEngineHealth() needs provideEngineHealth() in a parent component');
  return state;
}
