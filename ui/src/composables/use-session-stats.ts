import { ref, toValue, type MaybeRefOrGetter } from 'vue';
import { api, ApiError } from '../api/client.js';
import type { Channel, SessionStatus } from '../api/types.js';
import { sessionMatches } from '../lib/channel-filter.js';
import { usePolling } from './use-polling.js';

/** Where the player's session is found: the start API's status URL, or a channel's content among all sessions. */
export type StatsTarget = { statusUrl: string } | { channel: Pick<Channel, 'contentId' | 'infohash'> } | null;

export const STATS_INTERVAL_MS = 5000;

/** The engine statistics of what the player plays, every 5 s; `ended` once the session is gone. */
export function useSessionStats(target: MaybeRefOrGetter<StatsTarget>) {
  const ended = ref(false);
  const poll = usePolling<SessionStatus | null>(
    async (signal) => {
      const t = toValue(target);
      if (!t) return null;
      try {
        if ('statusUrl' in t) return await api.streamStatus(t.statusUrl, signal);
        const sessions = await api.sessions(signal);
        return sessions.find((s) => sessionMatches(t.channel, s)) ?? null;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'SESSION_NOT_FOUND') {
          ended.value = true;
          return null;
        }
        throw err;
      }
    },
    STATS_INTERVAL_MS,
    { immediate: false },
  );
  return {
    stats: poll.data,
    error: poll.error,
    ended,
    start() {
      ended.value = false;
      poll.start();
    },
    stop: poll.stop,
    refresh: poll.refresh,
  };
}
