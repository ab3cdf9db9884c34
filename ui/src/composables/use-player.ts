import type Hls from 'hls.js';
import type { ErrorData, HlsConfig, LoadPolicy } from 'hls.js';
import { onScopeDispose, ref, type Ref } from 'vue';
import { createRetrier } from '../lib/backoff.js';
import { describeLoadError } from '../lib/player-errors.js';

export type PlayerState = 'idle' | 'loading' | 'playing' | 'retrying' | 'failed';

// Our own attempts after hls.js has used up its per-request retries: 2 s, 4 s, 8 s, then "retry?".
const RELOADS = 3;

const policy = (firstByteMs: number, loadMs: number, retries: number): LoadPolicy => ({
  default: {
    maxTimeToFirstByteMs: firstByteMs,
    maxLoadTimeMs: loadMs,
    timeoutRetry: { maxNumRetry: 2, retryDelayMs: 1000, maxRetryDelayMs: 8000, backoff: 'exponential' },
    errorRetry: { maxNumRetry: retries, retryDelayMs: 1000, maxRetryDelayMs: 8000, backoff: 'exponential' },
  },
});

export const HLS_CONFIG: Partial<HlsConfig> = {
  liveSyncDurationCount: 3,
  // The first playlist arrives only once the engine has prebuffered (up to ENGINE_START_TIMEOUT_S, 30 s).
  manifestLoadPolicy: policy(40_000, 45_000, 3),
  playlistLoadPolicy: policy(10_000, 15_000, 4),
  fragLoadPolicy: policy(10_000, 30_000, 6),
};

/** hls.js (or Safari's own HLS) on a <video>, with backoff on load errors and a clear final message. */
export function usePlayer(video: Ref<HTMLVideoElement | null>) {
  const state = ref<PlayerState>('idle');
  const message = ref('');
  const retrier = createRetrier(RELOADS, 2000);
  let hls: Hls | undefined;
  let url = '';
  let mediaRecoveries = 0;
  let generation = 0;

  function fail(text: string) {
    retrier.cancel();
    state.value = 'failed';
    message.value = text;
    hls?.destroy();
    hls = undefined;
  }

  function retryLater(reason: string) {
    const scheduled = retrier.schedule(() => void attach());
    if (!scheduled) return fail(`${reason} Gave up after ${RELOADS} more attempts.`);
    state.value = 'retrying';
    message.value = `${reason} Trying again (attempt ${retrier.attempt} of ${RELOADS})…`;
  }

  function onHlsError(data: ErrorData, HlsClass: typeof Hls) {
    if (!data.fatal) return;
    if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
      // The documented recovery order: recoverMediaError, then swap audio codec and recover again.
      if (mediaRecoveries++ === 1) hls?.swapAudioCodec();
      hls?.recoverMediaError();
      return;
    }
    const reason = describeLoadError(data);
    if (data.type === HlsClass.ErrorTypes.NETWORK_ERROR && !reason.permanent) {
      hls?.destroy();
      hls = undefined;
      retryLater(reason.text);
    } else {
      fail(reason.text);
    }
  }

  async function attach(): Promise<void> {
    const el = video.value;
    if (!el || !url) return;
    const mine = ++generation;
    hls?.destroy();
    hls = undefined;
    if (state.value !== 'retrying') state.value = 'loading';
    const { default: HlsClass } = await import('hls.js');
    if (mine !== generation) return;
    if (!HlsClass.isSupported()) {
      if (el.canPlayType('application/vnd.apple.mpegurl')) {
        el.src = url;
        void startPlayback(el);
        return;
      }
      return fail('This browser cannot play HLS (no Media Source Extensions and no native HLS).');
    }
    const instance = new HlsClass(HLS_CONFIG);
    hls = instance;
    instance.on(HlsClass.Events.ERROR, (_event, data) => onHlsError(data, HlsClass));
    instance.on(HlsClass.Events.MANIFEST_PARSED, () => void startPlayback(el));
    instance.on(HlsClass.Events.FRAG_BUFFERED, () => {
      retrier.reset();
      mediaRecoveries = 0;
    });
    instance.attachMedia(el);
    instance.loadSource(url);
  }

  async function startPlayback(el: HTMLVideoElement) {
    try {
      await el.play();
    } catch (err) {
      // Autoplay with sound may be refused without a recent click: start muted, the user can unmute.
      if ((err as Error).name !== 'NotAllowedError') return;
      el.muted = true;
      await el.play().catch(() => undefined);
    }
  }

  const onPlaying = () => {
    state.value = 'playing';
    message.value = '';
  };
  const onNativeError = () => {
    if (!hls && url && state.value !== 'idle') retryLater('The browser could not load the stream.');
  };

  function bind(el: HTMLVideoElement) {
    el.addEventListener('playing', onPlaying);
    el.addEventListener('error', onNativeError);
  }

  function play(streamUrl: string) {
    url = streamUrl;
    retrier.reset();
    mediaRecoveries = 0;
    message.value = '';
    state.value = 'loading';
    if (video.value) bind(video.value);
    void attach();
  }

  function stop() {
    generation++;
    retrier.cancel();
    hls?.destroy();
    hls = undefined;
    url = '';
    state.value = 'idle';
    message.value = '';
    const el = video.value;
    if (el) {
      el.removeEventListener('playing', onPlaying);
      el.removeEventListener('error', onNativeError);
      el.pause();
      el.removeAttribute('src');
      el.load();
    }
  }

  onScopeDispose(stop);
  return {
    state,
    message,
    play,
    stop,
    /** After a final failure: start over with fresh attempts. */
    retry: () => (url ? play(url) : undefined),
  };
}
